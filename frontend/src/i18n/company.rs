//! Messages of the company screens (R7.6) and the labels of domain values shared with the staff
//! screens: ranks' benefits, ticket entry kinds, contract types, eligibility flags. (The reasons a
//! company is refused, which name their rule, are `portal_domain::ErrorCode` texts.)

use portal_domain::company::{RankSource, ReportChannel};
use portal_domain::eligibility::ContractType;
use portal_domain::ledger::EntryKind;
use portal_domain::rank::CsmKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyMsg {
    NavCompany,
    NavTickets,
    CompanyTitle,
    CompanyIntro,
    FiscalYear,
    Rank,
    RankSourceComputed,
    RankSourceOverride,
    RankSourceOnboarding,
    Benefits,
    FreeTrainingsPerYear,
    Csm,
    CsmNone,
    CsmShared,
    CsmDedicated,
    TicketsGranted,
    TicketBalance,
    TicketsUnit,
    TicketsExpire,
    NoExpiry,
    RolloverPending,
    RankVolume,
    FreeTrainingsLeft,
    TimesUnit,
    AwsAccounts,
    AwsAccountId,
    AwsAccountName,
    ReportChannel,
    ChannelBacklog,
    ChannelPortal,
    NoAwsAccounts,
    TicketHistory,
    TicketHistoryIntro,
    ColAt,
    ColKind,
    ColAmount,
    ColBalance,
    ColReason,
    KindGrant,
    KindConsume,
    KindRefund,
    KindExpire,
    KindAdjust,
    KindWithdraw,
    NoTickets,
    DownloadCsv,
    Downloading,
    DownloadFailed,
    ViewTicketHistory,
    PagerInfo,
    ContractBillingAgency,
    ContractBillingAgencyAdv,
    ContractFlatRate,
    ContractDedicatedConnection,
    ContractCdnOnly,
    FlagPublicBody,
    FlagPartner,
    FlagViaThirdParty,
}

impl CompanyMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use CompanyMsg::*;
        match self {
            NavCompany => ("会社情報", "Company"),
            NavTickets => ("チケット履歴", "Ticket history"),
            CompanyTitle => ("会社情報", "Company information"),
            CompanyIntro => (
                "今年度のランクと特典、チケット残高、連携済みの AWS アカウントです。",
                "This fiscal year's rank and benefits, your ticket balance and your linked AWS accounts.",
            ),
            FiscalYear => ("年度", "Fiscal year"),
            Rank => ("ランク", "Rank"),
            RankSourceComputed => ("前年の取引実績により決定", "Decided by last year's transaction volume"),
            RankSourceOverride => ("担当者が設定", "Set by our staff"),
            RankSourceOnboarding => ("ご利用開始年度（実績なし）", "First year of use (no history yet)"),
            Benefits => ("特典", "Benefits"),
            FreeTrainingsPerYear => ("無料トレーニング {n}回/年", "Free trainings: {n} per year"),
            Csm => ("CSM", "Customer success manager"),
            CsmNone => ("なし", "none"),
            CsmShared => ("共有", "shared"),
            CsmDedicated => ("専任", "dedicated"),
            TicketsGranted => ("付与チケット {n}枚", "Tickets granted: {n}"),
            TicketBalance => ("チケット残高", "Ticket balance"),
            TicketsUnit => ("枚", "tickets"),
            TicketsExpire => ("有効期限 {date}", "Expires on {date}"),
            NoExpiry => ("保有チケットはありません", "No tickets held"),
            RolloverPending => (
                "新年度のランク判定を処理中です。完了するまでは前年度のランクとチケットが有効です。",
                "The new fiscal year's rank is being decided. Until then, last year's rank and tickets apply.",
            ),
            RankVolume => ("判定の基準となった前年の取引額: {n}", "Volume that decided the rank (previous year): {n}"),
            FreeTrainingsLeft => ("無料トレーニング残り", "Free trainings left"),
            TimesUnit => ("回", "left"),
            AwsAccounts => ("連携済み AWS アカウント", "Linked AWS accounts"),
            AwsAccountId => ("アカウント ID", "Account ID"),
            AwsAccountName => ("名称", "Name"),
            ReportChannel => ("作業報告先", "Work reports"),
            ChannelBacklog => ("Backlog", "Backlog"),
            ChannelPortal => ("ポータル", "Portal"),
            NoAwsAccounts => ("連携済みの AWS アカウントはありません。", "No AWS accounts are linked."),
            TicketHistory => ("チケット履歴", "Ticket history"),
            TicketHistoryIntro => (
                "チケットの付与・利用・返還・失効・調整の記録です（新しい順、日時は日本時間）。",
                "Every grant, use, refund, expiry and adjustment of tickets, newest first (times in JST).",
            ),
            ColAt => ("日時", "Date (JST)"),
            ColKind => ("種別", "Type"),
            ColAmount => ("数量", "Amount"),
            ColBalance => ("残高", "Balance"),
            ColReason => ("内容", "Details"),
            KindGrant => ("付与", "Grant"),
            KindConsume => ("利用", "Use"),
            KindRefund => ("返還", "Refund"),
            KindExpire => ("失効", "Expiry"),
            KindAdjust => ("調整", "Adjustment"),
            KindWithdraw => ("ランク変更による減算", "Withdrawn (rank change)"),
            NoTickets => ("チケットの履歴はまだありません。", "No ticket activity yet."),
            DownloadCsv => ("CSV ダウンロード", "Download CSV"),
            Downloading => ("ダウンロード中…", "Downloading…"),
            DownloadFailed => {
                ("ブラウザーがファイルの保存を許可しませんでした。", "The browser did not allow saving the file.")
            }
            ViewTicketHistory => ("チケット履歴を見る", "View ticket history"),
            PagerInfo => ("{page} / {pages} ページ（全 {total} 件）", "Page {page} of {pages} ({total} in all)"),
            ContractBillingAgency => ("AWS請求代行サービス", "AWS billing agency service"),
            ContractBillingAgencyAdv => ("AWS請求代行サービス adv.", "AWS billing agency service adv."),
            ContractFlatRate => ("AWS定額プラン", "AWS flat-rate plan"),
            ContractDedicatedConnection => ("専用線接続プラン", "Dedicated-connection plan"),
            ContractCdnOnly => ("CDNのみのプラン", "CDN-only plan"),
            FlagPublicBody => ("官公庁・自治体などの公的機関", "Public body (government, municipality, …)"),
            FlagPartner => ("業務提携パートナー企業", "Business-alliance partner company"),
            FlagViaThirdParty => (
                "第三者経由のご契約で直接契約がない（cloudpack with KDDI など）",
                "Served through a third party without a direct contract (e.g. cloudpack with KDDI)",
            ),
        }
    }

    pub fn for_rank_source(s: RankSource) -> CompanyMsg {
        match s {
            RankSource::Computed => CompanyMsg::RankSourceComputed,
            RankSource::Override => CompanyMsg::RankSourceOverride,
            RankSource::Onboarding => CompanyMsg::RankSourceOnboarding,
        }
    }

    pub fn for_csm(c: CsmKind) -> CompanyMsg {
        match c {
            CsmKind::None => CompanyMsg::CsmNone,
            CsmKind::Shared => CompanyMsg::CsmShared,
            CsmKind::Dedicated => CompanyMsg::CsmDedicated,
        }
    }

    pub fn for_channel(c: ReportChannel) -> CompanyMsg {
        match c {
            ReportChannel::Backlog => CompanyMsg::ChannelBacklog,
            ReportChannel::Portal => CompanyMsg::ChannelPortal,
        }
    }

    pub fn for_kind(k: EntryKind) -> CompanyMsg {
        match k {
            EntryKind::Grant => CompanyMsg::KindGrant,
            EntryKind::Consume => CompanyMsg::KindConsume,
            EntryKind::Refund => CompanyMsg::KindRefund,
            EntryKind::Expire => CompanyMsg::KindExpire,
            EntryKind::Adjust => CompanyMsg::KindAdjust,
            EntryKind::Withdraw => CompanyMsg::KindWithdraw,
        }
    }

    pub fn for_contract(c: ContractType) -> CompanyMsg {
        match c {
            ContractType::BillingAgency => CompanyMsg::ContractBillingAgency,
            ContractType::BillingAgencyAdv => CompanyMsg::ContractBillingAgencyAdv,
            ContractType::FlatRate => CompanyMsg::ContractFlatRate,
            ContractType::DedicatedConnection => CompanyMsg::ContractDedicatedConnection,
            ContractType::CdnOnly => CompanyMsg::ContractCdnOnly,
        }
    }
}
