//! R1.1–R1.4, R7.2: staff onboard a company; the representative gets a temporary password by mail.

use portal_domain::auth::{AuthResponse, SessionStage};
use portal_domain::company::{
    CompanyDetail, CompanyOverview, OnboardCompanyRequest, OnboardCompanyResponse, RankSource,
};
use portal_domain::eligibility::{CompanyFlags, ContractType};
use portal_domain::{Rank, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{ok_json, problem, TestApp, TestUser};

fn form(code: &str, email: &str) -> OnboardCompanyRequest {
    OnboardCompanyRequest {
        code: code.into(),
        name: "株式会社さくら".into(),
        contract_types: vec![ContractType::BillingAgency],
        flags: CompanyFlags { public_body: false, partner: false, via_third_party: false },
        representative_name: "桜井 一郎".into(),
        representative_email: email.into(),
    }
}

#[tokio::test]
async fn r7_2_onboarding_mails_a_temporary_password_that_signs_in_to_a_regular_company() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Csm).await;
    let res =
        app.post_json("/api/v1/admin/companies", Some(&staff), &form("SAKURA", "Ichiro@Sakura.example.co.jp")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let done: OnboardCompanyResponse = res.json().await.unwrap();
    assert_eq!(done.mail_delivery, "outbox");
    assert_eq!(done.company.rank, Rank::Regular);
    assert_eq!(done.company.rank_source, RankSource::Onboarding);
    assert_eq!(done.company.ticket_balance, 0);

    let mails = app.mails_to("ichiro@sakura.example.co.jp");
    assert_eq!(mails.len(), 1, "one welcome mail");
    let password =
        mails[0].lines().find_map(|l| l.strip_prefix("仮パスワード: ")).expect("password line").trim().to_owned();
    assert!(mails[0].contains("桜井 一郎 様"));

    let mut rep = TestUser {
        id: done.representative_id,
        email: "ichiro@sakura.example.co.jp".into(),
        password,
        secret: None,
        last_step: None,
        clock: app.clock.clone(),
    };
    let step: AuthResponse = ok_json(app.login(&rep).await).await;
    assert_eq!(step.next, SessionStage::ChangePassword);
    let session = app.onboard(&mut rep).await;
    let company: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&session.access_token)).await).await;
    assert_eq!((company.rank, company.ticket_balance, company.free_trainings_left), (Rank::Regular, 0, 0));
    assert_eq!(company.code, "SAKURA");
    assert!(company.tickets_expire_at.is_none());
}

#[tokio::test]
async fn r1_4_an_ineligible_company_is_refused_naming_every_rule_and_nothing_is_created() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let mut f = form("GOV1", "a@gov.example.jp");
    f.contract_types = vec![ContractType::DedicatedConnection, ContractType::CdnOnly];
    f.flags = CompanyFlags { public_body: true, partner: true, via_third_party: true };
    let p = problem(
        app.post_json("/api/v1/admin/companies", Some(&staff), &f).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "ineligible_company",
    )
    .await;
    let codes: Vec<&str> = p.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["no_qualifying_contract", "public_body", "partner", "via_third_party"]);
    assert!(p.errors[0].message.contains("R1.1") && p.errors[1].message.contains("R1.2"));

    // One rule alone: a flat-rate customer served through a third party.
    let mut f = form("KDDI1", "b@example.jp");
    f.contract_types = vec![ContractType::FlatRate];
    f.flags.via_third_party = true;
    let p = problem(
        app.post_json("/api/v1/admin/companies", Some(&staff), &f).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "ineligible_company",
    )
    .await;
    assert_eq!(p.errors.len(), 1);
    assert_eq!((p.errors[0].field.as_str(), p.errors[0].code.as_str()), ("flags.via_third_party", "via_third_party"));

    let page: Value = ok_json(app.get("/api/v1/admin/companies", Some(&staff)).await).await;
    assert_eq!(page["total"], 0);
    assert!(app.mails_to("a@gov.example.jp").is_empty());
}

#[tokio::test]
async fn onboarding_validates_fields_and_refuses_duplicates() {
    let app = TestApp::spawn().await;
    let (_, staff) = app.staff(Role::Admin).await;
    let bad = OnboardCompanyRequest {
        code: "no spaces!".into(),
        name: " ".into(),
        contract_types: vec![],
        flags: CompanyFlags::default(),
        representative_name: "".into(),
        representative_email: "nope".into(),
    };
    let p = problem(
        app.post_json("/api/v1/admin/companies", Some(&staff), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["code", "name", "representative_name", "representative_email"]);

    let unknown = json!({"code": "X", "name": "X", "contract_types": ["mystery"], "representative_name": "x", "representative_email": "x@x.jp"});
    problem(
        app.post("/api/v1/admin/companies", Some(&staff), unknown).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;

    assert_eq!(
        app.post_json("/api/v1/admin/companies", Some(&staff), &form("DUP", "one@dup.jp")).await.status(),
        StatusCode::CREATED
    );
    problem(
        app.post_json("/api/v1/admin/companies", Some(&staff), &form("DUP", "two@dup.jp")).await,
        StatusCode::CONFLICT,
        "company_code_taken",
    )
    .await;
    problem(
        app.post_json("/api/v1/admin/companies", Some(&staff), &form("DUP2", "ONE@dup.jp")).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
}

#[tokio::test]
async fn customers_cannot_onboard_or_list_companies() {
    let app = TestApp::spawn().await;
    let company = app.company("C001", "株式会社テスト").await;
    let (_, rep) = app.customer(Role::Representative, company).await;
    problem(
        app.post_json("/api/v1/admin/companies", Some(&rep), &form("Z", "z@z.jp")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    problem(app.get("/api/v1/admin/companies", Some(&rep)).await, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn the_test_company_builder_leaves_what_onboarding_and_staff_operations_leave() {
    let app = TestApp::spawn().await;
    let id = app.build_company("BUILT").rank(Rank::Gold).tickets(20).aws_account("123456789012").create().await;
    assert_eq!(app.mails_to("rep@built.example.jp").len(), 1, "the representative got the welcome mail");
    let (_, member) = app.signed_in(Role::Member, Some(id)).await;
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&member)).await).await;
    assert_eq!(
        (c.code.as_str(), c.rank, c.rank_source, c.ticket_balance),
        ("BUILT", Rank::Gold, RankSource::Override, 20)
    );
    assert_eq!(c.aws_accounts.iter().map(|a| a.account_id.as_str()).collect::<Vec<_>>(), ["123456789012"]);

    let (_, admin) = app.signed_in(Role::Admin, None).await;
    let plain = app.build_company("PLAIN").by(&admin).create().await;
    let d: CompanyDetail = ok_json(app.get(&format!("/api/v1/admin/companies/{plain}"), Some(&admin)).await).await;
    let o = &d.overview;
    assert_eq!((o.rank, o.rank_source, o.ticket_balance), (Rank::Regular, RankSource::Onboarding, 0));
    assert_eq!(d.users.iter().map(|u| u.role).collect::<Vec<_>>(), [Role::Representative]);

    // Fewer tickets than the rank grants: the rest is withdrawn.
    let few = app.build_company("FEW").rank(Rank::Platinum).tickets(2).by(&admin).create().await;
    let (_, rep) = app.signed_in(Role::Representative, Some(few)).await;
    let c: CompanyOverview = ok_json(app.get("/api/v1/company", Some(&rep)).await).await;
    assert_eq!((c.rank, c.ticket_balance), (Rank::Platinum, 2));
}
