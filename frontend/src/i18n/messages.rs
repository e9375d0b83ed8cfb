//! Every user-visible string of the SPA, in Japanese and English. Placeholders such as `{n}` are filled
//! by [`Msg::fill`].

#[cfg(any(feature = "staff", not(feature = "signin"), test))]
use super::aws_tools::AwsToolsMsg;
#[cfg(any(feature = "staff", test))]
use super::aws_tools_staff::AwsToolsStaffMsg;
use super::company::CompanyMsg;
use super::inquiries::InquiryMsg;
#[cfg(any(feature = "staff", test))]
use super::inquiry_staff::InquiryStaffMsg;
use super::optimization::OptimizationMsg;
#[cfg(any(feature = "staff", test))]
use super::optimization_staff::OptStaffMsg;
use super::services::ServiceMsg;
use super::staff::StaffMsg;
use super::threads::ThreadMsg;
use super::trainings::TrainingMsg;
use super::users::UserMsg;
#[cfg(any(feature = "staff", test))]
use super::work::WorkMsg;
use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    // Frame
    Brand,
    SwitchLanguage,
    SwitchLanguageTitle,
    Loading,
    Sending,
    NotFound,
    NotFoundTitle,
    NoPermissionTitle,
    NoPermission,
    BackHome,
    SkipToContent,
    CompanyDetailTitle,
    MainNavLabel,
    PaginationLabel,
    // Sign-in
    LoginTitle,
    LoginIntro,
    SessionEnded,
    Email,
    Password,
    Login,
    LoggingIn,
    // Password
    ChangePassword,
    ChangePasswordForcedIntro,
    ChangePasswordIntro,
    CurrentPassword,
    NewPassword,
    PasswordHint,
    PasswordChanged,
    // MFA enrolment
    MfaEnrollTitle,
    MfaEnrollIntro,
    MfaSecretLabel,
    AuthCode,
    Confirm,
    RecoveryCodesTitle,
    RecoveryCodesIntro,
    RecoveryCodesSaved,
    // MFA verification
    MfaVerifyTitle,
    MfaVerifyIntro,
    RecoveryVerifyIntro,
    RecoveryCode,
    UseRecoveryCode,
    UseAuthCode,
    Verify,
    BackToLogin,
    // Home
    Home,
    WhoYouAre,
    DisplayName,
    Role,
    Company,
    CompanyCode,
    Staff,
    RoleMember,
    RoleRepresentative,
    RoleCsm,
    RoleAdmin,
    Security,
    MfaStatus,
    MfaEnabled,
    MfaDisabled,
    RecoveryCodesLeft,
    RecentSignIns,
    RecentSignInsIntro,
    NoSignIns,
    ColClientAddress,
    ColBrowser,
    Logout,
    StaffMenu,
    AdminUsersLink,
    // Admin: users
    AdminUsersTitle,
    Search,
    SearchPlaceholder,
    NoUsers,
    ColStatus,
    ColActions,
    MustChangePassword,
    Active,
    ResetCredentials,
    ResetConfirmTitle,
    ResetConfirmBody,
    Cancel,
    DoReset,
    TemporaryPasswordTitle,
    TemporaryPasswordBody,
    Close,
    PrevPage,
    NextPage,
    PageInfo,
    // Errors that are not the server's (the server's are `portal_domain::ErrorCode`)
    ErrNetwork,
    ErrUnexpected,
    // The company screens and domain labels; the staff screens (catalogues of their own).
    Co(CompanyMsg),
    Svc(ServiceMsg),
    Adm(StaffMsg),
    Thr(ThreadMsg),
    Trn(TrainingMsg),
    Usr(UserMsg),
    /// Staff bundle only (see [`WorkMsg`]).
    #[cfg(any(feature = "staff", test))]
    Work(WorkMsg),
    Inq(InquiryMsg),
    /// Staff bundle only (see [`InquiryStaffMsg`]).
    #[cfg(any(feature = "staff", test))]
    InqStaff(InquiryStaffMsg),
    Opt(OptimizationMsg),
    /// Staff bundle only (see [`OptStaffMsg`]).
    #[cfg(any(feature = "staff", test))]
    OptStaff(OptStaffMsg),
    /// Not in the sign-in bundle (see [`AwsToolsMsg`]).
    #[cfg(any(feature = "staff", not(feature = "signin"), test))]
    Aws(AwsToolsMsg),
    /// Staff bundle only (see [`AwsToolsStaffMsg`]).
    #[cfg(any(feature = "staff", test))]
    AwsStaff(AwsToolsStaffMsg),
}

#[cfg(any(feature = "staff", not(feature = "signin"), test))]
impl From<AwsToolsMsg> for Msg {
    fn from(m: AwsToolsMsg) -> Msg {
        Msg::Aws(m)
    }
}

#[cfg(any(feature = "staff", test))]
impl From<AwsToolsStaffMsg> for Msg {
    fn from(m: AwsToolsStaffMsg) -> Msg {
        Msg::AwsStaff(m)
    }
}

impl From<OptimizationMsg> for Msg {
    fn from(m: OptimizationMsg) -> Msg {
        Msg::Opt(m)
    }
}

#[cfg(any(feature = "staff", test))]
impl From<OptStaffMsg> for Msg {
    fn from(m: OptStaffMsg) -> Msg {
        Msg::OptStaff(m)
    }
}

impl From<InquiryMsg> for Msg {
    fn from(m: InquiryMsg) -> Msg {
        Msg::Inq(m)
    }
}

#[cfg(any(feature = "staff", test))]
impl From<InquiryStaffMsg> for Msg {
    fn from(m: InquiryStaffMsg) -> Msg {
        Msg::InqStaff(m)
    }
}

impl From<ThreadMsg> for Msg {
    fn from(m: ThreadMsg) -> Msg {
        Msg::Thr(m)
    }
}

impl From<TrainingMsg> for Msg {
    fn from(m: TrainingMsg) -> Msg {
        Msg::Trn(m)
    }
}

impl From<UserMsg> for Msg {
    fn from(m: UserMsg) -> Msg {
        Msg::Usr(m)
    }
}

#[cfg(any(feature = "staff", test))]
impl From<WorkMsg> for Msg {
    fn from(m: WorkMsg) -> Msg {
        Msg::Work(m)
    }
}

impl From<CompanyMsg> for Msg {
    fn from(m: CompanyMsg) -> Msg {
        Msg::Co(m)
    }
}

impl From<ServiceMsg> for Msg {
    fn from(m: ServiceMsg) -> Msg {
        Msg::Svc(m)
    }
}

impl From<StaffMsg> for Msg {
    fn from(m: StaffMsg) -> Msg {
        Msg::Adm(m)
    }
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        lang.pick(self.pair())
    }

    /// The text with each `{key}` replaced by its value.
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        portal_domain::codes::fill(self.text(lang), args)
    }

    fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            Brand => ("cloudpack+ PORTAL", "cloudpack+ PORTAL"),
            // The switch names the language it switches *to*, in that language.
            SwitchLanguage => ("English", "日本語"),
            SwitchLanguageTitle => ("表示言語を英語に切り替えます", "Switch the display language to Japanese"),
            Loading => ("読み込み中…", "Loading…"),
            Sending => ("送信中…", "Sending…"),
            NotFound => ("お探しのページは見つかりませんでした。", "The page you are looking for does not exist."),
            NotFoundTitle => ("ページが見つかりません", "Page not found"),
            NoPermissionTitle => ("権限がありません", "No permission"),
            NoPermission => (
                "このページを表示する権限がありません。必要な場合は担当者にお問い合わせください。",
                "You do not have permission to view this page. Please ask your contact if you need it.",
            ),
            BackHome => ("ホームに戻る", "Back to home"),
            SkipToContent => ("本文へスキップ", "Skip to main content"),
            CompanyDetailTitle => ("企業の詳細", "Company details"),
            MainNavLabel => ("メインメニュー", "Main menu"),
            PaginationLabel => ("ページ送り", "Pages"),

            LoginTitle => ("ログイン", "Sign in"),
            LoginIntro => (
                "メールアドレスとパスワードを入力してください。",
                "Enter your e-mail address and password.",
            ),
            SessionEnded => (
                "セッションの有効期限が切れたため、ログアウトしました。もう一度ログインすると、表示していたページに戻ります。",
                "Your session has ended and you have been signed out. Sign in again to return to the page you were on.",
            ),
            Email => ("メールアドレス", "E-mail address"),
            Password => ("パスワード", "Password"),
            Login => ("ログイン", "Sign in"),
            LoggingIn => ("ログイン中…", "Signing in…"),

            ChangePassword => ("パスワードを変更", "Change password"),
            ChangePasswordForcedIntro => (
                "初めてのログインです。仮パスワードを、ご自身で決めた新しいパスワードに変更してください。",
                "This is your first sign-in. Please replace the temporary password with a new one of your own.",
            ),
            ChangePasswordIntro => (
                "現在のパスワードと新しいパスワードを入力してください。",
                "Enter your current password and the new one.",
            ),
            CurrentPassword => ("現在のパスワード", "Current password"),
            NewPassword => ("新しいパスワード", "New password"),
            PasswordHint => (
                "{min} 文字以上で、メールアドレスを含まないものにしてください。",
                "At least {min} characters, and it must not contain your e-mail address.",
            ),
            PasswordChanged => ("パスワードを変更しました。", "Your password has been changed."),

            MfaEnrollTitle => ("多要素認証の設定", "Set up multi-factor authentication"),
            MfaEnrollIntro => (
                "認証アプリ（Google Authenticator、Microsoft Authenticator など）で QR コードを読み取り、表示された 6 桁の認証コードを入力してください。",
                "Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, …) and enter the 6-digit code it shows.",
            ),
            MfaSecretLabel => (
                "QR コードを読み取れない場合は、次のキーを手入力してください。",
                "If you cannot scan the code, enter this key by hand:",
            ),
            AuthCode => ("認証コード（6 桁）", "Authentication code (6 digits)"),
            Confirm => ("確認する", "Confirm"),
            RecoveryCodesTitle => ("リカバリーコード", "Recovery codes"),
            RecoveryCodesIntro => (
                "認証アプリが使えなくなったときに、認証コードの代わりに入力するコードです。各コードは 1 回だけ使えます。この画面は二度と表示されないため、印刷するなどして安全な場所に保管してください。",
                "Use one of these codes instead of an authentication code if you lose your authenticator app. Each code works once. They will not be shown again: store them somewhere safe.",
            ),
            RecoveryCodesSaved => ("保管しました", "I have saved them"),

            MfaVerifyTitle => ("認証コードの入力", "Two-step verification"),
            MfaVerifyIntro => (
                "認証アプリに表示されている 6 桁の認証コードを入力してください。",
                "Enter the 6-digit code shown in your authenticator app.",
            ),
            RecoveryVerifyIntro => (
                "保管しているリカバリーコードを 1 つ入力してください。使ったコードは再利用できません。",
                "Enter one of your saved recovery codes. A used code cannot be used again.",
            ),
            RecoveryCode => ("リカバリーコード", "Recovery code"),
            UseRecoveryCode => ("リカバリーコードを使う", "Use a recovery code instead"),
            UseAuthCode => ("認証コードを使う", "Use an authentication code instead"),
            Verify => ("確認する", "Verify"),
            BackToLogin => ("ログイン画面に戻る", "Back to sign-in"),

            Home => ("ホーム", "Home"),
            WhoYouAre => ("ログイン中のユーザー", "Signed in as"),
            DisplayName => ("氏名", "Name"),
            Role => ("権限", "Role"),
            Company => ("会社", "Company"),
            CompanyCode => ("会社コード", "Company code"),
            Staff => ("スタッフ", "Staff"),
            RoleMember => ("メンバー", "Member"),
            RoleRepresentative => ("代表担当者", "Representative"),
            RoleCsm => ("カスタマーサクセス担当", "Customer success manager"),
            RoleAdmin => ("管理者", "Administrator"),
            Security => ("セキュリティ", "Security"),
            MfaStatus => ("多要素認証", "Multi-factor authentication"),
            MfaEnabled => ("有効", "On"),
            MfaDisabled => ("未設定", "Not set up"),
            RecoveryCodesLeft => ("残りのリカバリーコード：{n} 個", "Recovery codes left: {n}"),
            RecentSignIns => ("最近のログイン", "Recent sign-ins"),
            RecentSignInsIntro => (
                "心当たりのないログインがあれば、すぐにパスワードを変更し、担当者にご連絡ください。",
                "If a sign-in was not you, change your password at once and tell us.",
            ),
            NoSignIns => ("ログインの記録はまだありません。", "No sign-ins recorded yet."),
            ColClientAddress => ("接続元", "Address"),
            ColBrowser => ("ブラウザー", "Browser"),
            Logout => ("ログアウト", "Sign out"),
            StaffMenu => ("スタッフ用メニュー", "Staff menu"),
            AdminUsersLink => ("ユーザー管理", "User management"),

            AdminUsersTitle => ("ユーザー管理", "User management"),
            Search => ("検索", "Search"),
            SearchPlaceholder => ("氏名・メールアドレス・会社名で検索", "Search by name, e-mail or company"),
            NoUsers => ("該当するユーザーはいません。", "No users match."),
            ColStatus => ("状態", "Status"),
            ColActions => ("操作", "Actions"),
            MustChangePassword => ("パスワード変更待ち", "Awaiting password change"),
            Active => ("利用中", "Active"),
            ResetCredentials => ("パスワードと多要素認証をリセット", "Reset password & MFA"),
            ResetConfirmTitle => ("認証情報のリセット", "Reset credentials"),
            ResetConfirmBody => (
                "{name}（{email}）のパスワードと多要素認証をリセットします。現在のパスワード、認証アプリ、リカバリーコードは使えなくなり、ログイン中のセッションも無効になります。よろしいですか？",
                "This resets the password and MFA of {name} ({email}). Their current password, authenticator app and recovery codes stop working and their sessions are ended. Continue?",
            ),
            Cancel => ("キャンセル", "Cancel"),
            DoReset => ("リセットする", "Reset"),
            TemporaryPasswordTitle => ("仮パスワード", "Temporary password"),
            TemporaryPasswordBody => (
                "次の仮パスワードを、安全な方法でご本人にお伝えください。この画面を閉じると二度と表示されません。",
                "Give this temporary password to the user over a trusted channel. It will not be shown again once you close this.",
            ),
            Close => ("閉じる", "Close"),
            PrevPage => ("前へ", "Previous"),
            NextPage => ("次へ", "Next"),
            PageInfo => ("{page} / {pages} ページ（全 {total} 件）", "Page {page} of {pages} ({total} users)"),

            ErrNetwork => (
                "サーバーに接続できませんでした。ネットワークの状態を確認してください。",
                "Could not reach the server. Please check your connection.",
            ),
            ErrUnexpected => (
                "予期しないエラーが発生しました（HTTP {n}）。",
                "An unexpected error occurred (HTTP {n}).",
            ),

            Co(m) => m.pair(),
            Svc(m) => m.pair(),
            Adm(m) => m.pair(),
            Thr(m) => m.pair(),
            Trn(m) => m.pair(),
            Usr(m) => m.pair(),
            #[cfg(any(feature = "staff", test))]
            Work(m) => m.pair(),
            Inq(m) => m.pair(),
            #[cfg(any(feature = "staff", test))]
            InqStaff(m) => m.pair(),
            Opt(m) => m.pair(),
            #[cfg(any(feature = "staff", test))]
            OptStaff(m) => m.pair(),
            #[cfg(any(feature = "staff", not(feature = "signin"), test))]
            Aws(m) => m.pair(),
            #[cfg(any(feature = "staff", test))]
            AwsStaff(m) => m.pair(),
        }
    }
}

impl Msg {
    /// The label of a role.
    pub fn for_role(role: portal_domain::Role) -> Msg {
        use portal_domain::Role;
        match role {
            Role::Member => Msg::RoleMember,
            Role::Representative => Msg::RoleRepresentative,
            Role::Csm => Msg::RoleCsm,
            Role::Admin => Msg::RoleAdmin,
        }
    }
}
