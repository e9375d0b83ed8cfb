//! Applies `portal_domain::throttle` to stored counters. Keys: `login:<email>` (whether or not the
//! account exists, so the answer tells nothing) and `ip:<address>`.

use chrono::{DateTime, Utc};
use portal_db::queries::throttle;
use portal_domain::throttle::ThrottlePolicy;
use sea_orm::ConnectionTrait;

use crate::error::AppError;

pub fn account_key(email: &str) -> String {
    format!("login:{email}")
}

pub fn address_key(addr: &str) -> String {
    format!("ip:{addr}")
}

fn policy_for(key: &str) -> ThrottlePolicy {
    if key.starts_with("ip:") {
        ThrottlePolicy::ADDRESS
    } else {
        ThrottlePolicy::ACCOUNT
    }
}

/// Refuses the attempt while any key is slowed or locked.
pub async fn check(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<(), AppError> {
    for key in keys {
        if let Some(row) = throttle::get(db, key).await? {
            if let Some(until) = row.locked_until.filter(|u| *u > now) {
                let locked = policy_for(key).penalty(row.failures.max(0) as u32).is_some_and(|p| p.locked);
                let retry_after = (until - now).num_seconds().max(1) as u64;
                return Err(AppError::Throttled { retry_after, locked });
            }
        }
    }
    Ok(())
}

/// Counts a failure on every key and applies the policy's penalty.
pub async fn record_failure(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<(), AppError> {
    for key in keys {
        let policy = policy_for(key);
        let row = throttle::get(db, key).await?;
        let window = chrono::Duration::from_std(policy.window).map_err(AppError::internal)?;
        let (failures, first) = match &row {
            Some(r) if now - r.first_failure_at < window => (r.failures.saturating_add(1), r.first_failure_at),
            _ => (1, now),
        };
        let penalty = policy.penalty(failures as u32);
        let locked_until = match penalty {
            Some(p) => Some(now + chrono::Duration::from_std(p.wait).map_err(AppError::internal)?),
            None => None,
        };
        if penalty.is_some_and(|p| p.locked) {
            // The key may hold an e-mail address: log only its kind.
            let kind = key.split(':').next().unwrap_or_default();
            tracing::warn!(key.kind = kind, failures, "sign-in locked after repeated failures");
        }
        throttle::put(db, key, failures, first, locked_until, row.is_some()).await?;
    }
    Ok(())
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    throttle::clear(db, key).await.map_err(Into::into)
}
