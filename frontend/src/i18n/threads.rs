//! Messages of an application's working parts, as both sides see them (R4.5–R4.8): the contact
//! thread and its files, the meeting times, the account-diagnosis checklist and the report channel.

use portal_domain::services::{ChecklistItem, ReportChannel, ReportChannelReason};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadMsg {
    ThreadTitle,
    ThreadIntro,
    ThreadEmpty,
    UnreadN,
    ColUnread,
    FromStaff,
    FromCustomer,
    MessageBody,
    SendMessage,
    MessageSent,
    MessageRequired,
    AttachTitle,
    FileLabel,
    FileHint,
    Upload,
    Uploaded,
    ChooseFile,
    FileTooLarge,
    Download,
    FileSize,
    Slots,
    SlotsIntro,
    NoSlots,
    PickSlot,
    PickConfirmTitle,
    PickConfirmBody,
    DoPick,
    ScheduledAt,
    Checklist,
    ChecklistIntro,
    ChkRoleCreated,
    ChkConfigHub,
    ChkReportDelivered,
    ChkRoleDeleted,
    ChkDone,
    ChkPending,
    ReportChannelTitle,
    ChanBacklog,
    ChanPortal,
    ReasonUnderMaintenance,
    ReasonNotUnderMaintenance,
    ReasonNoAwsAccount,
    ReasonBacklogNotConfigured,
    AssignedCsm,
    NotAssigned,
}

impl ThreadMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use ThreadMsg::*;
        match self {
            ThreadTitle => ("お問い合わせ", "Messages"),
            ThreadIntro => (
                "この申込についての担当者とのやり取りです（日時は日本時間）。新しいメッセージはメールでもお知らせします。",
                "Your conversation about this application (times in JST). New messages are also announced by e-mail.",
            ),
            ThreadEmpty => ("まだメッセージはありません。", "No messages yet."),
            UnreadN => ("未読 {n} 件", "{n} unread"),
            ColUnread => ("未読", "Unread"),
            FromStaff => ("担当者", "Staff"),
            FromCustomer => ("お客様", "Customer"),
            MessageBody => ("メッセージ", "Message"),
            SendMessage => ("送信する", "Send"),
            MessageSent => ("メッセージを送信しました。", "The message is sent."),
            MessageRequired => ("メッセージを入力してください。", "Write a message."),
            AttachTitle => ("ファイルを添付する", "Attach a file"),
            FileLabel => ("ファイル", "File"),
            FileHint => (
                "10 MiB まで。PDF・PNG・JPEG・テキスト・CSV・ZIP・Office 文書を添付できます。",
                "Up to 10 MiB: PDF, PNG, JPEG, text, CSV, ZIP or Office documents.",
            ),
            Upload => ("添付して送信", "Upload"),
            Uploaded => ("「{name}」を添付しました。", "“{name}” is attached."),
            ChooseFile => ("ファイルを選択してください。", "Choose a file."),
            FileTooLarge => (
                "ファイルが大きすぎます。10 MiB 以内のファイルを添付してください。",
                "The file is too large. Attach a file of at most 10 MiB.",
            ),
            Download => ("ダウンロード", "Download"),
            FileSize => ("{n} KB", "{n} KB"),
            Slots => ("打ち合わせ日程", "Meeting time"),
            SlotsIntro => (
                "担当者が候補日時をご提案します。ご都合のよい日時を 1 つお選びください（日本時間）。",
                "We propose meeting times; pick the one that suits you (JST).",
            ),
            NoSlots => ("候補日時はまだ提案されていません。", "No times have been proposed yet."),
            PickSlot => ("この日時にする", "Pick this time"),
            PickConfirmTitle => ("打ち合わせ日時の確定", "Confirm the meeting time"),
            PickConfirmBody => (
                "{when}（日本時間）で打ち合わせを確定します。確定後は変更できません。よろしいですか？",
                "This schedules the meeting for {when} (JST). It cannot be changed afterwards. Continue?",
            ),
            DoPick => ("確定する", "Confirm"),
            ScheduledAt => ("確定した日時（日本時間）", "Scheduled for (JST)"),
            Checklist => ("診断の進み具合", "Diagnosis checklist"),
            ChecklistIntro => (
                "担当者が各手順の完了を記録します。",
                "Our staff record each step as it is done.",
            ),
            ChkRoleCreated => ("診断用 IAM ロールの作成", "Diagnosis IAM role created"),
            ChkConfigHub => ("AWS Config・Security Hub の有効化", "AWS Config and Security Hub enabled"),
            ChkReportDelivered => ("診断結果の報告", "Report delivered"),
            ChkRoleDeleted => ("診断用 IAM ロールの削除", "Diagnosis IAM role deleted"),
            ChkDone => ("完了（{when}、{who}）", "Done ({when}, {who})"),
            ChkPending => ("未完了", "Not yet"),
            ReportChannelTitle => ("報告方法", "Report channel"),
            ChanBacklog => ("Backlog", "Backlog"),
            ChanPortal => ("ポータル（この画面のお問い合わせ欄）", "The portal (this page's messages)"),
            ReasonUnderMaintenance => (
                "対象の AWS アカウントが保守契約の対象のため、Backlog でご報告します。",
                "The AWS account is under a maintenance contract, so the report goes to Backlog.",
            ),
            ReasonNotUnderMaintenance => (
                "対象の AWS アカウントは保守契約の対象外のため、ポータルでご報告します。",
                "The AWS account is not under a maintenance contract, so the report comes through the portal.",
            ),
            ReasonNoAwsAccount => (
                "特定の AWS アカウントを対象としないサービスのため、ポータルでご報告します。",
                "This service is not for one AWS account, so the report comes through the portal.",
            ),
            ReasonBacklogNotConfigured => (
                "保守契約の対象ですが、Backlog 連携が設定されていないため、ポータルでご報告します。",
                "The account is under a maintenance contract, but Backlog is not set up, so the report comes through the portal.",
            ),
            AssignedCsm => ("担当 CSM", "CSM"),
            NotAssigned => ("未割り当て", "Not assigned"),
        }
    }

    pub fn for_item(item: ChecklistItem) -> ThreadMsg {
        match item {
            ChecklistItem::DiagnosisRoleCreated => ThreadMsg::ChkRoleCreated,
            ChecklistItem::ConfigSecurityHubEnabled => ThreadMsg::ChkConfigHub,
            ChecklistItem::ReportDelivered => ThreadMsg::ChkReportDelivered,
            ChecklistItem::DiagnosisRoleDeleted => ThreadMsg::ChkRoleDeleted,
        }
    }

    pub fn for_channel(c: ReportChannel) -> ThreadMsg {
        match c {
            ReportChannel::Backlog => ThreadMsg::ChanBacklog,
            ReportChannel::Portal => ThreadMsg::ChanPortal,
        }
    }

    pub fn for_reason(r: ReportChannelReason) -> ThreadMsg {
        match r {
            ReportChannelReason::UnderMaintenance => ThreadMsg::ReasonUnderMaintenance,
            ReportChannelReason::NotUnderMaintenance => ThreadMsg::ReasonNotUnderMaintenance,
            ReportChannelReason::NoAwsAccount => ThreadMsg::ReasonNoAwsAccount,
            ReportChannelReason::BacklogNotConfigured => ThreadMsg::ReasonBacklogNotConfigured,
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
            ThreadMsg::ThreadTitle,
            ThreadMsg::ThreadIntro,
            ThreadMsg::ThreadEmpty,
            ThreadMsg::UnreadN,
            ThreadMsg::ColUnread,
            ThreadMsg::FromStaff,
            ThreadMsg::FromCustomer,
            ThreadMsg::MessageBody,
            ThreadMsg::SendMessage,
            ThreadMsg::MessageSent,
            ThreadMsg::MessageRequired,
            ThreadMsg::AttachTitle,
            ThreadMsg::FileLabel,
            ThreadMsg::FileHint,
            ThreadMsg::Upload,
            ThreadMsg::Uploaded,
            ThreadMsg::ChooseFile,
            ThreadMsg::FileTooLarge,
            ThreadMsg::Download,
            ThreadMsg::FileSize,
            ThreadMsg::Slots,
            ThreadMsg::SlotsIntro,
            ThreadMsg::NoSlots,
            ThreadMsg::PickSlot,
            ThreadMsg::PickConfirmTitle,
            ThreadMsg::PickConfirmBody,
            ThreadMsg::DoPick,
            ThreadMsg::ScheduledAt,
            ThreadMsg::Checklist,
            ThreadMsg::ChecklistIntro,
            ThreadMsg::ChkRoleCreated,
            ThreadMsg::ChkConfigHub,
            ThreadMsg::ChkReportDelivered,
            ThreadMsg::ChkRoleDeleted,
            ThreadMsg::ChkDone,
            ThreadMsg::ChkPending,
            ThreadMsg::ReportChannelTitle,
            ThreadMsg::ChanBacklog,
            ThreadMsg::ChanPortal,
            ThreadMsg::ReasonUnderMaintenance,
            ThreadMsg::ReasonNotUnderMaintenance,
            ThreadMsg::ReasonNoAwsAccount,
            ThreadMsg::ReasonBacklogNotConfigured,
            ThreadMsg::AssignedCsm,
            ThreadMsg::NotAssigned,
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
