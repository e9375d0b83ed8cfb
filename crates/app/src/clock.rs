//! Time is an input: every use case, token and job asks the clock, never the system directly, so
//! tests can start the real server at any instant (the last second of a fiscal year) and move it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::watch;

pub type SharedClock = Arc<dyn Clock>;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// Resolves once `now() >= at`.
    fn sleep_until(&self, at: DateTime<Utc>) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>>;
}

/// The wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        Box::pin(async move {
            // Wake at least hourly and look again: the wall clock may be stepped while we sleep.
            loop {
                let left = at - SystemClock.now();
                if left <= chrono::Duration::zero() {
                    return;
                }
                let nap = left.to_std().unwrap_or_default().min(std::time::Duration::from_secs(3600));
                tokio::time::sleep(nap).await;
            }
        })
    }
}

/// A clock that only moves when told to (tests, demos). Sleepers wake when it passes their time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<watch::Sender<DateTime<Utc>>>,
}

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> ManualClock {
        ManualClock { now: Arc::new(watch::Sender::new(at)) }
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.now.send_replace(at);
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.now.send_modify(|t| *t += by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.borrow()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        let mut rx = self.now.subscribe();
        Box::pin(async move {
            // The sender lives as long as any clone of the clock; if all are gone, nobody will move it.
            if rx.wait_for(|t| *t >= at).await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[tokio::test]
    async fn a_manual_sleeper_wakes_when_the_clock_passes_its_time() {
        let clock = ManualClock::new(at("2027-03-31T14:59:00Z"));
        let sleeper = tokio::spawn(clock.sleep_until(at("2027-03-31T15:00:00Z")));
        clock.advance(chrono::Duration::seconds(30));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished());
        clock.set(at("2027-03-31T15:00:00Z"));
        sleeper.await.unwrap();
        assert_eq!(clock.now(), at("2027-03-31T15:00:00Z"));
    }

    #[tokio::test]
    async fn a_time_already_past_resolves_at_once() {
        let clock = ManualClock::new(at("2027-04-01T00:00:00Z"));
        clock.sleep_until(at("2026-01-01T00:00:00Z")).await;
        SystemClock.sleep_until(SystemClock.now()).await;
    }
}
