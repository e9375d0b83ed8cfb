//! The staff's own texts of the AWS tools (staff bundle only): the read-only view of a company's
//! account and which contract types may use each tool.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsToolsStaffMsg {
    ViewTitle,
    ViewIntro,
    BackToCompany,
    SettingsTitle,
    SettingsIntro,
    ContractTypes,
    Save,
    Saved,
    UpdatedAt,
    NeverUpdated,
    NoneChosen,
}

impl AwsToolsStaffMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use AwsToolsStaffMsg::*;
        match self {
            ViewTitle => ("AWS ツール（閲覧）", "AWS tools (read-only)"),
            ViewIntro => (
                "お客様の画面と同じ Trusted Advisor と推定コストを表示します。ロールの登録と接続テストはお客様の代表者が行います。推定コストの読み込みもお客様の画面から行います。",
                "The same Trusted Advisor and estimated cost as the customer sees. The customer's representative registers the role and tests the connection; the cost is read from the customer's screen too.",
            ),
            BackToCompany => ("企業の詳細に戻る", "Back to the company"),
            SettingsTitle => ("AWS ツールの利用設定", "Who may use the AWS tools"),
            SettingsIntro => (
                "ツールごとに、利用できる契約の種類を選びます。会社の契約のいずれかが選ばれていれば、その会社はツールを利用できます。変更はすぐに反映され、監査ログに残ります。",
                "Choose, for each tool, the contract types that may use it. A company may use a tool when one of its contracts is chosen. Changes apply at once and are audited.",
            ),
            ContractTypes => ("利用できる契約の種類", "Contract types that may use it"),
            Save => ("保存する", "Save"),
            Saved => ("保存しました。", "Saved."),
            UpdatedAt => ("最終更新: {at}（日本時間）", "Last changed: {at} (JST)"),
            NeverUpdated => ("初期設定のままです。", "Unchanged since installation."),
            NoneChosen => (
                "契約の種類を選んでいないため、どの会社もこのツールを利用できません。",
                "No contract type is chosen, so no company can use this tool.",
            ),
        }
    }
}
