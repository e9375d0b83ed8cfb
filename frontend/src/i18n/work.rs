//! Messages of the staff's work on an application (R4.5–R4.8: times, checklist, report, CSM), of
//! the training menu form (R5.3) and of the catalogue editor (R4.1). Staff bundle only: this
//! catalogue is not compiled into the customers' one.

use portal_domain::services::ServiceStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkMsg {
    StaffThreadIntro,
    ProposeTitle,
    ProposeIntro,
    SlotStart,
    SlotDuration,
    AddSlot,
    RemoveSlot,
    ProposeSubmit,
    Proposed,
    SlotRequired,
    OutsideHours,
    SlotInPast,
    ChecklistStaffIntro,
    ChecklistSaved,
    ReportTitle,
    ReportIntroPortal,
    ReportIntroBacklog,
    ReportContent,
    BacklogIssueKey,
    BacklogIssueHint,
    ReportSubmit,
    ReportSent,
    AssignTitle,
    AssignNone,
    AssignSubmit,
    AllCsms,
    Assigned,
    // Training menu
    NewTraining,
    NewTrainingIntro,
    TitleJa,
    TitleEn,
    Format,
    StartsAt,
    DurationMinutes,
    SeatLimit,
    SeatLimitHint,
    TicketCost,
    TicketCostHint,
    CreateTraining,
    TrainingCreated,
    EnterNumber,
    EnterDateTime,
    FiscalMenu,
    AdminOnlyTraining,
    // Catalogue
    CatalogueIntro,
    ColStatus,
    StatusActive,
    StatusPaused,
    StatusEnded,
    Save,
    ServiceSaved,
    EndConfirmTitle,
    EndConfirmBody,
    DoEnd,
}

impl WorkMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use WorkMsg::*;
        match self {
            StaffThreadIntro => (
                "お客様とのやり取りです（日時は日本時間）。報告書などのファイルも添付できます。送信するとお客様にメールで通知されます。",
                "The conversation with the customer (times in JST). Attach reports and other files here. The customer is told by e-mail.",
            ),
            ProposeTitle => ("打ち合わせ日時の提案", "Propose meeting times"),
            ProposeIntro => (
                "1〜5 件をご提案ください。営業日の平日 10:00〜19:00（日本時間）の範囲に限ります。",
                "Propose 1 to 5 times, on business days between 10:00 and 19:00 JST.",
            ),
            SlotStart => ("候補 {n} の開始（日本時間）", "Time {n}: start (JST)"),
            SlotDuration => ("候補 {n} の所要時間", "Time {n}: duration"),
            AddSlot => ("候補を追加", "Add a time"),
            RemoveSlot => ("この候補を削除", "Remove this time"),
            ProposeSubmit => ("提案する", "Propose"),
            Proposed => ("候補日時を提案しました。お客様にお知らせしました。", "The times are proposed; the customer is told."),
            SlotRequired => ("すべての候補の日時を入力してください。", "Enter a date and time for every proposed time."),
            OutsideHours => (
                "営業時間外です。営業日の平日 10:00〜19:00（日本時間）の範囲で指定してください。",
                "Outside service hours: choose a business day between 10:00 and 19:00 JST.",
            ),
            SlotInPast => ("過去の日時は指定できません。", "The time must be in the future."),
            ChecklistStaffIntro => (
                "完了した手順にチェックを入れてください。お客様の画面にも表示されます。",
                "Tick each step when it is done; the customer sees it.",
            ),
            ChecklistSaved => ("チェックリストを更新しました。", "The checklist is updated."),
            ReportTitle => ("作業報告", "Work report"),
            ReportIntroPortal => (
                "報告内容はお問い合わせ欄に投稿され、申込は「報告済み」になります。報告書ファイルは上のお問い合わせ欄で添付してください。",
                "The report is posted to the messages and the application becomes reported. Attach the report file in the messages above.",
            ),
            ReportIntroBacklog => (
                "報告内容はお客様の Backlog 課題にコメントとして投稿され、申込は「報告済み」になります。",
                "The report is posted as a comment on the customer's Backlog issue and the application becomes reported.",
            ),
            ReportContent => ("報告内容", "Report"),
            BacklogIssueKey => ("Backlog の課題キー", "Backlog issue key"),
            BacklogIssueHint => ("例: PROJ-123", "e.g. PROJ-123"),
            ReportSubmit => ("報告を送信する", "Send the report"),
            ReportSent => ("報告を送信しました。申込は「報告済み」になりました。", "The report is delivered; the application is now reported."),
            AssignTitle => ("担当 CSM", "CSM"),
            AssignNone => ("（割り当てなし）", "(none)"),
            AssignSubmit => ("割り当てる", "Assign"),
            AllCsms => ("すべての CSM", "All CSMs"),
            Assigned => ("担当 CSM を更新しました。", "The CSM is updated."),
            NewTraining => ("メニューの追加", "Add a training"),
            NewTrainingIntro => (
                "開始日時の年度のメニューに追加されます。ハンズオンは定員（会社数）を設定できます。",
                "The training joins the menu of the fiscal year it starts in. Hands-on trainings may limit seats (companies).",
            ),
            TitleJa => ("タイトル（日本語）", "Title (Japanese)"),
            TitleEn => ("タイトル（英語）", "Title (English)"),
            Format => ("形式", "Format"),
            StartsAt => ("開始日時（日本時間）", "Starts (JST)"),
            DurationMinutes => ("所要時間（分）", "Duration (minutes)"),
            SeatLimit => ("定員（会社数）", "Seats (companies)"),
            SeatLimitHint => ("ハンズオンのみ。空欄は制限なし。", "Hands-on only; leave empty for no limit."),
            TicketCost => ("チケットでのお申し込み時の枚数", "Tickets when booked as aws-training"),
            TicketCostHint => ("2〜100 枚", "2 to 100 tickets"),
            CreateTraining => ("追加する", "Add"),
            TrainingCreated => ("「{title}」を追加しました。", "“{title}” is added."),
            EnterNumber => ("数値を入力してください。", "Enter a number."),
            EnterDateTime => ("開始日時を入力してください。", "Enter the start date and time."),
            FiscalMenu => ("今年度のメニュー", "This fiscal year's menu"),
            AdminOnlyTraining => ("メニューの追加は管理者のみが行えます。", "Only admins add trainings."),
            CatalogueIntro => (
                "必要チケット数の変更、受付の一時停止・終了ができます（管理者のみ）。既存の申込は申込時の条件のままです。",
                "Change a service's cost, pause or end it (admins only). Existing applications keep the terms they were made under.",
            ),
            ColStatus => ("提供状況", "Status"),
            StatusActive => ("受付中", "Active"),
            StatusPaused => ("一時停止", "Paused"),
            StatusEnded => ("終了", "Ended"),
            Save => ("保存", "Save"),
            ServiceSaved => ("「{name}」を更新しました。", "“{name}” is updated."),
            EndConfirmTitle => ("サービスの終了", "End the service"),
            EndConfirmBody => (
                "「{name}」の提供を終了します。新しいお申し込みは受け付けられなくなります（既存の申込はそのまま続きます）。よろしいですか？",
                "This ends “{name}”: no new applications are taken (existing ones go on). Continue?",
            ),
            DoEnd => ("終了する", "End it"),
        }
    }

    pub fn for_status(s: ServiceStatus) -> WorkMsg {
        match s {
            ServiceStatus::Active => WorkMsg::StatusActive,
            ServiceStatus::Paused => WorkMsg::StatusPaused,
            ServiceStatus::Ended => WorkMsg::StatusEnded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text exists in both languages and names the same placeholders in each.
    #[test]
    fn every_text_is_in_both_languages_with_the_same_placeholders() {
        let all = [
            WorkMsg::StaffThreadIntro,
            WorkMsg::ProposeTitle,
            WorkMsg::ProposeIntro,
            WorkMsg::SlotStart,
            WorkMsg::SlotDuration,
            WorkMsg::AddSlot,
            WorkMsg::RemoveSlot,
            WorkMsg::ProposeSubmit,
            WorkMsg::Proposed,
            WorkMsg::SlotRequired,
            WorkMsg::OutsideHours,
            WorkMsg::SlotInPast,
            WorkMsg::ChecklistStaffIntro,
            WorkMsg::ChecklistSaved,
            WorkMsg::ReportTitle,
            WorkMsg::ReportIntroPortal,
            WorkMsg::ReportIntroBacklog,
            WorkMsg::ReportContent,
            WorkMsg::BacklogIssueKey,
            WorkMsg::BacklogIssueHint,
            WorkMsg::ReportSubmit,
            WorkMsg::ReportSent,
            WorkMsg::AssignTitle,
            WorkMsg::AssignNone,
            WorkMsg::AssignSubmit,
            WorkMsg::AllCsms,
            WorkMsg::Assigned,
            WorkMsg::NewTraining,
            WorkMsg::NewTrainingIntro,
            WorkMsg::TitleJa,
            WorkMsg::TitleEn,
            WorkMsg::Format,
            WorkMsg::StartsAt,
            WorkMsg::DurationMinutes,
            WorkMsg::SeatLimit,
            WorkMsg::SeatLimitHint,
            WorkMsg::TicketCost,
            WorkMsg::TicketCostHint,
            WorkMsg::CreateTraining,
            WorkMsg::TrainingCreated,
            WorkMsg::EnterNumber,
            WorkMsg::EnterDateTime,
            WorkMsg::FiscalMenu,
            WorkMsg::AdminOnlyTraining,
            WorkMsg::CatalogueIntro,
            WorkMsg::ColStatus,
            WorkMsg::StatusActive,
            WorkMsg::StatusPaused,
            WorkMsg::StatusEnded,
            WorkMsg::Save,
            WorkMsg::ServiceSaved,
            WorkMsg::EndConfirmTitle,
            WorkMsg::EndConfirmBody,
            WorkMsg::DoEnd,
        ];
        let holes = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_owned()).collect();
            v.sort();
            v
        };
        for m in all {
            let (ja, en) = m.pair();
            assert!(!ja.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(holes(ja), holes(en), "{m:?}");
        }
    }
}
