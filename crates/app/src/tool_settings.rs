//! Which contract types may use each AWS tool (R7.8), as staff configure it.

use chrono::{DateTime, Utc};
use portal_db::queries::audit::{self, Actor};
use portal_db::queries::aws_tools as store;
use portal_domain::audit::AuditAction;
use portal_domain::aws_tools::{AwsTool, ToolSetting, UpdateToolSetting};
use portal_domain::eligibility::ContractType;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

use crate::error::AppError;

/// The stored form: comma-separated, like `companies.contract_types`.
pub(crate) fn parse_contracts(s: &str) -> Vec<ContractType> {
    s.split(',').filter_map(|c| ContractType::parse(c.trim())).collect()
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<ToolSetting>, AppError> {
    let rows = store::tool_settings(db).await?;
    Ok(AwsTool::ALL
        .into_iter()
        .map(|tool| {
            let row = rows.iter().find(|r| r.tool == tool.as_str());
            ToolSetting {
                tool,
                contract_types: row.map(|r| parse_contracts(&r.contract_types)).unwrap_or_default(),
                updated_at: row.and_then(|r| r.updated_at),
            }
        })
        .collect())
}

pub async fn update(
    db: &DatabaseConnection,
    tool: AwsTool,
    input: &UpdateToolSetting,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ToolSetting, AppError> {
    let mut contracts = input.contract_types.clone();
    contracts.sort();
    contracts.dedup();
    let joined = contracts.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
    let txn = db.begin().await?;
    let before = store::tool_settings(&txn).await?.into_iter().find(|r| r.tool == tool.as_str());
    let row = store::update_tool_setting(&txn, tool.as_str(), &joined, now).await?;
    let record = audit::Record {
        action: AuditAction::ToolSettingUpdate,
        target_type: "tool_setting",
        target_id: tool.as_str().to_owned(),
        company_id: None,
        before: before.map(|b| json!({ "contract_types": parse_contracts(&b.contract_types) })),
        after: Some(json!({ "contract_types": contracts })),
    };
    audit::record(&txn, actor, record, now).await?;
    txn.commit().await?;
    Ok(ToolSetting { tool, contract_types: parse_contracts(&row.contract_types), updated_at: row.updated_at })
}
