mod admin;
mod seed_demo;

use std::sync::Arc;

use portal_api::database;
use portal_api::Application;
use portal_app::{Clock, SystemClock};
use portal_domain::fiscal::FiscalYear;

use crate::cli::{AdminCommand, Cli, Command, JobCommand};
use crate::config::Config;

pub type CmdResult = Result<(), Box<dyn std::error::Error>>;

pub async fn run(cli: Cli) -> CmdResult {
    if let Command::Openapi = cli.command {
        println!("{}", portal_api::startup::openapi_document().to_pretty_json()?);
        return Ok(());
    }
    let config = Config::from_env()?;
    let db = database::connect_and_migrate_with_pool(&config.database_url, config.db_pool)
        .await
        .map_err(|e| format!("database {}: {e}", redact(&config.database_url)))?;
    // TOTP secrets stored before sealing existed are sealed now, whatever the command.
    let sealer = portal_app::credentials::sealing::Sealer::new(&config.api.secrets_key);
    portal_app::credentials::sealing::seal_stored_secrets(&db, &sealer).await?;
    match cli.command {
        Command::Migrate => {
            println!("migrations applied to {}", redact(&config.database_url));
            Ok(())
        }
        Command::Serve => serve(config, db).await,
        Command::SeedDemo { json } => seed_demo::run(&db, &config, &SystemClock, json).await,
        Command::Admin { command: AdminCommand::CreateStaff { email, role, name } } => {
            let now = SystemClock.now();
            admin::create_staff(&db, &email, role, name.as_deref(), config.api.temp_password_until(now), now).await
        }
        Command::Jobs { command: JobCommand::Rollover { fiscal_year } } => {
            let now = SystemClock.now();
            let fy = fiscal_year.map(FiscalYear).unwrap_or(FiscalYear::containing(now));
            let report = portal_app::rollover::run(&db, fy, &portal_app::Actor::system(), now).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(())
        }
        Command::Openapi => unreachable!("handled above"),
    }
}

async fn serve(mut config: Config, db: sea_orm::DatabaseConnection) -> CmdResult {
    let spa = config.api.spa_dir.clone();
    // The SDK's default chain (environment, profile, web identity, ECS, instance role); without
    // credentials every tool answers that the operator has not configured AWS access (R7.8).
    let aws_settings = portal_aws::AwsToolsSettings::from_env();
    tracing::info!(endpoint = ?aws_settings.endpoint_url, "AWS tools use the SDK's default credential chain");
    let aws = portal_aws::SdkAwsTools::new(aws_settings).await;
    // Asked once: without credentials the portal runs with no AWS access (no scheduled reads, no
    // credential-chain probing on every page), and says so; a restart picks up new credentials.
    match portal_aws::AwsTools::portal_identity(&aws).await {
        Ok(id) => {
            tracing::info!(principal = %id.arn, "AWS tools act as this principal");
            config.api.aws = Some(Arc::new(aws));
        }
        Err(portal_aws::AwsError::NotConfigured) => {
            tracing::warn!("no AWS credentials: the AWS tools say that the operator has not configured AWS access")
        }
        Err(e) => {
            tracing::warn!(error = %e, "AWS did not answer at start-up; the tools will ask again");
            config.api.aws = Some(Arc::new(aws));
        }
    }
    let app = Application::build(config.api, db, Arc::new(SystemClock))?;
    let port = app.port();
    tracing::info!(port, data_dir = %config.data_dir.display(), spa = ?spa, "cloudpack+ PORTAL listening");
    app.run_until_stopped().await?;
    Ok(())
}

/// Database URLs may carry a password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}
