//! Messages of the inquiry screens both sides see (R7.7): the company's list, the new-inquiry form
//! with what is taken here and what goes elsewhere (§4.5.3), the detail, closing and reopening, and
//! the names of states and categories. The staff's own texts are in `inquiry_staff.rs`.

use portal_domain::inquiries::{InquiryCategory, InquiryState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InquiryMsg {
    NavInquiries,
    ListTitle,
    ListIntro,
    NewInquiry,
    Empty,
    PagerInfo,
    ColSubject,
    ColCategory,
    ColState,
    ColLastActivity,
    ColOpenedBy,
    StateOpen,
    StateAnswered,
    StateClosed,
    CatTickets,
    CatServices,
    CatTrainings,
    CatOptimization,
    CatPortal,
    CatOther,
    NewTitle,
    ScopeTitle,
    ScopeHere,
    ScopeElsewhere,
    Category,
    Subject,
    SubjectHint,
    Body,
    BodyHint,
    Files,
    FilesHint,
    Submit,
    SubjectRequired,
    BodyRequired,
    Opened,
    FilesFailed,
    BackToList,
    DetailTitle,
    OpenedByAt,
    ThreadIntro,
    Close,
    CloseConfirmTitle,
    CloseConfirmBody,
    DoClose,
    ClosedDone,
    ClosedUntil,
    ClosedOver,
    Reopen,
    Reopened,
    ClosedNoReply,
}

impl InquiryMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use InquiryMsg::*;
        match self {
            NavInquiries => ("お問い合わせ", "Inquiries"),
            ListTitle => ("cloudpack+ へのお問い合わせ", "Inquiries about cloudpack+"),
            ListIntro => (
                "会社のユーザー全員が、会社のお問い合わせをすべて見られます。新しい順に並んでいます（日時は日本時間）。",
                "Everyone in your company sees all of its inquiries, latest activity first (times in JST).",
            ),
            NewInquiry => ("新しく問い合わせる", "New inquiry"),
            Empty => ("まだお問い合わせはありません。", "No inquiries yet."),
            PagerInfo => ("{page} / {pages} ページ（全 {total} 件）", "Page {page} of {pages} ({total} inquiries)"),
            ColSubject => ("件名", "Subject"),
            ColCategory => ("種別", "Category"),
            ColState => ("状態", "State"),
            ColLastActivity => ("最終更新", "Last activity"),
            ColOpenedBy => ("問い合わせた人", "Opened by"),
            StateOpen => ("回答待ち", "Awaiting answer"),
            StateAnswered => ("回答済み", "Answered"),
            StateClosed => ("クローズ", "Closed"),
            CatTickets => ("ランク・チケット", "Ranks and tickets"),
            CatServices => ("オプションサービス", "Option services"),
            CatTrainings => ("研修", "Trainings"),
            CatOptimization => ("クラウド最適化支援", "Cloud optimization"),
            CatPortal => ("ポータルの使い方", "Using the portal"),
            CatOther => ("その他（cloudpack+ について）", "Other (about cloudpack+)"),
            NewTitle => ("新しいお問い合わせ", "New inquiry"),
            ScopeTitle => ("こちらで承るお問い合わせ", "What to ask here"),
            ScopeHere => (
                "cloudpack+ についてのご質問（ランク・チケット、オプションサービス、研修、クラウド最適化支援、このポータルの使い方）を承ります。",
                "Questions about cloudpack+: ranks and tickets, option services, trainings, cloud optimization and this portal.",
            ),
            ScopeElsewhere => (
                "AWS 環境の運用・保守など cloudpack のサービスそのものに関するご依頼は、これまでどおり Backlog または cloudpack サポート窓口へ、ご契約・お見積りについては営業担当へご連絡ください。こちらではお受けできません。",
                "Requests about the cloudpack services themselves, such as operating and maintaining your AWS environment, go to Backlog or cloudpack support as before, and contracts and quotes to your sales contact. They cannot be handled here.",
            ),
            Category => ("種別", "Category"),
            Subject => ("件名", "Subject"),
            SubjectHint => ("1 行、200 文字まで。", "One line, up to 200 characters."),
            Body => ("お問い合わせ内容", "Your question"),
            BodyHint => ("10,000 文字まで。", "Up to 10,000 characters."),
            Files => ("添付ファイル（任意）", "Files (optional)"),
            FilesHint => (
                "1 ファイル 10 MiB まで、複数選べます。PDF・PNG・JPEG・テキスト・CSV・ZIP・Office 文書を添付できます。",
                "Up to 10 MiB each; you may choose several. PDF, PNG, JPEG, text, CSV, ZIP or Office documents.",
            ),
            Submit => ("送信する", "Send"),
            SubjectRequired => ("件名を入力してください。", "Write a subject."),
            BodyRequired => ("お問い合わせ内容を入力してください。", "Write your question."),
            Opened => (
                "お問い合わせを受け付けました。担当者から回答があるとメールでもお知らせします。",
                "Your inquiry is received. We will also tell you by e-mail when our staff answer.",
            ),
            FilesFailed => (
                "お問い合わせは受け付けましたが、次のファイルは添付できませんでした: {names}。下の「ファイルを添付する」から添付し直してください。",
                "Your inquiry is received, but these files could not be attached: {names}. Attach them again below.",
            ),
            BackToList => ("お問い合わせ一覧へ戻る", "Back to inquiries"),
            DetailTitle => ("お問い合わせ", "Inquiry"),
            OpenedByAt => ("{who} さんが {at} に問い合わせ", "Opened by {who} on {at}"),
            ThreadIntro => (
                "担当者とのやり取りです（日時は日本時間）。担当者から回答があるとメールでもお知らせします。",
                "Your conversation with our staff (times in JST). We also tell you by e-mail when they answer.",
            ),
            Close => ("クローズする", "Close"),
            CloseConfirmTitle => ("お問い合わせをクローズしますか？", "Close this inquiry?"),
            CloseConfirmBody => (
                "クローズすると返信できなくなります。{until} までは再開できます。",
                "Once closed, no one can reply. You can reopen it until {until}.",
            ),
            DoClose => ("クローズする", "Close it"),
            ClosedDone => ("お問い合わせをクローズしました。", "The inquiry is closed."),
            ClosedUntil => (
                "{at} にクローズしました。{until} までは再開できます。",
                "Closed on {at}. You can reopen it until {until}.",
            ),
            ClosedOver => (
                "{at} にクローズしました。再開できる期間（クローズから 14 日）は過ぎています。続きは新しくお問い合わせください。",
                "Closed on {at}. The 14 days in which it could be reopened are over: please open a new inquiry.",
            ),
            Reopen => ("再開する", "Reopen"),
            Reopened => ("お問い合わせを再開しました。担当者の回答をお待ちください。", "The inquiry is open again and waits for our answer."),
            ClosedNoReply => ("クローズしたお問い合わせには返信できません。", "A closed inquiry takes no replies."),
        }
    }

    pub fn for_state(s: InquiryState) -> InquiryMsg {
        match s {
            InquiryState::Open => InquiryMsg::StateOpen,
            InquiryState::Answered => InquiryMsg::StateAnswered,
            InquiryState::Closed => InquiryMsg::StateClosed,
        }
    }

    pub fn for_category(c: InquiryCategory) -> InquiryMsg {
        match c {
            InquiryCategory::Tickets => InquiryMsg::CatTickets,
            InquiryCategory::Services => InquiryMsg::CatServices,
            InquiryCategory::Trainings => InquiryMsg::CatTrainings,
            InquiryCategory::Optimization => InquiryMsg::CatOptimization,
            InquiryCategory::Portal => InquiryMsg::CatPortal,
            InquiryCategory::Other => InquiryMsg::CatOther,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text exists in both languages and names the same placeholders in each.
    #[test]
    fn every_text_is_in_both_languages_with_the_same_placeholders() {
        use InquiryMsg::*;
        let all = [
            NavInquiries,
            ListTitle,
            ListIntro,
            NewInquiry,
            Empty,
            PagerInfo,
            ColSubject,
            ColCategory,
            ColState,
            ColLastActivity,
            ColOpenedBy,
            StateOpen,
            StateAnswered,
            StateClosed,
            CatTickets,
            CatServices,
            CatTrainings,
            CatOptimization,
            CatPortal,
            CatOther,
            NewTitle,
            ScopeTitle,
            ScopeHere,
            ScopeElsewhere,
            Category,
            Subject,
            SubjectHint,
            Body,
            BodyHint,
            Files,
            FilesHint,
            Submit,
            SubjectRequired,
            BodyRequired,
            Opened,
            FilesFailed,
            BackToList,
            DetailTitle,
            OpenedByAt,
            ThreadIntro,
            Close,
            CloseConfirmTitle,
            CloseConfirmBody,
            DoClose,
            ClosedDone,
            ClosedUntil,
            ClosedOver,
            Reopen,
            Reopened,
            ClosedNoReply,
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
        // The form says where other matters go (§4.5.3), in both languages.
        assert!(ScopeElsewhere.pair().0.contains("Backlog") && ScopeElsewhere.pair().0.contains("営業"));
        assert!(ScopeElsewhere.pair().1.contains("Backlog") && ScopeElsewhere.pair().1.contains("sales"));
        for s in InquiryState::ALL {
            assert!(!InquiryMsg::for_state(s).pair().0.is_empty());
        }
        for c in InquiryCategory::ALL {
            assert!(!InquiryMsg::for_category(c).pair().0.is_empty());
        }
    }
}
