//! Messages of the option-service screens (R4): the catalogue, the apply form and its notices
//! (R4.4, R4.5), applications and their timeline (R4.6), and the staff queue (R6.5).

use portal_domain::services::{ApplicationAction, ApplicationState, ServiceCategory, ServiceScope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceMsg {
    NavServices,
    NavApplications,
    NavQueue,
    ServicesTitle,
    ServicesIntro,
    Balance,
    Category,
    Cost,
    Scope,
    TicketsN,
    Apply,
    OnlyRepresentatives,
    NoServices,
    CatCost,
    CatSecurity,
    CatTraining,
    ScopeEnvironment,
    ScopeAwsAccount,
    ScopeTraining,
    ScopeActions,
    UnRank,
    UnPaused,
    UnEnded,
    UnCapacity,
    UnTickets,
    ApplyTitle,
    ApplyIntro,
    CostAndAfter,
    NoticesTitle,
    NoticeNoCancel,
    NoticeLead,
    NoticeStats,
    NoticeDiagnosis,
    AwsAccount,
    ChooseAccount,
    NoLinkedAccounts,
    HearingSheet,
    Target,
    TargetHint,
    Actions,
    ActionsHint,
    WindowStart,
    WindowStartHint,
    WindowEnd,
    InvalidDate,
    PreWork,
    PreWorkHint,
    PreferredSchedule,
    PreferredScheduleHint,
    Notes,
    Submit,
    BackToServices,
    ApplicationsTitle,
    ApplicationsIntro,
    ApplicationTitle,
    ColService,
    ColState,
    ColCost,
    ColApplied,
    ColCompany,
    ColAge,
    NoApplications,
    PagerInfo,
    AppliedBy,
    NotCancellable,
    Timeline,
    ColWhen,
    ColWho,
    ColChange,
    ColNote,
    CancelApplication,
    CancelConfirmTitle,
    CancelConfirmBody,
    DoCancel,
    CancelledBalance,
    BackToApplications,
    StSubmitted,
    StAccepted,
    StScheduled,
    StInProgress,
    StReported,
    StCompleted,
    StCancelled,
    StRejected,
    QueueTitle,
    QueueIntro,
    AllStates,
    AllServices,
    NoQueue,
    AgeDays,
    AgeHours,
    StaffActions,
    NoActionsNow,
    ActAccept,
    ActSchedule,
    ActStart,
    ActReport,
    ActComplete,
    ActReject,
    ActionNote,
    RejectReason,
    RejectReasonHint,
    TransitionDone,
    StaleState,
    BackToQueue,
}

impl ServiceMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use ServiceMsg::*;
        match self {
            NavServices => ("オプションサービス", "Option services"),
            NavApplications => ("申込履歴", "Applications"),
            NavQueue => ("申込キュー", "Application queue"),
            ServicesTitle => ("オプションサービス", "Option services"),
            ServicesIntro => (
                "チケットでお申し込みいただけるサービスです。お申し込みは会社の代表者が行います。",
                "Services you can buy with tickets. Your company's representative applies.",
            ),
            Balance => ("チケット残高", "Ticket balance"),
            Category => ("分類", "Category"),
            Cost => ("必要チケット", "Cost"),
            Scope => ("対象範囲", "Scope"),
            TicketsN => ("{n} 枚", "{n} tickets"),
            Apply => ("申し込む", "Apply"),
            OnlyRepresentatives => (
                "お申し込みは会社の代表者のみが行えます。代表者にご依頼ください。",
                "Only your company's representative can apply. Please ask them.",
            ),
            NoServices => ("現在提供しているサービスはありません。", "No services are offered at the moment."),
            CatCost => ("コスト", "Cost"),
            CatSecurity => ("セキュリティ", "Security"),
            CatTraining => ("トレーニング", "Training"),
            ScopeEnvironment => ("環境全体", "Whole environment"),
            ScopeAwsAccount => ("AWS アカウント 1 つ", "One AWS account"),
            ScopeTraining => ("トレーニング 1 回", "One training"),
            ScopeActions => ("最大 15 アクション", "Up to 15 actions"),
            UnRank => (
                "{ranks} ランクのお客様向けです（現在のランク: {rank}）。",
                "For {ranks} companies (your rank: {rank}).",
            ),
            UnPaused => ("現在、受付を一時停止しています。", "Applications are paused for now."),
            UnEnded => ("提供を終了しました。", "This service has ended."),
            UnCapacity => ("今年度の受付枠に達しました。", "This fiscal year's capacity is used up."),
            UnTickets => (
                "チケットが {n} 枚不足しています（必要 {cost} 枚、残高 {balance} 枚）。",
                "{n} more tickets needed (costs {cost}, you hold {balance}).",
            ),
            ApplyTitle => ("サービスのお申し込み", "Apply for a service"),
            ApplyIntro => (
                "内容をご確認のうえお申し込みください。チケットはお申し込みと同時に消費されます。",
                "Check the terms and apply. The tickets are spent when you apply.",
            ),
            CostAndAfter => (
                "必要チケット {cost} 枚 — お申し込み後の残高 {after} 枚",
                "Costs {cost} tickets — balance after applying: {after}",
            ),
            NoticesTitle => ("ご注意", "Before you apply"),
            NoticeNoCancel => (
                "お申し込み後の取り消しはできません。",
                "This application cannot be cancelled once made.",
            ),
            NoticeLead => (
                "診断の開始はお申し込みから {n} 営業日以降になります。",
                "The assessment starts no earlier than {n} business days after you apply.",
            ),
            NoticeStats => (
                "診断パートナーが統計情報（脆弱性の種類と件数、業種、実施時期）を保持する場合があります。",
                "Our assessment partner may keep statistics (vulnerability types and counts, industry, period).",
            ),
            NoticeDiagnosis => (
                "診断のため対象アカウントで AWS Security Hub と AWS Config を有効にします。これらは AWS の利用料金の対象です（小規模な環境で月額 2 ドル程度から）。診断後に無効にできます。",
                "The diagnosis turns on AWS Security Hub and AWS Config in the account. AWS charges for them (about $2 a month and up for a small environment); you can turn them off afterwards.",
            ),
            AwsAccount => ("対象の AWS アカウント", "AWS account"),
            ChooseAccount => ("選択してください", "Choose an account"),
            NoLinkedAccounts => (
                "連携済みの AWS アカウントがないため、このサービスはお申し込みいただけません。担当者にご連絡ください。",
                "You have no linked AWS account, which this service needs. Please contact us.",
            ),
            HearingSheet => ("ヒアリングシート", "Hearing sheet"),
            Target => ("診断対象（URL またはシステム名）", "Target (URL or system)"),
            TargetHint => ("例: https://shop.example.com", "e.g. https://shop.example.com"),
            Actions => ("アクション数", "Number of actions"),
            ActionsHint => ("画面・操作の数（1〜15）", "Screens or operations to assess (1–15)"),
            WindowStart => ("希望期間の開始日", "Preferred window: first day"),
            WindowStartHint => (
                "お申し込みから {n} 営業日以降の日付（土日祝日・年末年始を除く）",
                "At least {n} business days from now (weekends, Japanese holidays and Dec 29 – Jan 3 excluded)",
            ),
            WindowEnd => ("希望期間の終了日", "Preferred window: last day"),
            InvalidDate => ("日付を YYYY-MM-DD の形で入力してください。", "Enter dates as YYYY-MM-DD."),
            PreWork => ("お客様にご準備いただく内容", "What you will prepare"),
            PreWorkHint => ("テスト用アカウント、テストデータなど", "Test accounts, test data …"),
            PreferredSchedule => ("希望日程", "Preferred schedule"),
            PreferredScheduleHint => ("例: 平日の午後", "e.g. weekday afternoons"),
            Notes => ("備考", "Notes"),
            Submit => ("申し込む", "Apply"),
            BackToServices => ("オプションサービス一覧へ", "Back to option services"),
            ApplicationsTitle => ("申込履歴", "Applications"),
            ApplicationsIntro => (
                "会社のお申し込みです（新しい順、日時は日本時間）。",
                "Your company's applications, newest first (times in JST).",
            ),
            ApplicationTitle => ("お申し込みの詳細", "Application"),
            ColService => ("サービス", "Service"),
            ColState => ("状態", "State"),
            ColCost => ("チケット", "Tickets"),
            ColApplied => ("申込日時", "Applied (JST)"),
            NoApplications => ("お申し込みはまだありません。", "No applications yet."),
            PagerInfo => ("{page} / {pages} ページ（全 {total} 件）", "Page {page} of {pages} ({total} in all)"),
            AppliedBy => ("申込者", "Applied by"),
            NotCancellable => ("この申込は取り消せません。", "This application cannot be cancelled."),
            Timeline => ("経過", "Timeline"),
            ColWhen => ("日時", "When (JST)"),
            ColWho => ("実施者", "By"),
            ColChange => ("状態の変化", "Change"),
            ColNote => ("メモ", "Note"),
            CancelApplication => ("申込を取り消す", "Cancel the application"),
            CancelConfirmTitle => ("申込の取り消し", "Cancel the application"),
            CancelConfirmBody => (
                "「{service}」の申込を取り消します。{n} 枚のチケットが返還されます。よろしいですか？",
                "This cancels the application for “{service}” and gives back {n} tickets. Continue?",
            ),
            DoCancel => ("取り消す", "Cancel it"),
            CancelledBalance => (
                "申込を取り消しました。チケット残高は {n} 枚です。",
                "The application is cancelled. Your ticket balance is {n}.",
            ),
            BackToApplications => ("申込履歴へ", "Back to applications"),
            StSubmitted => ("申込済み", "Submitted"),
            StAccepted => ("受付済み", "Accepted"),
            StScheduled => ("日程確定", "Scheduled"),
            StInProgress => ("実施中", "In progress"),
            StReported => ("報告済み", "Reported"),
            StCompleted => ("完了", "Completed"),
            StCancelled => ("取り消し", "Cancelled"),
            StRejected => ("お断り", "Rejected"),
            QueueTitle => ("申込キュー", "Application queue"),
            ColCompany | ColAge | QueueIntro | AllStates | AllServices | NoQueue | AgeDays | AgeHours | StaffActions | NoActionsNow | ActAccept | ActSchedule | ActStart | ActReport | ActComplete | ActReject | ActionNote | RejectReason | RejectReasonHint | TransitionDone | StaleState | BackToQueue => self.staff_pair(),
        }
    }

    /// The staff screens' texts: left out of the customers' bundle, which has no staff screens
    /// (issue 8's first-page budget).
    #[cfg(not(any(feature = "staff", test)))]
    fn staff_pair(self) -> (&'static str, &'static str) {
        ("", "")
    }

    #[cfg(any(feature = "staff", test))]
    fn staff_pair(self) -> (&'static str, &'static str) {
        use ServiceMsg::*;
        match self {
            ColCompany => ("会社", "Company"),
            ColAge => ("経過", "Age"),
            QueueIntro => (
                "対応中の申込です。PLATINUM を先頭に、古い順に並びます。",
                "Open applications, PLATINUM first, then the oldest.",
            ),
            AllStates => ("すべての状態", "All states"),
            AllServices => ("すべてのサービス", "All services"),
            NoQueue => ("該当する申込はありません。", "No applications match."),
            AgeDays => ("{n} 日", "{n} d"),
            AgeHours => ("{n} 時間", "{n} h"),
            StaffActions => ("対応", "Actions"),
            NoActionsNow => ("この状態で行える操作はありません。", "Nothing to do in this state."),
            ActAccept => ("受け付ける", "Accept"),
            ActSchedule => ("日程確定にする", "Mark scheduled"),
            ActStart => ("作業を開始する", "Start work"),
            ActReport => ("報告済みにする", "Mark reported"),
            ActComplete => ("完了にする", "Complete"),
            ActReject => ("お断りする", "Reject"),
            ActionNote => ("メモ（任意、経過に残ります）", "Note (optional, kept on the timeline)"),
            RejectReason => ("お断りの理由", "Reason"),
            RejectReasonHint => {
                ("お客様に表示されます。チケットは返還されます。", "The customer sees it. The tickets are given back.")
            }
            TransitionDone => ("「{state}」にしました。", "Now {state}."),
            StaleState => (
                "この申込はすでに「{state}」です。最新の内容を表示しています。",
                "This application is already {state}. The latest is shown.",
            ),
            BackToQueue => ("申込キューへ", "Back to the queue"),
            _ => ("", ""),
        }
    }

    pub fn for_state(s: ApplicationState) -> ServiceMsg {
        use ApplicationState as S;
        match s {
            S::Submitted => ServiceMsg::StSubmitted,
            S::Accepted => ServiceMsg::StAccepted,
            S::Scheduled => ServiceMsg::StScheduled,
            S::InProgress => ServiceMsg::StInProgress,
            S::Reported => ServiceMsg::StReported,
            S::Completed => ServiceMsg::StCompleted,
            S::Cancelled => ServiceMsg::StCancelled,
            S::Rejected => ServiceMsg::StRejected,
        }
    }

    pub fn for_category(c: ServiceCategory) -> ServiceMsg {
        match c {
            ServiceCategory::Cost => ServiceMsg::CatCost,
            ServiceCategory::Security => ServiceMsg::CatSecurity,
            ServiceCategory::Training => ServiceMsg::CatTraining,
        }
    }

    pub fn for_scope(s: ServiceScope) -> ServiceMsg {
        match s {
            ServiceScope::Environment => ServiceMsg::ScopeEnvironment,
            ServiceScope::AwsAccount => ServiceMsg::ScopeAwsAccount,
            ServiceScope::Training => ServiceMsg::ScopeTraining,
            ServiceScope::Actions => ServiceMsg::ScopeActions,
        }
    }

    /// The button of a staff action (`cancel` is the customer's).
    pub fn for_action(a: ApplicationAction) -> ServiceMsg {
        use ApplicationAction as A;
        match a {
            A::Accept => ServiceMsg::ActAccept,
            A::Schedule => ServiceMsg::ActSchedule,
            A::Start => ServiceMsg::ActStart,
            A::Report => ServiceMsg::ActReport,
            A::Complete => ServiceMsg::ActComplete,
            A::Reject => ServiceMsg::ActReject,
            A::Cancel => ServiceMsg::CancelApplication,
        }
    }
}
