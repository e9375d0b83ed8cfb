//! Onboarding a customer company (R1.1–R1.4, R7.2): validate, check eligibility, create the
//! company, its representative with a temporary password, and the year's REGULAR rank; then mail
//! the temporary password.

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{companies, company_years, users, CompanyScope};
use portal_domain::company::OnboardCompanyRequest;
use portal_domain::eligibility;
use portal_domain::email::Email;
use portal_domain::fiscal::FiscalYear;
use portal_domain::problem::FieldError;
use portal_domain::transactions::company_code_valid;
use portal_domain::{Rank, Role};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::auth::{passwords, secrets};
use crate::error::ApiError;

pub struct Onboarded {
    pub company_id: Uuid,
    pub representative_id: Uuid,
    pub representative_email: Email,
    pub temporary_password: String,
}

fn field(field: &str, code: &str, message: &str) -> FieldError {
    FieldError { field: field.into(), code: code.into(), message: message.into() }
}

/// Every problem with the form at once: field errors first, else every failed eligibility rule.
pub fn validate(req: &OnboardCompanyRequest) -> Result<Email, ApiError> {
    let mut errors = Vec::new();
    let code = req.code.trim();
    if code.is_empty() {
        errors.push(field("code", "required", "company code is required"));
    } else if !company_code_valid(code) {
        errors.push(field("code", "invalid_company_code", "1–32 letters, digits, '-' or '_'"));
    }
    let name_len = req.name.trim().chars().count();
    if name_len == 0 {
        errors.push(field("name", "required", "company name is required"));
    } else if name_len > 200 {
        errors.push(field("name", "too_long", "at most 200 characters"));
    }
    let rep_len = req.representative_name.trim().chars().count();
    if rep_len == 0 {
        errors.push(field("representative_name", "required", "representative's name is required"));
    } else if rep_len > 100 {
        errors.push(field("representative_name", "too_long", "at most 100 characters"));
    }
    let email = Email::parse(&req.representative_email);
    if email.is_err() {
        errors.push(field("representative_email", "invalid_email", "not a valid e-mail address"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if let Err(reasons) = eligibility::check(&req.contract_types, req.flags) {
        let errors = reasons
            .into_iter()
            .map(|r| {
                let f = match r {
                    eligibility::IneligibleReason::NoQualifyingContract => "contract_types",
                    eligibility::IneligibleReason::PublicBody => "flags.public_body",
                    eligibility::IneligibleReason::Partner => "flags.partner",
                    eligibility::IneligibleReason::ViaThirdParty => "flags.via_third_party",
                };
                field(f, r.code(), &format!("{} ({})", r.message_en(), r.rule()))
            })
            .collect();
        return Err(ApiError::Ineligible(errors));
    }
    email.map_err(|_| ApiError::internal("checked above"))
}

pub async fn onboard(
    db: &DatabaseConnection,
    req: &OnboardCompanyRequest,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Onboarded, ApiError> {
    let email = validate(req)?;
    let code = req.code.trim();
    if companies::find_by_code(db, code).await?.is_some() {
        return Err(ApiError::Conflict("company_code_taken"));
    }
    if users::find_by_email(db, email.as_str()).await?.is_some() {
        return Err(ApiError::Conflict("email_taken"));
    }
    let temporary_password = secrets::temporary_password();
    let hash = passwords::hash_blocking(temporary_password.clone()).await?;
    let fy = FiscalYear::containing(now);

    let txn = db.begin().await?;
    let mut contracts = req.contract_types.clone();
    contracts.sort();
    contracts.dedup();
    let company = companies::insert_with(&txn, code, req.name.trim(), &contracts, req.flags, now).await?;
    let scope = CompanyScope::new(company.id);
    let rep = users::insert(
        &txn,
        users::NewUser {
            email: email.as_str(),
            display_name: req.representative_name.trim(),
            password_hash: hash,
            must_change_password: true,
            role: Role::Representative.as_str(),
            company_id: Some(company.id),
        },
        now,
    )
    .await?;
    // No history yet: REGULAR for the rest of this year (R2.4), whose grant is zero tickets.
    let year = company_years::NewYear {
        fiscal_year: fy.0,
        rank: Rank::Regular,
        source: "onboarding",
        volume_yen: None,
        threshold_version: None,
        reason: None,
        decided_by: actor.id,
        rolled_over_at: Some(now),
    };
    company_years::insert(&txn, scope, year, now).await?;
    let record = audit::Record {
        action: "company.onboard",
        target_type: "company",
        target_id: company.id.to_string(),
        company_id: Some(company.id),
        before: None,
        after: Some(json!({
            "code": company.code, "name": company.name, "contract_types": contracts, "flags": req.flags,
            "representative_id": rep.id, "fiscal_year": fy.0, "rank": Rank::Regular,
        })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(Onboarded { company_id: company.id, representative_id: rep.id, representative_email: email, temporary_password })
}

pub fn welcome_mail(
    company_name: &str,
    rep_name: &str,
    email: &Email,
    temporary_password: &str,
    portal_url: &str,
) -> (String, String) {
    let subject = "【cloudpack+ PORTAL】アカウント開設のお知らせ".to_owned();
    let body = format!(
        "{company_name}\n{rep_name} 様\n\n\
cloudpack+ PORTAL の代表者アカウントを開設しました。\n\n\
ログインID: {email}\n\
仮パスワード: {temporary_password}\n\
URL: {portal_url}\n\n\
初回ログイン時に新しいパスワードの設定と、多要素認証（認証アプリ）の登録をお願いいたします。\n\
このメールにお心当たりがない場合は、破棄してください。\n"
    );
    (subject, body)
}
