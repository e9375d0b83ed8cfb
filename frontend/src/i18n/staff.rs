//! Messages of the staff screens: companies, onboarding, transactions, thresholds, rollover, audit.
//! (The error codes those operations return are translated by `portal_domain::ErrorCode`.)

use portal_domain::audit::AuditAction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffMsg {
    NavAdminCompanies,
    NavOnboard,
    NavTransactions,
    NavThresholds,
    NavAudit,
    // Company list
    CompaniesTitle,
    AllRanks,
    RankFilter,
    CompanySearchPlaceholder,
    NoCompanies,
    ColCode,
    ColName,
    ColRank,
    ColTickets,
    // Onboarding
    OnboardTitle,
    OnboardIntro,
    CompanyCode,
    CompanyCodeHint,
    CompanyName,
    ContractTypes,
    Exclusions,
    RepresentativeName,
    RepresentativeEmail,
    OnboardSubmit,
    IneligibleTitle,
    OnboardDone,
    OnboardMailFile,
    OpenCompany,
    OnboardAnother,
    // Company detail
    BackToCompanies,
    Contracts,
    Flags,
    NoFlags,
    AdminOnly,
    CompanyUsers,
    NoCompanyUsers,
    LinkAwsTitle,
    AwsAccountIdHint,
    AwsDisplayName,
    RootHeld,
    UnderMaintenance,
    LinkSubmit,
    AwsLinked,
    OverrideTitle,
    OverrideIntro,
    OverrideFiscalYear,
    OverrideRank,
    Reason,
    OverrideSubmit,
    OverrideConfirmTitle,
    OverrideConfirmBody,
    DoOverride,
    OverrideDone,
    AdjustTitle,
    AdjustIntro,
    AdjustAmount,
    AdjustSubmit,
    AdjustConfirmTitle,
    AdjustConfirmBody,
    DoAdjust,
    AdjustDone,
    AmountNotANumber,
    // Transactions
    TransactionsTitle,
    TransactionsIntro,
    CsvFile,
    CsvPaste,
    ImportSubmit,
    ImportNothing,
    ImportDone,
    ImportErrorsTitle,
    ColWhere,
    ColProblem,
    // Thresholds
    ThresholdsTitle,
    ThresholdsIntro,
    CurrentThresholds,
    NoThresholds,
    EditThresholds,
    Note,
    SaveThresholds,
    ThresholdsSaved,
    ThresholdNotANumber,
    History,
    ColVersion,
    ColChangedAt,
    ColChangedBy,
    // Rollover
    RolloverTitle,
    RolloverIntro,
    RolloverFiscalYear,
    RolloverSubmit,
    RolloverConfirmTitle,
    RolloverConfirmBody,
    DoRollover,
    RolloverDone,
    // Audit
    AuditTitle,
    ActionFilter,
    AllActions,
    NoAudit,
    ColActor,
    ColAction,
    ColTarget,
    ColClient,
    SecurityEvents,
    OtherActions,
    Changes,
    Before,
    After,
}

impl StaffMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        if let Some(name) = self.page_name() {
            return name;
        }
        self.screen_text()
    }

    /// The staff pages' names: the customers' bundle shows them too (navigation of a staff member
    /// before the staff bundle loads, document titles).
    fn page_name(self) -> Option<(&'static str, &'static str)> {
        use StaffMsg::*;
        Some(match self {
            NavAdminCompanies => ("企業一覧", "Companies"),
            NavOnboard => ("企業登録", "Onboard a company"),
            NavTransactions => ("取引データ取込", "Import transactions"),
            NavThresholds => ("ランク閾値・年次更新", "Rank thresholds & rollover"),
            NavAudit => ("監査ログ", "Audit log"),
            CompaniesTitle => ("企業一覧", "Companies"),
            OnboardTitle => ("企業登録", "Onboard a company"),
            TransactionsTitle => ("取引データ取込", "Import transactions"),
            ThresholdsTitle => ("ランク閾値", "Rank thresholds"),
            AuditTitle => ("監査ログ", "Audit log"),
            _ => return None,
        })
    }

    /// The staff screens' texts are left out of the customers' bundle, which has no staff screens
    /// (issue 8's first-page budget): there, no screen asks for them.
    #[cfg(not(any(feature = "staff", test)))]
    fn screen_text(self) -> (&'static str, &'static str) {
        ("", "")
    }

    #[cfg(any(feature = "staff", test))]
    fn screen_text(self) -> (&'static str, &'static str) {
        use StaffMsg::*;
        match self {
            // Named by `page_name`.
            NavAdminCompanies | NavOnboard | NavTransactions | NavThresholds | NavAudit | CompaniesTitle | OnboardTitle | TransactionsTitle | ThresholdsTitle | AuditTitle => ("", ""),

            AllRanks => ("すべてのランク", "All ranks"),
            RankFilter => ("ランク", "Rank"),
            CompanySearchPlaceholder => ("会社名・会社コードで検索", "Search by company name or code"),
            NoCompanies => ("該当する企業はありません。", "No companies match."),
            ColCode => ("会社コード", "Code"),
            ColName => ("会社名", "Company"),
            ColRank => ("今年度のランク", "Rank this year"),
            ColTickets => ("チケット残高", "Tickets"),

            OnboardIntro => (
                "ご利用条件（R1.1・R1.2）を満たす企業だけを登録できます。登録すると、代表担当者のアカウントが作られ、仮パスワードがメールで送られます。",
                "Only companies meeting the conditions (R1.1, R1.2) can be onboarded. Onboarding creates the representative's account and e-mails them a temporary password.",
            ),
            CompanyCode => ("会社コード", "Company code"),
            CompanyCodeHint => (
                "半角英数字と「-」「_」で 32 文字まで（取引データの company_code と同じ）",
                "Up to 32 letters, digits, '-' or '_' (the company_code of transaction data)",
            ),
            CompanyName => ("会社名", "Company name"),
            ContractTypes => ("ご契約（該当するものすべて）", "Contracts (all that apply)"),
            Exclusions => ("該当する場合はチェック", "Check if it applies"),
            RepresentativeName => ("代表担当者の氏名", "Representative's name"),
            RepresentativeEmail => ("代表担当者のメールアドレス", "Representative's e-mail address"),
            OnboardSubmit => ("登録する", "Onboard"),
            IneligibleTitle => (
                "次の理由により、この企業は cloudpack+ をご利用いただけません。",
                "This company cannot use cloudpack+ for these reasons:",
            ),
            OnboardDone => (
                "{name}（{code}）を登録しました。代表担当者 {email} に仮パスワードを送信しました。",
                "{name} ({code}) is onboarded. A temporary password was sent to the representative, {email}.",
            ),
            OnboardMailFile => (
                "（メールはサーバーの送信フォルダーに保存されています）",
                "(the e-mail was written to the server's outbox folder)",
            ),
            OpenCompany => ("この企業を開く", "Open this company"),
            OnboardAnother => ("続けて登録する", "Onboard another"),

            BackToCompanies => ("企業一覧", "Companies"),
            Contracts => ("ご契約", "Contracts"),
            Flags => ("属性", "Attributes"),
            NoFlags => ("なし", "none"),
            AdminOnly => (
                "この操作は管理者のみが行えます。必要な場合は管理者に依頼してください。",
                "Only an admin can do this. Ask an admin if it is needed.",
            ),
            CompanyUsers => ("ユーザー", "Users"),
            NoCompanyUsers => ("ユーザーはいません。", "No users."),
            LinkAwsTitle => ("AWS アカウントを連携", "Link an AWS account"),
            AwsAccountIdHint => ("12 桁（ハイフン可）", "12 digits (hyphens allowed)"),
            AwsDisplayName => ("表示名", "Display name"),
            RootHeld => (
                "このアカウントのルートユーザーを当社で保有している（R1.3）",
                "We hold the root user of this account (R1.3)",
            ),
            UnderMaintenance => (
                "運用保守契約あり（作業報告は Backlog へ）",
                "Under a maintenance contract (work reports go to Backlog)",
            ),
            LinkSubmit => ("連携する", "Link"),
            AwsLinked => ("AWS アカウント {id} を連携しました。", "AWS account {id} is linked."),
            OverrideTitle => ("ランクの手動設定", "Override the rank"),
            OverrideIntro => (
                "取引実績によらずランクを設定します（R2.4）。理由は監査ログに記録されます。",
                "Sets the rank regardless of transaction volume (R2.4). The reason is kept in the audit log.",
            ),
            OverrideFiscalYear => ("対象年度", "Fiscal year"),
            OverrideRank => ("ランク", "Rank"),
            Reason => ("理由", "Reason"),
            OverrideSubmit => ("ランクを設定", "Set rank"),
            OverrideConfirmTitle => ("ランクの変更", "Change the rank"),
            OverrideConfirmBody => (
                "{company} の {fy} のランクを {rank} に設定します。今年度の場合、チケットの付与・差し引きがランクに合わせて行われます。よろしいですか？",
                "This sets the rank of {company} for {fy} to {rank}. For the current year, tickets are granted or removed to match. Continue?",
            ),
            DoOverride => ("設定する", "Set rank"),
            OverrideDone => ("ランクを設定しました。", "The rank has been set."),
            AdjustTitle => ("チケットの調整", "Adjust tickets"),
            AdjustIntro => (
                "付与する場合は正の数、差し引く場合は負の数を入力してください。残高は 0 未満になりません（R3.2）。",
                "Enter a positive number to add tickets, a negative one to remove them. The balance never goes below zero (R3.2).",
            ),
            AdjustAmount => ("数量", "Amount"),
            AdjustSubmit => ("調整する", "Adjust"),
            AdjustConfirmTitle => ("チケットの調整", "Adjust tickets"),
            AdjustConfirmBody => (
                "{company} のチケットを {amount} 枚調整します（現在の残高 {balance} 枚）。記録は取り消せません。よろしいですか？",
                "This adjusts the tickets of {company} by {amount} (balance now {balance}). The entry cannot be undone. Continue?",
            ),
            DoAdjust => ("調整する", "Adjust"),
            AdjustDone => ("チケットを調整しました。", "The tickets have been adjusted."),
            AmountNotANumber => ("整数を入力してください。", "Enter a whole number."),

            TransactionsIntro => (
                "月別の取引額の CSV（UTF-8、1 行目は company_code,year_month,amount_yen）を選ぶか貼り付けてください。誤りが 1 行でもあれば何も取り込まれません。取り込み済みの会社・年月は置き換えられます。",
                "Choose or paste a CSV of monthly volumes (UTF-8, header company_code,year_month,amount_yen). If any row is invalid nothing is imported. A company-month imported before is replaced.",
            ),
            CsvFile => ("CSV ファイル", "CSV file"),
            CsvPaste => ("または CSV を貼り付け", "Or paste the CSV"),
            ImportSubmit => ("取り込む", "Import"),
            ImportNothing => ("ファイルを選ぶか、CSV を貼り付けてください。", "Choose a file or paste the CSV."),
            ImportDone => (
                "{rows} 行（{companies} 社）を取り込みました。置き換え {replaced} 件。",
                "Imported {rows} rows ({companies} companies); {replaced} replaced.",
            ),
            ImportErrorsTitle => (
                "次の行に誤りがあるため、何も取り込んでいません。",
                "Nothing was imported because of these rows:",
            ),
            ColWhere => ("行・項目", "Line / column"),
            ColProblem => ("内容", "Problem"),

            ThresholdsIntro => (
                "前年（1〜12 月）の取引額がこの金額以上のとき、そのランクになります（R2.3）。変更は次の年次更新から使われます。",
                "A company gets a rank when its volume of the previous calendar year is at least this amount (R2.3). Changes apply from the next rollover.",
            ),
            CurrentThresholds => ("現在の閾値（第 {v} 版）", "Current thresholds (version {v})"),
            NoThresholds => ("閾値が登録されていません。", "No thresholds are configured."),
            EditThresholds => ("閾値の変更", "Change thresholds"),
            Note => ("変更理由", "Reason for the change"),
            SaveThresholds => ("保存する", "Save"),
            ThresholdsSaved => ("第 {v} 版として保存しました。", "Saved as version {v}."),
            ThresholdNotANumber => ("金額は整数（円）で入力してください。", "Enter whole yen amounts."),
            History => ("履歴", "History"),
            ColVersion => ("版", "Version"),
            ColChangedAt => ("変更日時", "Changed"),
            ColChangedBy => ("変更者", "By"),

            RolloverTitle => ("年次更新", "Yearly rollover"),
            RolloverIntro => (
                "指定した年度のランクを各社に設定し、チケットの付与と前年度分の失効を行います（R2.5、R3.1）。通常は 4 月 1 日に自動で実行されます。何度実行しても結果は変わりません。",
                "Sets each company's rank for the fiscal year, grants its tickets and expires last year's (R2.5, R3.1). It normally runs on April 1 by itself; running it again changes nothing.",
            ),
            RolloverFiscalYear => ("対象年度", "Fiscal year"),
            RolloverSubmit => ("年次更新を実行", "Run rollover"),
            RolloverConfirmTitle => ("年次更新の実行", "Run the yearly rollover"),
            RolloverConfirmBody => (
                "{fy} の年次更新を実行します。全社のランク設定、チケットの付与・失効が行われ、取り消せません。よろしいですか？",
                "This runs the rollover for {fy}: every company's rank is set and tickets are granted and expired. It cannot be undone. Continue?",
            ),
            DoRollover => ("実行する", "Run"),
            RolloverDone => (
                "{fy}：対象 {companies} 社、ランク設定 {ranks} 社、付与 {grants} 件、失効 {expirations} 件、実行済みのため変更なし {unchanged} 社、失敗 {failed} 社（失敗分は再実行で処理されます）",
                "{fy}: {companies} companies, {ranks} ranks set, {grants} grants, {expirations} expirations, {unchanged} already done, {failed} failed (run again to retry them)",
            ),

            ActionFilter => ("操作", "Action"),
            AllActions => ("すべての操作", "All actions"),
            NoAudit => ("記録はありません。", "No entries."),
            ColActor => ("実行者", "Actor"),
            ColAction => ("操作", "Action"),
            ColTarget => ("対象", "Target"),
            ColClient => ("接続元", "Client"),
            SecurityEvents => ("ログイン・認証", "Sign-in and credentials"),
            OtherActions => ("業務操作", "Operations"),
            Changes => ("変更内容", "Changes"),
            Before => ("変更前", "Before"),
            After => ("変更後", "After"),
        }
    }
}

/// The name of an audit action, `(Japanese, English)`; exhaustive, so a new action needs its words.
pub fn audit_action(action: AuditAction) -> (&'static str, &'static str) {
    use AuditAction::*;
    match action {
        CompanyOnboard => ("企業登録", "Company onboarded"),
        CompanyLinkAwsAccount => ("AWS アカウント連携", "AWS account linked"),
        AwsRoleSet => ("AWS 連携ロールの登録", "AWS role registered"),
        AwsConnectionTest => ("AWS 接続テスト", "AWS connection tested"),
        ToolSettingUpdate => ("ツールの利用契約の変更", "Tool contract types changed"),
        CompanyRankOverride => ("ランクの手動設定", "Rank overridden"),
        CompanyRankRecomputed => ("ランクの再計算", "Rank recomputed"),
        TicketsAdjust => ("チケットの調整", "Tickets adjusted"),
        TransactionsImport => ("取引データ取込", "Transactions imported"),
        RankThresholdsUpdate => ("ランク閾値の変更", "Rank thresholds changed"),
        Rollover => ("年次更新", "Yearly rollover"),
        RolloverFailed => ("年次更新の失敗", "Yearly rollover failed"),
        UserResetCredentials => ("認証情報のリセット", "Credentials reset"),
        AuthSignIn => ("ログイン", "Sign-in"),
        AuthSignInFailed => ("ログイン失敗", "Failed sign-in"),
        AuthMfaFailed => ("認証コードの誤り", "Wrong second factor"),
        AuthLocked => ("ログインの一時停止", "Sign-in locked"),
        AuthLogout => ("ログアウト", "Sign-out"),
        AuthRefreshReuse => ("リフレッシュトークンの再利用", "Refresh token reused"),
        AuthPasswordChanged => ("パスワード変更", "Password changed"),
        AuthMfaEnrolled => ("多要素認証の設定", "MFA set up"),
        ServiceUpdate => ("オプションサービスの変更", "Option service changed"),
        ApplicationSubmit => ("サービスの申し込み", "Service applied for"),
        ApplicationTransition => ("申し込み状況の変更", "Application state changed"),
        TrainingMenuCreate => ("トレーニングの追加", "Training added"),
        TrainingBook => ("トレーニングの予約", "Training booked"),
        TrainingCancel => ("トレーニング予約の取消", "Training booking cancelled"),
        UserCreate => ("ユーザーの追加", "User added"),
        UserUpdate => ("ユーザーの変更", "User changed"),
        UserDisable => ("ユーザーの無効化", "User disabled"),
        UserEnable => ("ユーザーの有効化", "User enabled"),
        UserDelete => ("ユーザーの削除", "User deleted"),
        ApiTokenCreate => ("API トークンの発行", "API token created"),
        ApiTokenRevoke => ("API トークンの失効", "API token revoked"),
        ApiTokenUse => ("API トークンでの操作", "API token used"),
        InquiryOpen => ("お問い合わせの作成", "Inquiry opened"),
        InquiryMessage => ("お問い合わせへの書き込み", "Inquiry message"),
        InquiryClose => ("お問い合わせの終了", "Inquiry closed"),
        InquiryReopen => ("お問い合わせの再開", "Inquiry reopened"),
        InquiryAssign => ("お問い合わせの担当者変更", "Inquiry assigned"),
        CsmAssign => ("担当 CSM の割り当て", "CSM assigned"),
        OptimizationOpen => ("クラウド最適化の開始", "Cloud optimization opened"),
        OptimizationMessage => ("クラウド最適化のメッセージ", "Cloud optimization message"),
        OptimizationSlotPick => ("キックオフ日時の選択", "Kickoff time picked"),
        OptimizationClose => ("クラウド最適化の終了", "Cloud optimization closed"),
        ProposalCreate => ("改善提案の登録", "Proposal recorded"),
        ProposalEvidenceAttach => ("改善提案への根拠の添付", "Evidence attached to a proposal"),
        ProposalTransition => ("改善提案の状態変更", "Proposal status changed"),
        ProposalMeasure => ("改善効果の測定", "Effect measured"),
        ProposalComment => ("改善提案へのコメント", "Proposal comment"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_audit_action_has_distinct_names() {
        let mut ja = std::collections::HashSet::new();
        let mut en = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            let (j, e) = audit_action(a);
            assert!(!j.is_empty() && !e.is_empty(), "{a:?}");
            assert!(ja.insert(j), "Japanese name of {a:?} is used twice");
            assert!(en.insert(e), "English name of {a:?} is used twice");
        }
    }
}
