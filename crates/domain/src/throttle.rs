//! Brute-force policy for sign-in (ASVS 5.0 V6.3.1): repeated failures slow the attacker down, then
//! lock the key for a while. Pure: the caller stores the counters.
//!
//! Keys, and why each exists:
//! - an account *from one address* ([`ThrottlePolicy::ACCOUNT`]): a person mistyping gets a few tries;
//!   an attacker elsewhere cannot lock the owner out, because the owner's address has its own key;
//! - an address ([`ThrottlePolicy::ADDRESS`], IPv6 by its /64): one client guessing across accounts;
//! - an account from *all* addresses ([`ThrottlePolicy::ACCOUNT_TOTAL`]): bounds a distributed guess
//!   at 100 an hour, after which only addresses that have not failed on the account get through;
//! - a user's second factor ([`ThrottlePolicy::SECOND_FACTOR`]): counted atomically before the code
//!   is checked and cleared only by a right code, so a right password never resets it.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures (within `window`) after which every further attempt waits `slow_down * 2^(n - slow_after)`.
    pub slow_after: u32,
    pub slow_down: Duration,
    /// Failures (within `window`) that lock the key for `lock_for`.
    pub lock_after: u32,
    pub lock_for: Duration,
    /// Failures older than this are forgotten.
    pub window: Duration,
}

impl ThrottlePolicy {
    /// Per account: a person mistyping gets a few free tries.
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        slow_after: 3,
        slow_down: Duration::from_secs(2),
        lock_after: 5,
        lock_for: Duration::from_secs(15 * 60),
        window: Duration::from_secs(15 * 60),
    };

    /// Per client address: an office behind one NAT must not lock itself out too quickly.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        slow_after: 10,
        slow_down: Duration::from_secs(1),
        lock_after: 30,
        lock_for: Duration::from_secs(15 * 60),
        window: Duration::from_secs(15 * 60),
    };

    /// Per account across every address: beyond 100 wrong passwords an hour, addresses that have
    /// already failed on the account are slowed down (never a lock, so the owner is not shut out).
    pub const ACCOUNT_TOTAL: ThrottlePolicy = ThrottlePolicy {
        slow_after: 100,
        slow_down: Duration::from_secs(1),
        lock_after: u32::MAX,
        lock_for: Duration::from_secs(15 * 60),
        window: Duration::from_secs(60 * 60),
    };

    /// Per user, wrong TOTP or recovery codes: 5 tries in 15 minutes (a 6-digit code then has a
    /// 5 in 10^6 chance per window, about 1 in 2,000 a week).
    pub const SECOND_FACTOR: ThrottlePolicy = ThrottlePolicy {
        slow_after: 5,
        slow_down: Duration::from_secs(15 * 60),
        lock_after: 5,
        lock_for: Duration::from_secs(15 * 60),
        window: Duration::from_secs(15 * 60),
    };

    /// Whether the `attempt`-th try within the window (counting this one) may be checked at all.
    /// Used where the count is taken before the check (the second factor).
    pub fn allows_attempt(&self, attempt: u32) -> bool {
        attempt <= self.lock_after
    }

    /// How long a key must wait after its `failures`-th consecutive failure, and whether that wait is a lock.
    pub fn penalty(&self, failures: u32) -> Option<Penalty> {
        if failures >= self.lock_after {
            Some(Penalty { wait: self.lock_for, locked: true })
        } else if failures >= self.slow_after {
            let exp = (failures - self.slow_after).min(10);
            Some(Penalty { wait: (self.slow_down * 2u32.pow(exp)).min(self.lock_for), locked: false })
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalty {
    pub wait: Duration,
    /// A lock (logged, `account_locked`) rather than a slow-down (`login_throttled`).
    pub locked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_failures_are_free_then_slowed_then_locked() {
        let p = ThrottlePolicy::ACCOUNT;
        assert_eq!(p.penalty(1), None);
        assert_eq!(p.penalty(2), None);
        assert_eq!(p.penalty(3), Some(Penalty { wait: Duration::from_secs(2), locked: false }));
        assert_eq!(p.penalty(4), Some(Penalty { wait: Duration::from_secs(4), locked: false }));
        assert_eq!(p.penalty(5), Some(Penalty { wait: Duration::from_secs(900), locked: true }));
        assert_eq!(p.penalty(50), Some(Penalty { wait: Duration::from_secs(900), locked: true }));
    }

    #[test]
    fn the_account_total_only_slows_never_locks() {
        let p = ThrottlePolicy::ACCOUNT_TOTAL;
        assert_eq!(p.penalty(99), None);
        assert_eq!(p.penalty(100), Some(Penalty { wait: Duration::from_secs(1), locked: false }));
        assert!((100..100_000).all(|n| p.penalty(n).is_some_and(|pen| !pen.locked)));
    }

    #[test]
    fn five_second_factors_are_checked_then_none() {
        let p = ThrottlePolicy::SECOND_FACTOR;
        assert!((1..=5).all(|n| p.allows_attempt(n)));
        assert!(!p.allows_attempt(6));
        assert_eq!(p.penalty(5), Some(Penalty { wait: Duration::from_secs(900), locked: true }));
    }

    #[test]
    fn slow_down_never_exceeds_the_lock() {
        for p in [ThrottlePolicy::ACCOUNT, ThrottlePolicy::ADDRESS, ThrottlePolicy::ACCOUNT_TOTAL] {
            for n in 0..100 {
                if let Some(pen) = p.penalty(n) {
                    assert!(pen.wait <= p.lock_for, "{n}: {pen:?}");
                }
            }
        }
    }
}
