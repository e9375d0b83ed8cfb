//! Onboarding a customer company (R1.1–R1.4, R7.2): create the company, its representative with a
//! temporary password, and the year's REGULAR rank in one transaction; then mail the password.

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::{companies, company_years, users};
use portal_domain::audit::AuditAction;
use portal_domain::company::{CompanyOverview, RankSource};
use portal_domain::email::Email;
use portal_domain::fiscal::FiscalYear;
use portal_domain::inputs::OnboardCompany;
use portal_domain::{ErrorCode, Rank, Role};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use uuid::Uuid;

use crate::credentials::{passwords, secrets};
use crate::error::AppError;
use crate::mail::Notices;
use crate::views;

pub struct Onboarded {
    pub company: CompanyOverview,
    pub representative_id: Uuid,
    /// `outbox`, `smtp`, or `failed` (the company exists either way; staff reissue the password
    /// with a credential reset).
    pub mail_delivery: String,
}

pub async fn onboard(
    db: &DatabaseConnection,
    notices: &Notices,
    input: &OnboardCompany,
    actor: &Actor,
    temp_password_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Onboarded, AppError> {
    if companies::find_by_code(db, &input.code).await?.is_some() {
        return Err(AppError::Conflict(ErrorCode::CompanyCodeTaken));
    }
    let email = &input.representative_email;
    if users::find_by_email(db, email.as_str()).await?.is_some() {
        return Err(AppError::Conflict(ErrorCode::EmailTaken));
    }
    let temporary_password = secrets::temporary_password();
    let hash = passwords::hash_blocking(temporary_password.clone()).await?;
    let fy = FiscalYear::containing(now);

    let txn = db.begin().await?;
    let (company, scope) =
        companies::insert_with(&txn, &input.code, &input.name, &input.contract_types, input.flags, now).await?;
    let rep = users::insert(
        &txn,
        users::NewUser {
            email: email.as_str(),
            display_name: &input.representative_name,
            password_hash: hash,
            must_change_password: true,
            temp_password_expires_at: Some(temp_password_until),
            role: Role::Representative,
            company_id: Some(company.id),
        },
        now,
    )
    .await?;
    // No history yet: REGULAR for the rest of this year (R2.4), whose grant is zero tickets. Volume
    // of the previous calendar year imported later recomputes it (`imports`).
    let year = company_years::NewYear {
        fiscal_year: fy.0,
        rank: Rank::Regular,
        source: RankSource::Onboarding,
        volume_yen: None,
        threshold_version: None,
        reason: None,
        decided_by: actor.id,
        rolled_over_at: Some(now),
    };
    company_years::insert(&txn, scope, year, now).await?;
    let record = audit::Record {
        action: AuditAction::CompanyOnboard,
        target_type: "company",
        target_id: company.id.to_string(),
        company_id: Some(company.id),
        before: None,
        after: Some(json!({
            "code": company.code, "name": company.name, "contract_types": input.contract_types, "flags": input.flags,
            "representative_id": rep.id, "fiscal_year": fy.0, "rank": Rank::Regular,
        })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;

    let (subject, text) = welcome_mail(
        &input.name,
        &input.representative_name,
        email,
        &temporary_password,
        temp_password_until,
        &notices.portal_url,
    );
    let mail_delivery = match notices.send(email.as_str(), &subject, text).await {
        Ok(()) => notices.mailer.kind().to_owned(),
        Err(e) => {
            tracing::error!(error = %e, company.id = %company.id, "welcome mail not sent");
            "failed".to_owned()
        }
    };
    tracing::info!(company.id = %company.id, "company onboarded");
    Ok(Onboarded { company: views::overview(db, scope, now).await?, representative_id: rep.id, mail_delivery })
}

pub fn welcome_mail(
    company_name: &str,
    rep_name: &str,
    email: &Email,
    temporary_password: &str,
    valid_until: DateTime<Utc>,
    portal_url: &str,
) -> (String, String) {
    let until = valid_until.with_timezone(&portal_domain::fiscal::jst()).format("%Y年%m月%d日 %H:%M");
    let subject = "【cloudpack+ PORTAL】アカウント開設のお知らせ".to_owned();
    let body = format!(
        "{company_name}\n{rep_name} 様\n\n\
cloudpack+ PORTAL の代表者アカウントを開設しました。\n\n\
ログインID: {email}\n\
仮パスワード: {temporary_password}\n\
仮パスワードの有効期限: {until}（日本時間）まで\n\
URL: {portal_url}\n\n\
初回ログイン時に新しいパスワードの設定と、多要素認証（認証アプリ）の登録をお願いいたします。\n\
有効期限を過ぎた場合は、担当者に仮パスワードの再発行をご依頼ください。\n\
このメールにお心当たりがない場合は、破棄してください。\n"
    );
    (subject, body)
}
