//! What the audit log records: one closed set of actions, shared by the server (stored as an
//! active enum), the OpenAPI document and the SPA's filter, so none of them drifts from the others.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)"))]
pub enum AuditAction {
    #[serde(rename = "company.onboard")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "company.onboard"))]
    CompanyOnboard,
    #[serde(rename = "company.link_aws_account")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "company.link_aws_account"))]
    CompanyLinkAwsAccount,
    #[serde(rename = "company.rank_override")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "company.rank_override"))]
    CompanyRankOverride,
    #[serde(rename = "company.rank_recomputed")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "company.rank_recomputed"))]
    CompanyRankRecomputed,
    #[serde(rename = "tickets.adjust")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "tickets.adjust"))]
    TicketsAdjust,
    #[serde(rename = "transactions.import")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "transactions.import"))]
    TransactionsImport,
    #[serde(rename = "rank_thresholds.update")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "rank_thresholds.update"))]
    RankThresholdsUpdate,
    #[serde(rename = "rollover")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "rollover"))]
    Rollover,
    #[serde(rename = "rollover.failed")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "rollover.failed"))]
    RolloverFailed,
    #[serde(rename = "user.reset_credentials")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.reset_credentials"))]
    UserResetCredentials,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        AuditAction::CompanyOnboard,
        AuditAction::CompanyLinkAwsAccount,
        AuditAction::CompanyRankOverride,
        AuditAction::CompanyRankRecomputed,
        AuditAction::TicketsAdjust,
        AuditAction::TransactionsImport,
        AuditAction::RankThresholdsUpdate,
        AuditAction::Rollover,
        AuditAction::RolloverFailed,
        AuditAction::UserResetCredentials,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CompanyOnboard => "company.onboard",
            AuditAction::CompanyLinkAwsAccount => "company.link_aws_account",
            AuditAction::CompanyRankOverride => "company.rank_override",
            AuditAction::CompanyRankRecomputed => "company.rank_recomputed",
            AuditAction::TicketsAdjust => "tickets.adjust",
            AuditAction::TransactionsImport => "transactions.import",
            AuditAction::RankThresholdsUpdate => "rank_thresholds.update",
            AuditAction::Rollover => "rollover",
            AuditAction::RolloverFailed => "rollover.failed",
            AuditAction::UserResetCredentials => "user.reset_credentials",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_name_and_serde() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.as_str()));
        }
        assert_eq!(AuditAction::parse("company.delete"), None);
    }
}
