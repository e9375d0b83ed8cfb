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
    #[serde(rename = "aws_account.role_set")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "aws_account.role_set"))]
    AwsRoleSet,
    #[serde(rename = "aws_account.connection_test")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "aws_account.connection_test"))]
    AwsConnectionTest,
    #[serde(rename = "tool_setting.update")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "tool_setting.update"))]
    ToolSettingUpdate,
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
    #[serde(rename = "auth.sign_in")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.sign_in"))]
    AuthSignIn,
    #[serde(rename = "auth.sign_in_failed")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.sign_in_failed"))]
    AuthSignInFailed,
    #[serde(rename = "auth.mfa_failed")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.mfa_failed"))]
    AuthMfaFailed,
    #[serde(rename = "auth.locked")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.locked"))]
    AuthLocked,
    #[serde(rename = "auth.logout")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.logout"))]
    AuthLogout,
    #[serde(rename = "auth.refresh_reuse")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.refresh_reuse"))]
    AuthRefreshReuse,
    #[serde(rename = "auth.password_changed")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.password_changed"))]
    AuthPasswordChanged,
    #[serde(rename = "auth.mfa_enrolled")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "auth.mfa_enrolled"))]
    AuthMfaEnrolled,
    #[serde(rename = "service.update")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "service.update"))]
    ServiceUpdate,
    #[serde(rename = "application.submit")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "application.submit"))]
    ApplicationSubmit,
    #[serde(rename = "application.transition")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "application.transition"))]
    ApplicationTransition,
    #[serde(rename = "training.menu_create")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "training.menu_create"))]
    TrainingMenuCreate,
    #[serde(rename = "training.book")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "training.book"))]
    TrainingBook,
    #[serde(rename = "training.cancel")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "training.cancel"))]
    TrainingCancel,
    #[serde(rename = "user.create")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.create"))]
    UserCreate,
    #[serde(rename = "user.update")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.update"))]
    UserUpdate,
    #[serde(rename = "user.disable")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.disable"))]
    UserDisable,
    #[serde(rename = "user.enable")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.enable"))]
    UserEnable,
    #[serde(rename = "user.delete")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "user.delete"))]
    UserDelete,
    #[serde(rename = "api_token.create")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "api_token.create"))]
    ApiTokenCreate,
    #[serde(rename = "api_token.revoke")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "api_token.revoke"))]
    ApiTokenRevoke,
    #[serde(rename = "api_token.use")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "api_token.use"))]
    ApiTokenUse,
    #[serde(rename = "inquiry.open")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "inquiry.open"))]
    InquiryOpen,
    #[serde(rename = "inquiry.message")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "inquiry.message"))]
    InquiryMessage,
    #[serde(rename = "inquiry.close")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "inquiry.close"))]
    InquiryClose,
    #[serde(rename = "inquiry.reopen")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "inquiry.reopen"))]
    InquiryReopen,
    #[serde(rename = "inquiry.assign")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "inquiry.assign"))]
    InquiryAssign,
    #[serde(rename = "csm.assign")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "csm.assign"))]
    CsmAssign,
    #[serde(rename = "optimization.open")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "optimization.open"))]
    OptimizationOpen,
    #[serde(rename = "optimization.message")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "optimization.message"))]
    OptimizationMessage,
    #[serde(rename = "optimization.slot_pick")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "optimization.slot_pick"))]
    OptimizationSlotPick,
    #[serde(rename = "optimization.close")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "optimization.close"))]
    OptimizationClose,
    #[serde(rename = "proposal.create")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "proposal.create"))]
    ProposalCreate,
    #[serde(rename = "proposal.evidence_attach")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "proposal.evidence_attach"))]
    ProposalEvidenceAttach,
    #[serde(rename = "proposal.transition")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "proposal.transition"))]
    ProposalTransition,
    #[serde(rename = "proposal.measure")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "proposal.measure"))]
    ProposalMeasure,
    #[serde(rename = "proposal.comment")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "proposal.comment"))]
    ProposalComment,
}

impl AuditAction {
    pub const ALL: [AuditAction; 50] = [
        AuditAction::CompanyOnboard,
        AuditAction::CompanyLinkAwsAccount,
        AuditAction::AwsRoleSet,
        AuditAction::AwsConnectionTest,
        AuditAction::ToolSettingUpdate,
        AuditAction::CompanyRankOverride,
        AuditAction::CompanyRankRecomputed,
        AuditAction::TicketsAdjust,
        AuditAction::TransactionsImport,
        AuditAction::RankThresholdsUpdate,
        AuditAction::Rollover,
        AuditAction::RolloverFailed,
        AuditAction::UserResetCredentials,
        AuditAction::AuthSignIn,
        AuditAction::AuthSignInFailed,
        AuditAction::AuthMfaFailed,
        AuditAction::AuthLocked,
        AuditAction::AuthLogout,
        AuditAction::AuthRefreshReuse,
        AuditAction::AuthPasswordChanged,
        AuditAction::AuthMfaEnrolled,
        AuditAction::ServiceUpdate,
        AuditAction::ApplicationSubmit,
        AuditAction::ApplicationTransition,
        AuditAction::TrainingMenuCreate,
        AuditAction::TrainingBook,
        AuditAction::TrainingCancel,
        AuditAction::UserCreate,
        AuditAction::UserUpdate,
        AuditAction::UserDisable,
        AuditAction::UserEnable,
        AuditAction::UserDelete,
        AuditAction::ApiTokenCreate,
        AuditAction::ApiTokenRevoke,
        AuditAction::ApiTokenUse,
        AuditAction::InquiryOpen,
        AuditAction::InquiryMessage,
        AuditAction::InquiryClose,
        AuditAction::InquiryReopen,
        AuditAction::InquiryAssign,
        AuditAction::CsmAssign,
        AuditAction::OptimizationOpen,
        AuditAction::OptimizationMessage,
        AuditAction::OptimizationSlotPick,
        AuditAction::OptimizationClose,
        AuditAction::ProposalCreate,
        AuditAction::ProposalEvidenceAttach,
        AuditAction::ProposalTransition,
        AuditAction::ProposalMeasure,
        AuditAction::ProposalComment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CompanyOnboard => "company.onboard",
            AuditAction::CompanyLinkAwsAccount => "company.link_aws_account",
            AuditAction::AwsRoleSet => "aws_account.role_set",
            AuditAction::AwsConnectionTest => "aws_account.connection_test",
            AuditAction::ToolSettingUpdate => "tool_setting.update",
            AuditAction::CompanyRankOverride => "company.rank_override",
            AuditAction::CompanyRankRecomputed => "company.rank_recomputed",
            AuditAction::TicketsAdjust => "tickets.adjust",
            AuditAction::TransactionsImport => "transactions.import",
            AuditAction::RankThresholdsUpdate => "rank_thresholds.update",
            AuditAction::Rollover => "rollover",
            AuditAction::RolloverFailed => "rollover.failed",
            AuditAction::UserResetCredentials => "user.reset_credentials",
            AuditAction::AuthSignIn => "auth.sign_in",
            AuditAction::AuthSignInFailed => "auth.sign_in_failed",
            AuditAction::AuthMfaFailed => "auth.mfa_failed",
            AuditAction::AuthLocked => "auth.locked",
            AuditAction::AuthLogout => "auth.logout",
            AuditAction::AuthRefreshReuse => "auth.refresh_reuse",
            AuditAction::AuthPasswordChanged => "auth.password_changed",
            AuditAction::AuthMfaEnrolled => "auth.mfa_enrolled",
            AuditAction::ServiceUpdate => "service.update",
            AuditAction::ApplicationSubmit => "application.submit",
            AuditAction::ApplicationTransition => "application.transition",
            AuditAction::TrainingMenuCreate => "training.menu_create",
            AuditAction::TrainingBook => "training.book",
            AuditAction::TrainingCancel => "training.cancel",
            AuditAction::UserCreate => "user.create",
            AuditAction::UserUpdate => "user.update",
            AuditAction::UserDisable => "user.disable",
            AuditAction::UserEnable => "user.enable",
            AuditAction::UserDelete => "user.delete",
            AuditAction::ApiTokenCreate => "api_token.create",
            AuditAction::ApiTokenRevoke => "api_token.revoke",
            AuditAction::ApiTokenUse => "api_token.use",
            AuditAction::InquiryOpen => "inquiry.open",
            AuditAction::InquiryMessage => "inquiry.message",
            AuditAction::InquiryClose => "inquiry.close",
            AuditAction::InquiryReopen => "inquiry.reopen",
            AuditAction::InquiryAssign => "inquiry.assign",
            AuditAction::CsmAssign => "csm.assign",
            AuditAction::OptimizationOpen => "optimization.open",
            AuditAction::OptimizationMessage => "optimization.message",
            AuditAction::OptimizationSlotPick => "optimization.slot_pick",
            AuditAction::OptimizationClose => "optimization.close",
            AuditAction::ProposalCreate => "proposal.create",
            AuditAction::ProposalEvidenceAttach => "proposal.evidence_attach",
            AuditAction::ProposalTransition => "proposal.transition",
            AuditAction::ProposalMeasure => "proposal.measure",
            AuditAction::ProposalComment => "proposal.comment",
        }
    }

    /// Sign-in and credential events (ASVS V16): staff filter the audit page by these.
    pub fn is_security_event(self) -> bool {
        self.as_str().starts_with("auth.")
            || matches!(
                self,
                AuditAction::UserResetCredentials
                    | AuditAction::UserDisable
                    | AuditAction::UserEnable
                    | AuditAction::UserDelete
                    | AuditAction::ApiTokenCreate
                    | AuditAction::ApiTokenRevoke
            )
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
