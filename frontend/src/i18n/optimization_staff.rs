//! Messages of the staff's cloud optimization screen (staff bundle only): assigning the company's
//! CSM (and the override of the one-dedicated-company rule), opening the engagement, recording a
//! proposal, moving it and recording the measured effect.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptStaffMsg {
    Title,
    Intro,
    OpenLink,
    BackToCompany,
    AssignTitle,
    AssignIntro,
    CsmSelect,
    ChooseCsm,
    OverrideReason,
    OverrideHint,
    Assign,
    Assigned,
    OpenTitle,
    KickoffLabel,
    SlotLabel,
    SlotsHint,
    OpenEngagement,
    NewProposalTitle,
    Title200,
    SavingHint,
    NumberRequired,
    Record,
    Recorded,
    Start,
    Complete,
    MeasureTitle,
    Baseline,
    Result,
    Unit,
    MeasuredOn,
    Note,
    SaveMeasurement,
}

impl OptStaffMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use OptStaffMsg::*;
        match self {
            Title => ("クラウド最適化支援", "Cloud optimization"),
            Intro => (
                "SILVER 以上の会社が対象です。PLATINUM には専任、GOLD・SILVER には共有の CSM を割り当てます（日時は日本時間）。",
                "For SILVER and above: a dedicated CSM for PLATINUM, a shared one for GOLD and SILVER (times in JST).",
            ),
            OpenLink => ("クラウド最適化支援を開く", "Open cloud optimization"),
            BackToCompany => ("会社の詳細へ戻る", "Back to the company"),
            AssignTitle => ("担当 CSM の割り当て", "Assign the CSM"),
            AssignIntro => (
                "専任 CSM が担当できる PLATINUM の会社は 1 社までです。2 社目を任せるときは理由を書いてください（管理者のみ）。",
                "A dedicated CSM holds at most one PLATINUM company; to give them a second, write why (admins only).",
            ),
            CsmSelect => ("CSM", "CSM"),
            ChooseCsm => ("選んでください", "Choose one"),
            OverrideReason => ("例外として割り当てる理由（任意）", "Reason for an exception (optional)"),
            OverrideHint => (
                "すでに別の会社の専任 CSM である人を割り当てるときだけ必要です。500 文字まで。",
                "Needed only when the CSM is already dedicated to another company. Up to 500 characters.",
            ),
            Assign => ("割り当てる", "Assign"),
            Assigned => ("担当 CSM を割り当てました。", "The CSM is assigned."),
            OpenTitle => ("支援を開始する（キックオフ）", "Open the engagement (kickoff)"),
            KickoffLabel => ("キックオフのメッセージ", "Kickoff message"),
            SlotLabel => ("打ち合わせ候補 {n}（日本時間、1 時間）", "Meeting time {n} (JST, one hour)"),
            SlotsHint => (
                "1〜3 件。平日 10:00〜19:00 の営業時間内で、これから先の日時を選んでください。",
                "One to three times, in the future, inside service hours (weekdays 10:00–19:00).",
            ),
            OpenEngagement => ("支援を開始する", "Open the engagement"),
            NewProposalTitle => ("改善提案を登録する", "Record a proposal"),
            Title200 => ("件名", "Title"),
            SavingHint => ("円／月。任意。", "Yen per month. Optional."),
            NumberRequired => ("数値を入力してください。", "Enter a number."),
            Record => ("登録する", "Record"),
            Recorded => ("改善提案を登録しました。", "The proposal is recorded."),
            Start => ("着手する", "Start the work"),
            Complete => ("完了にする", "Mark as done"),
            MeasureTitle => ("効果を記録する", "Record the effect"),
            Baseline => ("実施前", "Before"),
            Result => ("実施後", "After"),
            Unit => ("単位", "Unit"),
            MeasuredOn => ("測定日", "Measured on"),
            Note => ("メモ（任意）", "Note (optional)"),
            SaveMeasurement => ("効果を記録する", "Record the effect"),
        }
    }
}
