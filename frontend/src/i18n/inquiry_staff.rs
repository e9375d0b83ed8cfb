//! Messages of the staff's inquiry screens (R7.7): the inbox across companies, its filters and
//! columns, the waiting time in service hours, assignment and the staff's detail. Staff bundle only:
//! this catalogue is not compiled into the customers' one.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InquiryStaffMsg {
    InboxTitle,
    InboxIntro,
    AllStates,
    AllCategories,
    AllCompanies,
    AllAssignees,
    Company,
    Assignee,
    Search,
    SearchHint,
    NoInbox,
    ColCompany,
    ColWaitingSince,
    ColWaiting,
    ColAssignee,
    WaitingLine,
    Unassigned,
    AssignTitle,
    AssignSubmit,
    Assigned,
    ThreadIntro,
    CloseConfirmBody,
    BackToInbox,
}

impl InquiryStaffMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use InquiryStaffMsg::*;
        match self {
            InboxTitle => ("お問い合わせ受付（全企業）", "Inquiry inbox (all companies)"),
            InboxIntro => (
                "ランクの高い企業から順に、同じランクでは回答を待っている時間の長い順に並べています。待ち時間はサービス時間（営業日の平日 10:00〜19:00、日本時間）で数えます。",
                "Highest rank first; within a rank, the longest wait for our answer first. Waits are counted in service hours (weekdays 10:00–19:00 JST on business days).",
            ),
            AllStates => ("すべての状態", "All states"),
            AllCategories => ("すべての種別", "All categories"),
            AllCompanies => ("すべての企業", "All companies"),
            AllAssignees => ("すべての担当者", "Everyone"),
            Company => ("企業", "Company"),
            Assignee => ("担当者", "Assignee"),
            Search => ("件名・本文を検索", "Search subject and text"),
            SearchHint => ("入力すると絞り込みます。", "Filters as you type."),
            NoInbox => ("該当するお問い合わせはありません。", "No inquiries match."),
            ColCompany => ("企業", "Company"),
            ColWaitingSince => ("回答待ちの開始", "Waiting for us since"),
            ColWaiting => ("待ち時間（サービス時間）", "Wait (service hours)"),
            ColAssignee => ("担当者", "Assignee"),
            WaitingLine => (
                "{since} から回答待ち（サービス時間で {wait}）",
                "Waiting for us since {since} ({wait} in service hours)",
            ),
            Unassigned => ("未割り当て", "Unassigned"),
            AssignTitle => ("担当者の割り当て", "Assignee"),
            AssignSubmit => ("割り当てる", "Assign"),
            Assigned => ("担当者を変更しました。", "The assignee is changed."),
            ThreadIntro => (
                "お客様とのやり取りです（日時は日本時間）。回答を送ると「回答済み」になり、その会社のユーザーにメールで知らせます。",
                "The conversation with the customer (times in JST). Answering marks the inquiry answered and tells the company's users by e-mail.",
            ),
            CloseConfirmBody => (
                "クローズするとどちらからも返信できなくなります。お客様はクローズから 14 日以内なら再開できます。",
                "Once closed, neither side can reply. The customer may reopen it within 14 days of closing.",
            ),
            BackToInbox => ("お問い合わせ受付へ戻る", "Back to the inbox"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text exists in both languages and names the same placeholders in each.
    #[test]
    fn every_text_is_in_both_languages_with_the_same_placeholders() {
        use InquiryStaffMsg::*;
        let all = [
            InboxTitle,
            InboxIntro,
            AllStates,
            AllCategories,
            AllCompanies,
            AllAssignees,
            Company,
            Assignee,
            Search,
            SearchHint,
            NoInbox,
            ColCompany,
            ColWaitingSince,
            ColWaiting,
            ColAssignee,
            WaitingLine,
            Unassigned,
            AssignTitle,
            AssignSubmit,
            Assigned,
            ThreadIntro,
            CloseConfirmBody,
            BackToInbox,
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
