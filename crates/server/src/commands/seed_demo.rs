//! Demo data for a first look: one customer company with a representative and a member, and an
//! admin. Running it again gives everyone a fresh temporary password, so the printed log-ins work.

use portal_app::credentials::{passwords, secrets};
use portal_app::{rank_override, Actor, Clock};
use portal_db::queries::aws_accounts::{self, NewAwsAccount};
use portal_db::queries::{companies, ledger, recovery_codes, sessions, users};
use portal_domain::fiscal::FiscalYear;
use portal_domain::inputs::{RankOverride, Reason};
use portal_domain::{Rank, Role};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use super::CmdResult;
use crate::config::Config;

const COMPANY_CODE: &str = "DEMO001";
const COMPANY_NAME: &str = "デモ株式会社";

struct DemoUser {
    email: &'static str,
    name: &'static str,
    role: Role,
}

const DEMO_USERS: [DemoUser; 4] = [
    DemoUser { email: "rep@demo.example.com", name: "山田 太郎", role: Role::Representative },
    DemoUser { email: "member@demo.example.com", name: "佐藤 花子", role: Role::Member },
    DemoUser { email: "admin@demo.example.com", name: "運営 管理者", role: Role::Admin },
    DemoUser { email: "csm@demo.example.com", name: "鈴木 一郎（CSM）", role: Role::Csm },
];

pub async fn run(db: &DatabaseConnection, config: &Config, clock: &dyn Clock, as_json: bool) -> CmdResult {
    let now = clock.now();
    let txn = db.begin().await?;
    let (company_id, created) = match companies::find_by_code(&txn, COMPANY_CODE).await? {
        Some(c) => (c.id, None),
        None => {
            let (c, scope) = companies::insert(&txn, COMPANY_CODE, COMPANY_NAME, now).await?;
            (c.id, Some(scope))
        }
    };
    let mut logins = Vec::new();
    for demo in &DEMO_USERS {
        let temporary = secrets::temporary_password();
        let hash = passwords::hash(&temporary)?;
        match users::find_by_email(&txn, demo.email).await? {
            Some(u) => {
                users::reset_credentials(&txn, u.id, hash, config.api.temp_password_until(now), now).await?;
                recovery_codes::delete_all(&txn, u.id).await?;
                sessions::revoke_all_for_user(&txn, u.id, "demo_reseed", now).await?;
            }
            None => {
                let company_id = (!demo.role.is_staff()).then_some(company_id);
                users::insert(
                    &txn,
                    users::NewUser {
                        email: demo.email,
                        display_name: demo.name,
                        password_hash: hash,
                        must_change_password: true,
                        temp_password_expires_at: Some(config.api.temp_password_until(now)),
                        role: demo.role,
                        company_id,
                    },
                    now,
                )
                .await?;
            }
        }
        logins.push((demo, temporary));
    }
    if let Some(scope) = created {
        let account = NewAwsAccount {
            account_id: "123456789012",
            display_name: "デモ本番環境",
            root_held_by_us: true,
            under_maintenance: true,
        };
        aws_accounts::insert(&txn, scope, account, now).await?;
        aws_accounts::insert(
            &txn,
            scope,
            NewAwsAccount {
                account_id: "210987654321",
                display_name: "デモ検証環境",
                root_held_by_us: true,
                under_maintenance: false,
            },
            now,
        )
        .await?;
    }
    if let Some(scope) = created {
        // A GOLD year, so the demo shows tickets (R2.1: 15); in the same transaction, so a failure
        // leaves no half-made demo company behind.
        ledger::lock(&txn, scope).await?;
        let admin = users::find_by_email(&txn, DEMO_USERS[2].email).await?.ok_or("demo admin missing")?;
        let actor = Actor { id: Some(admin.id), label: admin.email };
        let fy = FiscalYear::containing(now);
        let change = RankOverride {
            fiscal_year: fy,
            rank: Rank::Gold,
            reason: Reason::parse("reason", "デモデータ").map_err(|e| e.message)?,
        };
        rank_override::apply_locked(&txn, scope, &change, &actor, now).await?;
    }
    txn.commit().await?;

    let url = format!("http://{}/", config.api.addr);
    if as_json {
        let users: Vec<_> =
            logins.iter().map(|(d, p)| json!({ "email": d.email, "role": d.role, "temporary_password": p })).collect();
        println!("{}", json!({ "url": url, "company": COMPANY_NAME, "users": users }));
        return Ok(());
    }
    println!();
    println!("  cloudpack+ PORTAL demo data is ready ({COMPANY_NAME}, {COMPANY_CODE})");
    println!("  URL: {url}");
    for (d, p) in &logins {
        println!("  {:<15} {:<26} temporary password: {p}", d.role.as_str(), d.email);
    }
    println!("  The first sign-in sets a new password and enrols MFA (TOTP): keep an authenticator app at hand.");
    println!();
    Ok(())
}
