//! Messages of the company's users (R7.4) and of the personal API tokens (issue 10). Customers'
//! screens: in the customers' bundle and the staff one (which shows neither screen to staff).

use portal_domain::api_tokens::TokenScope;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserMsg {
    // Company users
    NavUsers,
    UsersTitle,
    UsersIntro,
    UsersIntroMember,
    AddUser,
    AddUserTitle,
    AddUserIntro,
    DoAdd,
    Adding,
    UserAdded,
    MailFailed,
    RoleHint,
    ColName,
    ColCreated,
    You,
    StatusDisabled,
    StatusPending,
    StatusNoMfa,
    Edit,
    EditUserTitle,
    EditSelfWarning,
    Save,
    Saved,
    Disable,
    Enable,
    Delete,
    DisableTitle,
    DisableBody,
    DisableSelfBody,
    DoDisable,
    EnableTitle,
    EnableBody,
    DoEnable,
    DeleteTitle,
    DeleteBody,
    DeleteSelfBody,
    DoDelete,
    Disabled,
    Enabled,
    Deleted,
    NoCompanyUsers,
    NoMatch,
    UsersPagerInfo,
    ViewUsers,
    // API tokens
    NavTokens,
    TokensTitle,
    TokensIntro,
    TokensActAsYou,
    NewToken,
    TokenName,
    TokenNameHint,
    Scope,
    ScopeRead,
    ScopeReadWrite,
    ScopeReadHint,
    ScopeReadWriteHint,
    ExpiresInDays,
    ExpiresInDaysHint,
    DaysOutOfRange,
    CreateToken,
    Creating,
    SecretTitle,
    SecretOnce,
    SecretUse,
    Copy,
    Copied,
    CopyFailed,
    SecretSaved,
    YourTokens,
    ColPrefix,
    ColScope,
    ColExpires,
    ColLastUsed,
    NeverUsed,
    Expired,
    NoTokens,
    Revoke,
    RevokeTitle,
    RevokeBody,
    DoRevoke,
    Revoked,
    ManageTokens,
}

impl UserMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use UserMsg::*;
        match self {
            NavUsers => ("ユーザー", "Users"),
            UsersTitle => ("会社のユーザー", "Your company's users"),
            UsersIntro => (
                "この会社でポータルを使う人の一覧です。代表者はユーザーの追加、名前と役割の変更、無効化、削除ができます。",
                "Everyone of your company who uses the portal. Representatives add users, change their name and role, disable and delete them.",
            ),
            UsersIntroMember => (
                "ユーザーの追加や変更は代表者のみが行えます。必要なときは代表者にご依頼ください。",
                "Only representatives add or change users. Please ask one of them when you need a change.",
            ),
            AddUser => ("ユーザーを追加", "Add a user"),
            AddUserTitle => ("ユーザーの追加", "Add a user"),
            AddUserIntro => (
                "入力したメールアドレスに仮パスワードをお送りします。初回ログイン時にパスワードの変更と多要素認証の設定をしていただきます。",
                "A temporary password is mailed to this address. At the first sign-in the user chooses a new password and sets up multi-factor authentication.",
            ),
            DoAdd => ("追加する", "Add"),
            Adding => ("追加しています…", "Adding…"),
            UserAdded => (
                "{name} さんを追加しました。仮パスワードを {email} にメールでお送りしました（{until} まで有効）。",
                "{name} was added. A temporary password was mailed to {email} (valid until {until} JST).",
            ),
            MailFailed => (
                "{name} さんを追加しましたが、メールを送れませんでした。cloudpack サポートに仮パスワードの再発行をご依頼ください。",
                "{name} was added, but the mail could not be sent. Please ask cloudpack support to issue a new temporary password.",
            ),
            RoleHint => (
                "代表者はユーザーの管理やサービスのお申し込みができます。メンバーは閲覧とメッセージのやり取りができます。",
                "Representatives manage users and apply for services; members view and exchange messages.",
            ),
            ColName => ("名前", "Name"),
            ColCreated => ("登録日", "Added"),
            You => ("あなた", "you"),
            StatusDisabled => ("無効", "Disabled"),
            StatusPending => ("初回ログイン待ち", "Not signed in yet"),
            StatusNoMfa => ("多要素認証 未設定", "MFA not set up"),
            Edit => ("変更", "Edit"),
            EditUserTitle => ("ユーザーの変更", "Edit user"),
            EditSelfWarning => (
                "あなた自身をメンバーに変更すると、ユーザーの管理やサービスのお申し込みができなくなります。",
                "If you make yourself a member, you can no longer manage users or apply for services.",
            ),
            Save => ("保存する", "Save"),
            Saved => ("{name} さんの情報を保存しました。", "{name} is saved."),
            Disable => ("無効にする", "Disable"),
            Enable => ("有効にする", "Enable"),
            Delete => ("削除", "Delete"),
            DisableTitle => ("ユーザーの無効化", "Disable user"),
            DisableBody => (
                "{name} さん（{email}）を無効にします。ログイン中のセッションと API トークンはすべてただちに使えなくなります。あとで有効に戻せます。よろしいですか？",
                "This disables {name} ({email}). Every session and API token of theirs stops working at once. You can enable them again later. Continue?",
            ),
            DisableSelfBody => (
                "あなた自身（{email}）を無効にします。あなたのセッションと API トークンはすべて使えなくなり、このままログアウトします。ほかの代表者に有効に戻してもらうまでログインできません。よろしいですか？",
                "This disables you ({email}). All your sessions and API tokens stop working and you will be signed out now; you cannot sign in until another representative enables you. Continue?",
            ),
            DoDisable => ("無効にする", "Disable"),
            EnableTitle => ("ユーザーの有効化", "Enable user"),
            EnableBody => (
                "{name} さん（{email}）を有効に戻します。再びログインできるようになります。よろしいですか？",
                "This enables {name} ({email}) again: they can sign in. Continue?",
            ),
            DoEnable => ("有効にする", "Enable"),
            DeleteTitle => ("ユーザーの削除", "Delete user"),
            DeleteBody => (
                "{name} さん（{email}）を削除します。ログイン中のセッションと API トークンはすべてただちに使えなくなります。元に戻せません。よろしいですか？",
                "This deletes {name} ({email}). Every session and API token of theirs stops working at once. This cannot be undone. Continue?",
            ),
            DeleteSelfBody => (
                "あなた自身（{email}）を削除します。あなたのセッションと API トークンはすべて使えなくなり、このままログアウトします。元に戻せません。よろしいですか？",
                "This deletes you ({email}). All your sessions and API tokens stop working and you will be signed out now. This cannot be undone. Continue?",
            ),
            DoDelete => ("削除する", "Delete"),
            Disabled => ("{name} さんを無効にしました。", "{name} is disabled."),
            Enabled => ("{name} さんを有効にしました。", "{name} is enabled."),
            Deleted => ("{name} さんを削除しました。", "{name} is deleted."),
            NoCompanyUsers => ("ユーザーはまだいません。", "No users yet."),
            NoMatch => ("条件に合うユーザーはいません。", "No user matches."),
            UsersPagerInfo => ("{page} / {pages} ページ（{total} 人）", "Page {page} of {pages} ({total} users)"),
            ViewUsers => ("会社のユーザーを見る", "View your company's users"),
            NavTokens => ("API トークン", "API tokens"),
            TokensTitle => ("API トークン", "API tokens"),
            TokensIntro => (
                "API トークンは、社内のシステムからポータルの API を呼び出すための鍵です。リクエストに Authorization: Bearer cpp_… ヘッダーを付けて送ります。",
                "An API token lets your own systems call the portal's API: send it in the header Authorization: Bearer cpp_….",
            ),
            TokensActAsYou => (
                "トークンはあなたとして、あなたの役割でできる範囲で動きます。ユーザーが無効化・削除されると、そのユーザーのトークンもすべて使えなくなります。",
                "A token acts as you, within what your role allows. When a user is disabled or deleted, all their tokens stop working.",
            ),
            NewToken => ("新しいトークン", "New token"),
            TokenName => ("名前", "Name"),
            TokenNameHint => ("用途がわかる名前（例: 請求データ連携）。100 文字まで。", "What it is for (e.g. billing export); up to 100 characters."),
            Scope => ("権限", "Scope"),
            ScopeRead => ("読み取り専用", "Read only"),
            ScopeReadWrite => ("読み取りと書き込み", "Read and write"),
            ScopeReadHint => ("データの参照だけができます（GET）。", "Reads data only (GET)."),
            ScopeReadWriteHint => (
                "あなたの役割でできる操作（お申し込み、メッセージなど）もできます。",
                "Also does what your role allows (applications, messages …).",
            ),
            ExpiresInDays => ("有効期間（日）", "Valid for (days)"),
            ExpiresInDaysHint => ("1〜365 日。期限を過ぎると使えなくなります。", "1 to 365 days; it stops working after that."),
            DaysOutOfRange => ("有効期間は 1〜365 日の整数で入力してください。", "Enter a whole number of days from 1 to 365."),
            CreateToken => ("トークンを作成", "Create token"),
            Creating => ("作成しています…", "Creating…"),
            SecretTitle => ("新しい API トークン", "Your new API token"),
            SecretOnce => (
                "このトークンは今しか表示されません。閉じると二度と見られないため、いますぐコピーして安全な場所に保管してください。",
                "This is the only time the token is shown. Once you close this, you will not see it again: copy it now and keep it somewhere safe.",
            ),
            SecretUse => ("使い方: Authorization: Bearer <トークン>", "Use: Authorization: Bearer <token>"),
            Copy => ("コピー", "Copy"),
            Copied => ("コピーしました。", "Copied."),
            CopyFailed => (
                "コピーできませんでした。トークンを選択してコピーしてください。",
                "Could not copy. Please select the token and copy it.",
            ),
            SecretSaved => ("保管しました（閉じる）", "I have saved it (close)"),
            YourTokens => ("あなたのトークン", "Your tokens"),
            ColPrefix => ("先頭の文字", "Starts with"),
            ColScope => ("権限", "Scope"),
            ColExpires => ("有効期限", "Expires"),
            ColLastUsed => ("最終使用", "Last used"),
            NeverUsed => ("未使用", "Never"),
            Expired => ("期限切れ", "Expired"),
            NoTokens => ("トークンはまだありません。", "No tokens yet."),
            Revoke => ("無効にする", "Revoke"),
            RevokeTitle => ("トークンの無効化", "Revoke token"),
            RevokeBody => (
                "トークン「{name}」（{prefix}…）を無効にします。このトークンを使っているシステムは、ただちにポータルを呼び出せなくなります。元に戻せません。よろしいですか？",
                "This revokes the token “{name}” ({prefix}…). Systems using it can no longer call the portal, at once. This cannot be undone. Continue?",
            ),
            DoRevoke => ("無効にする", "Revoke"),
            Revoked => ("トークン「{name}」を無効にしました。", "The token “{name}” is revoked."),
            ManageTokens => ("API トークンを管理", "Manage API tokens"),
        }
    }

    pub fn for_scope(scope: TokenScope) -> UserMsg {
        match scope {
            TokenScope::Read => UserMsg::ScopeRead,
            TokenScope::ReadWrite => UserMsg::ScopeReadWrite,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
        found.sort_unstable();
        found
    }

    /// Every text exists in both languages and names the same placeholders in each.
    #[test]
    fn every_text_is_in_both_languages_with_the_same_placeholders() {
        let all = [
            UserMsg::NavUsers,
            UserMsg::UsersTitle,
            UserMsg::UsersIntro,
            UserMsg::UsersIntroMember,
            UserMsg::AddUser,
            UserMsg::AddUserTitle,
            UserMsg::AddUserIntro,
            UserMsg::DoAdd,
            UserMsg::Adding,
            UserMsg::UserAdded,
            UserMsg::MailFailed,
            UserMsg::RoleHint,
            UserMsg::ColName,
            UserMsg::ColCreated,
            UserMsg::You,
            UserMsg::StatusDisabled,
            UserMsg::StatusPending,
            UserMsg::StatusNoMfa,
            UserMsg::Edit,
            UserMsg::EditUserTitle,
            UserMsg::EditSelfWarning,
            UserMsg::Save,
            UserMsg::Saved,
            UserMsg::Disable,
            UserMsg::Enable,
            UserMsg::Delete,
            UserMsg::DisableTitle,
            UserMsg::DisableBody,
            UserMsg::DisableSelfBody,
            UserMsg::DoDisable,
            UserMsg::EnableTitle,
            UserMsg::EnableBody,
            UserMsg::DoEnable,
            UserMsg::DeleteTitle,
            UserMsg::DeleteBody,
            UserMsg::DeleteSelfBody,
            UserMsg::DoDelete,
            UserMsg::Disabled,
            UserMsg::Enabled,
            UserMsg::Deleted,
            UserMsg::NoCompanyUsers,
            UserMsg::NoMatch,
            UserMsg::UsersPagerInfo,
            UserMsg::ViewUsers,
            UserMsg::NavTokens,
            UserMsg::TokensTitle,
            UserMsg::TokensIntro,
            UserMsg::TokensActAsYou,
            UserMsg::NewToken,
            UserMsg::TokenName,
            UserMsg::TokenNameHint,
            UserMsg::Scope,
            UserMsg::ScopeRead,
            UserMsg::ScopeReadWrite,
            UserMsg::ScopeReadHint,
            UserMsg::ScopeReadWriteHint,
            UserMsg::ExpiresInDays,
            UserMsg::ExpiresInDaysHint,
            UserMsg::DaysOutOfRange,
            UserMsg::CreateToken,
            UserMsg::Creating,
            UserMsg::SecretTitle,
            UserMsg::SecretOnce,
            UserMsg::SecretUse,
            UserMsg::Copy,
            UserMsg::Copied,
            UserMsg::CopyFailed,
            UserMsg::SecretSaved,
            UserMsg::YourTokens,
            UserMsg::ColPrefix,
            UserMsg::ColScope,
            UserMsg::ColExpires,
            UserMsg::ColLastUsed,
            UserMsg::NeverUsed,
            UserMsg::Expired,
            UserMsg::NoTokens,
            UserMsg::Revoke,
            UserMsg::RevokeTitle,
            UserMsg::RevokeBody,
            UserMsg::DoRevoke,
            UserMsg::Revoked,
            UserMsg::ManageTokens,
        ];
        for m in all {
            let (ja, en) = m.pair();
            assert!(!ja.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(placeholders(ja), placeholders(en), "{m:?}");
        }
    }

    #[test]
    fn the_token_intro_shows_the_header_an_integrator_sends() {
        for text in [UserMsg::TokensIntro.pair().0, UserMsg::TokensIntro.pair().1] {
            assert!(text.contains("Authorization: Bearer cpp_"), "{text}");
        }
        assert_eq!(UserMsg::for_scope(TokenScope::Read), UserMsg::ScopeRead);
    }
}
