//! Applies `portal_domain::throttle` to stored counters (the keys and why each exists are described
//! there). The e-mail keys exist whether or not the account does, so the answers tell nothing.

use chrono::{DateTime, Utc};
use portal_db::entities::auth_throttle;
use portal_db::queries::throttle;
use portal_domain::throttle::ThrottlePolicy;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::error::AppError;

/// The counters a password attempt for `email` from one client address touches.
#[derive(Debug, Clone)]
pub struct PasswordKeys {
    /// This account from this address.
    pub pair: String,
    /// This address, whatever the account.
    pub address: String,
    /// This account, from every address.
    pub account: String,
}

impl PasswordKeys {
    /// `address_key` is `portal_domain::client_address::throttle_key` of the client's address.
    pub fn new(email: &str, address_key: &str) -> PasswordKeys {
        PasswordKeys {
            pair: format!("login:{email}|{address_key}"),
            address: format!("ip:{address_key}"),
            account: format!("account:{email}"),
        }
    }
}

fn second_factor_key(user_id: Uuid) -> String {
    format!("mfa:{user_id}")
}

fn duration(d: std::time::Duration) -> Result<chrono::Duration, AppError> {
    chrono::Duration::from_std(d).map_err(AppError::internal)
}

fn refusal(until: DateTime<Utc>, now: DateTime<Utc>, locked: bool) -> AppError {
    // Rounded up: a database that keeps microseconds must not turn "2 s" into "1 s".
    let ms = (until - now).num_milliseconds().max(1);
    AppError::Throttled { retry_after: ((ms + 999) / 1000) as u64, locked }
}

fn waiting(row: &Option<auth_throttle::Model>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    row.as_ref().and_then(|r| r.locked_until).filter(|u| *u > now)
}

/// Refuses a password attempt while its address or its account-from-this-address is slowed or
/// locked, or while the account as a whole is slowed and this address has already failed on it.
/// An address that has not failed on the account always gets its attempt: that is how the owner
/// signs in while someone elsewhere guesses.
pub async fn check_password(
    db: &impl ConnectionTrait,
    keys: &PasswordKeys,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let address = throttle::get(db, &keys.address).await?;
    if let Some(until) = waiting(&address, now) {
        let locked = address.as_ref().is_some_and(|r| is_lock(ThrottlePolicy::ADDRESS, r.failures));
        return Err(refusal(until, now, locked));
    }
    let pair = throttle::get(db, &keys.pair).await?;
    if let Some(until) = waiting(&pair, now) {
        let locked = pair.as_ref().is_some_and(|r| is_lock(ThrottlePolicy::ACCOUNT, r.failures));
        return Err(refusal(until, now, locked));
    }
    let failed_here = pair.is_some_and(|r| r.failures > 0);
    if failed_here {
        let account = throttle::get(db, &keys.account).await?;
        if let Some(until) = waiting(&account, now) {
            return Err(refusal(until, now, false));
        }
    }
    Ok(())
}

fn is_lock(policy: ThrottlePolicy, failures: i32) -> bool {
    policy.penalty(failures.max(0) as u32).is_some_and(|p| p.locked)
}

/// What counting a failure led to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counted {
    /// This failure locked a key (worth an audit entry).
    pub locked: bool,
}

/// Counts a wrong password on all three keys and applies each policy's penalty.
pub async fn password_failed(
    db: &impl ConnectionTrait,
    keys: &PasswordKeys,
    now: DateTime<Utc>,
) -> Result<Counted, AppError> {
    let mut counted = Counted::default();
    for (key, policy) in [
        (&keys.pair, ThrottlePolicy::ACCOUNT),
        (&keys.address, ThrottlePolicy::ADDRESS),
        (&keys.account, ThrottlePolicy::ACCOUNT_TOTAL),
    ] {
        let row = throttle::count_failure(db, key, now, now - duration(policy.window)?).await?;
        let failures = row.failures.max(0) as u32;
        if let Some(p) = policy.penalty(failures) {
            throttle::set_locked_until(db, key, now + duration(p.wait)?).await?;
            if p.locked && failures == policy.lock_after {
                counted.locked = true;
                // The key may hold an e-mail address: log only its kind.
                let kind = key.split(':').next().unwrap_or_default();
                tracing::warn!(key.kind = kind, failures, "sign-in locked after repeated failures");
            }
        }
    }
    Ok(counted)
}

/// A right password from this address: its own failures are forgiven. The address and account
/// totals stay, so a guesser who also knows one password gains nothing.
pub async fn password_succeeded(db: &impl ConnectionTrait, keys: &PasswordKeys) -> Result<(), AppError> {
    throttle::clear(db, &keys.pair).await.map_err(Into::into)
}

/// Counts a second-factor attempt *before* the code is checked, in one statement: of any number of
/// parallel attempts at most [`ThrottlePolicy::SECOND_FACTOR`]`.lock_after` are checked, the rest
/// are refused. Only [`second_factor_succeeded`] takes the count back, never a right password.
pub async fn second_factor_attempt(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    let policy = ThrottlePolicy::SECOND_FACTOR;
    let window_start = now - duration(policy.window)?;
    let row = throttle::count_failure(db, &second_factor_key(user_id), now, window_start).await?;
    let attempt = row.failures.max(0) as u32;
    if !policy.allows_attempt(attempt) {
        let until = row.first_failure_at + duration(policy.window)?;
        return Err(refusal(until, now, true));
    }
    Ok(attempt)
}

/// A right code: the user's wrong codes are forgiven.
pub async fn second_factor_succeeded(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), AppError> {
    throttle::clear(db, &second_factor_key(user_id)).await.map_err(Into::into)
}

/// Whether the `attempt`-th wrong code just used up the allowance (worth an audit entry).
pub fn second_factor_locked_by(attempt: u32) -> bool {
    attempt == ThrottlePolicy::SECOND_FACTOR.lock_after
}

/// Housekeeping: counters older than the longest window.
pub async fn delete_stale(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, AppError> {
    let longest = [
        ThrottlePolicy::ACCOUNT,
        ThrottlePolicy::ADDRESS,
        ThrottlePolicy::ACCOUNT_TOTAL,
        ThrottlePolicy::SECOND_FACTOR,
    ]
    .iter()
    .map(|p| p.window)
    .max()
    .unwrap_or_default();
    Ok(throttle::delete_stale(db, now, now - duration(longest)?).await?)
}

/// Staff reset: every counter of the account (from any address) and of its second factor. Address
/// counters stay: they concern other accounts too.
pub async fn lift_all_for(db: &impl ConnectionTrait, email: &str, user_id: Uuid) -> Result<(), AppError> {
    throttle::clear_prefix(db, &format!("login:{email}|")).await?;
    throttle::clear(db, &format!("account:{email}")).await?;
    throttle::clear(db, &second_factor_key(user_id)).await?;
    Ok(())
}
