//! Messages of the cloud optimization screens both sides see (R6): what the service is and which
//! rank unlocks it, the CSM, the engagement, proposals (agree, decline, comments) and the history
//! chart and table, and the names of categories, statuses, priorities, work orders and units. The
//! staff's own texts are in `optimization_staff.rs`.

use portal_domain::optimization::{MeasurementUnit, Priority, ProposalCategory, ProposalStatus, WorkOrder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizationMsg {
    NavOptimization,
    Title,
    Intro,
    LockedTitle,
    LockedBody,
    YourRank,
    CsmTitle,
    CsmNone,
    CsmName,
    CsmEmail,
    CsmKindLabel,
    CsmDedicated,
    CsmShared,
    EngagementTitle,
    EngagementNone,
    EngagementClosed,
    OpenedAt,
    MessagesTitle,
    MessagesEmpty,
    MessageLabel,
    Send,
    MessageRequired,
    ProposalsTitle,
    ProposalsEmpty,
    Category,
    Findings,
    ExpectedEffect,
    ExpectedSaving,
    Effort,
    Priority,
    WorkOrderLabel,
    ProposedBy,
    Measurement,
    MeasuredLine,
    MonthlySaving,
    Agree,
    Decline,
    AgreeConfirmTitle,
    AgreeConfirmBody,
    DeclineConfirmTitle,
    DeclineConfirmBody,
    Agreed,
    Declined,
    CommentsTitle,
    CommentsEmpty,
    CommentLabel,
    HistoryTitle,
    HistoryIntro,
    ByStatus,
    SavingsTitle,
    SavingsEmpty,
    ChartLabel,
    ChartDesc,
    FiscalYear,
    SavingPerMonth,
    Measurements,
    Total,
    FromStaff,
    CatCost,
    CatSecurity,
    CatArchitecture,
    CatPerformance,
    CatOperations,
    StProposed,
    StAgreed,
    StInProgress,
    StDone,
    StDeclined,
    PrHigh,
    PrMedium,
    PrLow,
    WoMaintenance,
    WoQuote,
    UnitYen,
    UnitPercent,
    UnitHours,
    UnitCount,
}

impl OptimizationMsg {
    pub fn for_category(c: ProposalCategory) -> OptimizationMsg {
        use OptimizationMsg::*;
        match c {
            ProposalCategory::Cost => CatCost,
            ProposalCategory::Security => CatSecurity,
            ProposalCategory::Architecture => CatArchitecture,
            ProposalCategory::Performance => CatPerformance,
            ProposalCategory::Operations => CatOperations,
        }
    }

    pub fn for_status(s: ProposalStatus) -> OptimizationMsg {
        use OptimizationMsg::*;
        match s {
            ProposalStatus::Proposed => StProposed,
            ProposalStatus::Agreed => StAgreed,
            ProposalStatus::InProgress => StInProgress,
            ProposalStatus::Done => StDone,
            ProposalStatus::Declined => StDeclined,
        }
    }

    pub fn for_priority(p: Priority) -> OptimizationMsg {
        match p {
            Priority::High => OptimizationMsg::PrHigh,
            Priority::Medium => OptimizationMsg::PrMedium,
            Priority::Low => OptimizationMsg::PrLow,
        }
    }

    pub fn for_work_order(w: WorkOrder) -> OptimizationMsg {
        match w {
            WorkOrder::MaintenanceContract => OptimizationMsg::WoMaintenance,
            WorkOrder::SeparateQuote => OptimizationMsg::WoQuote,
        }
    }

    pub fn for_unit(u: MeasurementUnit) -> OptimizationMsg {
        use OptimizationMsg::*;
        match u {
            MeasurementUnit::YenPerMonth => UnitYen,
            MeasurementUnit::Percent => UnitPercent,
            MeasurementUnit::HoursPerMonth => UnitHours,
            MeasurementUnit::Count => UnitCount,
        }
    }

    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use OptimizationMsg::*;
        match self {
            NavOptimization => ("クラウド最適化支援", "Cloud optimization"),
            Title => ("クラウド最適化支援", "Cloud optimization support"),
            Intro => (
                "担当 CSM が AWS 環境のコスト・セキュリティ・構成・性能・運用を見直し、改善を提案します。提案ごとに合意または見送りを選べ、実施後は効果を測定して記録します（日時は日本時間）。",
                "Your CSM reviews the cost, security, architecture, performance and operations of your AWS environment and proposes improvements. You agree to or decline each proposal; after the work, the effect is measured and recorded (times in JST).",
            ),
            LockedTitle => ("ご利用いただけるランク", "Which rank unlocks it"),
            LockedBody => (
                "クラウド最適化支援は {rank} ランク以上の会社がご利用いただけます。現在の貴社のランクは {current} です。",
                "Cloud optimization support is for companies of rank {rank} and above. Your company's rank is {current}.",
            ),
            YourRank => ("貴社のランク", "Your rank"),
            CsmTitle => ("担当 CSM", "Your CSM"),
            CsmNone => ("担当 CSM はまだ決まっていません。決まり次第ここに表示します。", "No CSM is assigned yet. They will be shown here once assigned."),
            CsmName => ("氏名", "Name"),
            CsmEmail => ("メールアドレス", "E-mail"),
            CsmKindLabel => ("担当の形", "Kind"),
            CsmDedicated => ("専任（PLATINUM）", "Dedicated (PLATINUM)"),
            CsmShared => ("共有（GOLD・SILVER）", "Shared (GOLD, SILVER)"),
            EngagementTitle => ("支援の開始", "The engagement"),
            EngagementNone => (
                "担当 CSM からキックオフのご連絡がまだありません。",
                "Your CSM has not started the engagement yet.",
            ),
            EngagementClosed => ("{at} に終了しました。", "Closed on {at}."),
            OpenedAt => ("開始日時", "Opened"),
            MessagesTitle => ("CSM とのやり取り", "Conversation with your CSM"),
            MessagesEmpty => ("メッセージはまだありません。", "No messages yet."),
            MessageLabel => ("メッセージ", "Message"),
            Send => ("送信する", "Send"),
            MessageRequired => ("メッセージを入力してください。", "Write a message."),
            ProposalsTitle => ("改善提案", "Proposals"),
            ProposalsEmpty => ("改善提案はまだありません。", "No proposals yet."),
            Category => ("分類", "Category"),
            Findings => ("現状の課題", "Findings"),
            ExpectedEffect => ("期待される効果", "Expected effect"),
            ExpectedSaving => ("見込み削減額（月額）", "Expected saving per month"),
            Effort => ("想定工数", "Estimated effort"),
            Priority => ("優先度", "Priority"),
            WorkOrderLabel => ("作業の発注", "How the work is ordered"),
            ProposedBy => ("提案者", "Proposed by"),
            Measurement => ("効果測定", "Measured effect"),
            MeasuredLine => (
                "{on} 測定: 実施前 {baseline} → 実施後 {result}（{unit}）",
                "Measured {on}: before {baseline} → after {result} ({unit})",
            ),
            MonthlySaving => ("月額削減額", "Monthly saving"),
            Agree => ("合意する", "Agree"),
            Decline => ("見送る", "Decline"),
            AgreeConfirmTitle => ("この提案に合意しますか？", "Agree to this proposal?"),
            AgreeConfirmBody => (
                "「{title}」に合意します。CSM が作業の準備を始めます。",
                "You agree to “{title}”. Your CSM will prepare the work.",
            ),
            DeclineConfirmTitle => ("この提案を見送りますか？", "Decline this proposal?"),
            DeclineConfirmBody => (
                "「{title}」を見送ります。見送った提案は元に戻せません。",
                "You decline “{title}”. A declined proposal cannot be taken up again.",
            ),
            Agreed => ("提案に合意しました。", "You agreed to the proposal."),
            Declined => ("提案を見送りました。", "You declined the proposal."),
            CommentsTitle => ("コメント", "Comments"),
            CommentsEmpty => ("コメントはまだありません。", "No comments yet."),
            CommentLabel => ("コメント", "Comment"),
            HistoryTitle => ("改善の履歴", "Improvement history"),
            HistoryIntro => (
                "これまでの提案の状態と、年度ごとに測定した月額削減額です（ランクが変わっても見られます）。",
                "Your proposals by status and the monthly savings measured in each fiscal year (visible whatever your rank is now).",
            ),
            ByStatus => ("状態別の提案数", "Proposals by status"),
            SavingsTitle => ("年度別の月額削減額（測定値）", "Measured monthly savings per fiscal year"),
            SavingsEmpty => ("測定された削減額はまだありません。", "No savings have been measured yet."),
            ChartLabel => ("年度別の月額削減額のグラフ", "Chart of the monthly savings per fiscal year"),
            ChartDesc => ("棒の長さが各年度の月額削減額を表し、金額は棒の横に書かれています。", "Each bar's length is the year's monthly saving; the amount is written next to it."),
            FiscalYear => ("年度", "Fiscal year"),
            SavingPerMonth => ("月額削減額", "Saving per month"),
            Measurements => ("測定件数", "Measurements"),
            Total => ("合計", "Total"),
            FromStaff => ("（cloudpack）", "(cloudpack)"),
            CatCost => ("コスト", "Cost"),
            CatSecurity => ("セキュリティ", "Security"),
            CatArchitecture => ("アーキテクチャ", "Architecture"),
            CatPerformance => ("パフォーマンス", "Performance"),
            CatOperations => ("運用", "Operations"),
            StProposed => ("提案中", "Proposed"),
            StAgreed => ("合意済み", "Agreed"),
            StInProgress => ("実施中", "In progress"),
            StDone => ("完了", "Done"),
            StDeclined => ("見送り", "Declined"),
            PrHigh => ("高", "High"),
            PrMedium => ("中", "Medium"),
            PrLow => ("低", "Low"),
            WoMaintenance => ("保守契約の範囲内", "Inside the maintenance contract"),
            WoQuote => ("別途お見積り", "Separate quote"),
            UnitYen => ("円／月", "yen per month"),
            UnitPercent => ("%", "percent"),
            UnitHours => ("時間／月", "hours per month"),
            UnitCount => ("件", "count"),
        }
    }
}
