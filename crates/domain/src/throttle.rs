//! Brute-force policy for sign-in: repeated failures on an account or from one address slow the
//! attacker down, then lock the key for a while. Pure: the caller stores the counters.

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
    fn slow_down_never_exceeds_the_lock() {
        for p in [ThrottlePolicy::ACCOUNT, ThrottlePolicy::ADDRESS] {
            for n in 0..100 {
                if let Some(pen) = p.penalty(n) {
                    assert!(pen.wait <= p.lock_for, "{n}: {pen:?}");
                }
            }
        }
    }
}
