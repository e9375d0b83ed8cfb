//! Staff requests parsed into the values use cases accept ("parse, don't validate"): a use case
//! never sees a blank reason, a malformed AWS account id or an out-of-range amount. Each `parse`
//! reports every invalid field at once, named as in the request body.

use crate::aws::AwsAccountId;
use crate::codes::ErrorCode;
use crate::company::{
    LinkAwsAccountRequest, OnboardCompanyRequest, RankOverrideRequest, TicketAdjustmentRequest, UpdateThresholdsRequest,
};
use crate::eligibility::{self, CompanyFlags, ContractType, IneligibleReason};
use crate::email::Email;
use crate::fiscal::FiscalYear;
use crate::problem::FieldError;
use crate::rank::Thresholds;
use crate::transactions::company_code_valid;
use crate::Rank;

/// Why staff did something: trimmed, 1–500 characters (R2.4, R3.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(field: &str, value: &str) -> Result<Reason, FieldError> {
        let r = value.trim();
        if r.is_empty() {
            return Err(FieldError::new(field, ErrorCode::Required, "a reason is required"));
        }
        if r.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new(field, ErrorCode::TooLong, "at most 500 characters"));
        }
        Ok(Reason(r.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn text(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n == 0 {
        errors.push(FieldError::new(field, ErrorCode::Required, format!("{field} is required")));
    } else if n > max {
        errors.push(FieldError::new(field, ErrorCode::TooLong, format!("at most {max} characters")));
    }
    v.to_owned()
}

/// Onboarding fails either on the form or on the programme's eligibility rules (R1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnboardError {
    Invalid(Vec<FieldError>),
    Ineligible(Vec<FieldError>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OnboardCompany {
    pub code: String,
    pub name: String,
    /// Sorted, without duplicates.
    pub contract_types: Vec<ContractType>,
    pub flags: CompanyFlags,
    pub representative_name: String,
    pub representative_email: Email,
}

impl OnboardCompany {
    /// Form errors first; only a well-formed form is checked against every eligibility rule.
    pub fn parse(req: &OnboardCompanyRequest) -> Result<OnboardCompany, OnboardError> {
        let mut errors = Vec::new();
        let code = req.code.trim();
        if code.is_empty() {
            errors.push(FieldError::new("code", ErrorCode::Required, "company code is required"));
        } else if !company_code_valid(code) {
            errors.push(FieldError::new("code", ErrorCode::InvalidCompanyCode, "1–32 letters, digits, '-' or '_'"));
        }
        let name = text("name", &req.name, 200, &mut errors);
        let representative_name = text("representative_name", &req.representative_name, 100, &mut errors);
        let email = Email::parse(&req.representative_email);
        if email.is_err() {
            errors.push(FieldError::new("representative_email", ErrorCode::InvalidEmail, "not a valid e-mail address"));
        }
        let representative_email = match email {
            Ok(e) if errors.is_empty() => e,
            _ => return Err(OnboardError::Invalid(errors)),
        };
        if let Err(reasons) = eligibility::check(&req.contract_types, req.flags) {
            return Err(OnboardError::Ineligible(reasons.into_iter().map(ineligible_field).collect()));
        }
        let mut contract_types = req.contract_types.clone();
        contract_types.sort();
        contract_types.dedup();
        Ok(OnboardCompany {
            code: code.to_owned(),
            name,
            contract_types,
            flags: req.flags,
            representative_name,
            representative_email,
        })
    }
}

fn ineligible_field(r: IneligibleReason) -> FieldError {
    let field = match r {
        IneligibleReason::NoQualifyingContract => "contract_types",
        IneligibleReason::PublicBody => "flags.public_body",
        IneligibleReason::Partner => "flags.partner",
        IneligibleReason::ViaThirdParty => "flags.via_third_party",
    };
    FieldError::new(field, r.code(), format!("{} ({})", r.message_en(), r.rule()))
}

/// An AWS account staff link to a company: only accounts whose root user the operator holds (R1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAwsAccount {
    pub account_id: AwsAccountId,
    pub display_name: String,
    pub under_maintenance: bool,
}

impl LinkAwsAccount {
    pub fn parse(req: &LinkAwsAccountRequest) -> Result<LinkAwsAccount, Vec<FieldError>> {
        let mut errors = Vec::new();
        let account = AwsAccountId::parse(&req.account_id);
        if let Err(e) = &account {
            errors.push(FieldError::new("account_id", e.code(), e.to_string()));
        }
        let display_name = text("display_name", &req.display_name, 100, &mut errors);
        if !req.root_held_by_us {
            errors.push(FieldError::new(
                "root_held_by_us",
                ErrorCode::RootNotHeld,
                "only accounts whose root user the operator holds can be linked (R1.3)",
            ));
        }
        match account {
            Ok(account_id) if errors.is_empty() => {
                Ok(LinkAwsAccount { account_id, display_name, under_maintenance: req.under_maintenance })
            }
            _ => Err(errors),
        }
    }
}

/// A staff change to a company's tickets: non-zero, at most ±1,000 at once, with a reason (R3.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketAdjustment {
    pub amount: i32,
    pub reason: Reason,
}

impl TicketAdjustment {
    pub const MAX: i32 = 1000;

    pub fn parse(req: &TicketAdjustmentRequest) -> Result<TicketAdjustment, Vec<FieldError>> {
        let mut errors = Vec::new();
        if req.amount == 0 || req.amount.unsigned_abs() > Self::MAX.unsigned_abs() {
            errors.push(FieldError::new(
                "amount",
                ErrorCode::OutOfRange,
                format!("a non-zero number between -{} and {}", Self::MAX, Self::MAX),
            ));
        }
        let reason = Reason::parse("reason", &req.reason).map_err(|e| errors.push(e)).ok();
        match reason {
            Some(reason) if errors.is_empty() => Ok(TicketAdjustment { amount: req.amount, reason }),
            _ => Err(errors),
        }
    }
}

/// A staff override of one fiscal year's rank: the year under way or the next one (R2.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankOverride {
    pub fiscal_year: FiscalYear,
    pub rank: Rank,
    pub reason: Reason,
}

impl RankOverride {
    pub fn parse(req: &RankOverrideRequest, current: FiscalYear) -> Result<RankOverride, Vec<FieldError>> {
        let mut errors = Vec::new();
        if req.fiscal_year < current || req.fiscal_year > current.next() {
            errors.push(FieldError::new(
                "fiscal_year",
                ErrorCode::OutOfRange,
                format!("only {} or {} can be overridden", current.0, current.next().0),
            ));
        }
        let reason = Reason::parse("reason", &req.reason).map_err(|e| errors.push(e)).ok();
        match reason {
            Some(reason) if errors.is_empty() => {
                Ok(RankOverride { fiscal_year: req.fiscal_year, rank: req.rank, reason })
            }
            _ => Err(errors),
        }
    }
}

/// The yearly rollover runs for the fiscal year under way only: a past year would grant tickets
/// that have already expired, and a future one has no volume to decide ranks from yet.
pub fn rollover_target(requested: FiscalYear, current: FiscalYear) -> Result<FiscalYear, FieldError> {
    if requested == current {
        Ok(requested)
    } else {
        Err(FieldError::new(
            "fiscal_year",
            ErrorCode::NotCurrentFiscalYear,
            format!("only the fiscal year under way ({}) can be rolled over", current.0),
        ))
    }
}

/// A new version of the rank thresholds with the reason for it (R2.3).
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdsChange {
    pub thresholds: Thresholds,
    pub note: Reason,
}

impl ThresholdsChange {
    pub fn parse(req: &UpdateThresholdsRequest) -> Result<ThresholdsChange, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(e) = req.thresholds.validate() {
            errors.push(FieldError::new(&format!("thresholds.{}", e.field()), e.code(), e.to_string()));
        }
        let note = Reason::parse("note", &req.note).map_err(|e| errors.push(e)).ok();
        match note {
            Some(note) if errors.is_empty() => Ok(ThresholdsChange { thresholds: req.thresholds, note }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::ContractType;

    fn onboard() -> OnboardCompanyRequest {
        OnboardCompanyRequest {
            code: " ACME ".into(),
            name: "ACME".into(),
            contract_types: vec![ContractType::BillingAgency, ContractType::BillingAgency],
            flags: CompanyFlags::default(),
            representative_name: "Rep".into(),
            representative_email: "rep@acme.example".into(),
        }
    }

    #[test]
    fn onboarding_trims_and_dedups() {
        let o = OnboardCompany::parse(&onboard()).unwrap();
        assert_eq!(o.code, "ACME");
        assert_eq!(o.contract_types, vec![ContractType::BillingAgency]);
    }

    #[test]
    fn onboarding_names_every_bad_field_before_eligibility() {
        let mut r = onboard();
        r.code = String::new();
        r.representative_email = "nope".into();
        r.contract_types.clear();
        let Err(OnboardError::Invalid(errors)) = OnboardCompany::parse(&r) else { panic!("form errors first") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "representative_email"]);
    }

    #[test]
    fn rollover_only_for_the_year_under_way() {
        let now = FiscalYear(2026);
        assert_eq!(rollover_target(FiscalYear(2026), now), Ok(FiscalYear(2026)));
        assert_eq!(rollover_target(FiscalYear(2025), now).unwrap_err().code, ErrorCode::NotCurrentFiscalYear.as_str());
        assert!(rollover_target(FiscalYear(2027), now).is_err());
        assert!(rollover_target(FiscalYear(2000), now).is_err());
    }

    #[test]
    fn adjustments_are_bounded_and_need_a_reason() {
        let bad = TicketAdjustmentRequest { amount: 0, reason: " ".into() };
        let errs = TicketAdjustment::parse(&bad).unwrap_err();
        assert_eq!(errs.len(), 2);
        let ok = TicketAdjustment::parse(&TicketAdjustmentRequest { amount: -1000, reason: "x".into() }).unwrap();
        assert_eq!(ok.amount, -1000);
        assert!(TicketAdjustment::parse(&TicketAdjustmentRequest { amount: i32::MIN, reason: "x".into() }).is_err());
    }

    #[test]
    fn overrides_cover_this_year_and_the_next() {
        let req = |fy| RankOverrideRequest { fiscal_year: FiscalYear(fy), rank: Rank::Gold, reason: "r".into() };
        assert!(RankOverride::parse(&req(2026), FiscalYear(2026)).is_ok());
        assert!(RankOverride::parse(&req(2027), FiscalYear(2026)).is_ok());
        assert!(RankOverride::parse(&req(2025), FiscalYear(2026)).is_err());
    }
}
