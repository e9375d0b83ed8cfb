//! AssumeRole sessions kept per (role ARN, ExternalId) until shortly before they expire, judged by the
//! portal's clock (`now` from the caller), so that a page of Trusted Advisor reads assumes the role
//! once and tests can move time.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::Mutex;

/// A session is renewed this long before AWS's `Expiration`, so that no call starts with
/// credentials about to lapse.
pub(crate) const RENEW_BEFORE: TimeDelta = TimeDelta::minutes(5);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RoleKey {
    role_arn: String,
    external_id: String,
}

struct Session<T> {
    value: T,
    expires_at: DateTime<Utc>,
}

impl<T> Session<T> {
    fn good_at(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at - RENEW_BEFORE
    }
}

/// What was built from one AssumeRole (the role's clients), by role.
pub(crate) struct RoleCache<T> {
    sessions: Mutex<HashMap<RoleKey, Session<T>>>,
}

impl<T: Clone> RoleCache<T> {
    pub(crate) fn new() -> Self {
        RoleCache { sessions: Mutex::new(HashMap::new()) }
    }

    /// The session for this role if it is still good at `now`.
    pub(crate) async fn get(&self, role_arn: &str, external_id: &str, now: DateTime<Utc>) -> Option<T> {
        let key = RoleKey { role_arn: role_arn.to_owned(), external_id: external_id.to_owned() };
        let sessions = self.sessions.lock().await;
        sessions.get(&key).filter(|session| session.good_at(now)).map(|session| session.value.clone())
    }

    /// Keeps a fresh session, dropping every one that is no longer good (the map stays as large as
    /// the set of roles in use).
    pub(crate) async fn put(
        &self,
        role_arn: &str,
        external_id: &str,
        value: T,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) {
        let key = RoleKey { role_arn: role_arn.to_owned(), external_id: external_id.to_owned() };
        let mut sessions = self.sessions.lock().await;
        sessions.retain(|_, session| session.good_at(now));
        sessions.insert(key, Session { value, expires_at });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[tokio::test]
    async fn r7_8_a_session_is_used_until_five_minutes_before_it_expires() {
        let cache = RoleCache::new();
        let expires = at("2026-11-27T10:00:00Z");
        cache.put("arn:aws:iam::111122223333:role/a", "ext", 1, expires, at("2026-11-27T09:00:00Z")).await;

        assert_eq!(cache.get("arn:aws:iam::111122223333:role/a", "ext", at("2026-11-27T09:54:59Z")).await, Some(1));
        assert_eq!(cache.get("arn:aws:iam::111122223333:role/a", "ext", at("2026-11-27T09:55:00Z")).await, None);
        assert_eq!(cache.get("arn:aws:iam::111122223333:role/a", "ext", at("2026-11-27T11:00:00Z")).await, None);
    }

    #[tokio::test]
    async fn r7_8_sessions_are_kept_per_role_and_external_id() {
        let cache = RoleCache::new();
        let now = at("2026-11-27T09:00:00Z");
        let expires = at("2026-11-27T10:00:00Z");
        cache.put("arn:aws:iam::111122223333:role/a", "ext-1", 1, expires, now).await;

        assert_eq!(cache.get("arn:aws:iam::111122223333:role/a", "ext-2", now).await, None);
        assert_eq!(cache.get("arn:aws:iam::444455556666:role/a", "ext-1", now).await, None);

        cache.put("arn:aws:iam::111122223333:role/a", "ext-1", 2, expires, now).await;
        assert_eq!(cache.get("arn:aws:iam::111122223333:role/a", "ext-1", now).await, Some(2));
    }

    #[tokio::test]
    async fn r7_8_lapsed_sessions_are_dropped_when_another_is_kept() {
        let cache = RoleCache::new();
        cache.put("old", "ext", 1, at("2026-11-27T10:00:00Z"), at("2026-11-27T09:00:00Z")).await;
        cache.put("new", "ext", 2, at("2026-11-27T13:00:00Z"), at("2026-11-27T12:00:00Z")).await;
        assert_eq!(cache.sessions.lock().await.len(), 1);
    }
}
