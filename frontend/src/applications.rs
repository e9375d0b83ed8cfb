//! Pure helpers of the option-service screens (R4), tested on the host: why a service cannot be
//! bought, in words; the staff actions a state allows; an application's age; date inputs; and the
//! `Idempotency-Key` of a submission.

use chrono::{DateTime, NaiveDate, Utc};
use portal_domain::services::{ApplicationAction, ApplicationState, ServiceView, Unavailable};
use portal_domain::Rank;

use crate::i18n::{Lang, Msg, ServiceMsg as V};

/// Why the company cannot apply now, in words: the ranks that may buy it, a paused or ended
/// service, the capacity, or how many tickets are missing.
pub fn unavailable_text(u: Unavailable, ranks: &[Rank], lang: Lang) -> String {
    let m = |v: V| Msg::from(v);
    match u {
        Unavailable::RankNotAllowed { rank } => {
            let allowed: Vec<&str> = ranks.iter().map(|r| r.as_str()).collect();
            let sep = if lang == Lang::Ja { "・" } else { ", " };
            m(V::UnRank).fill(lang, &[("ranks", &allowed.join(sep)), ("rank", rank.as_str())])
        }
        Unavailable::Paused => m(V::UnPaused).text(lang).to_owned(),
        Unavailable::Ended => m(V::UnEnded).text(lang).to_owned(),
        Unavailable::CapacityExhausted => m(V::UnCapacity).text(lang).to_owned(),
        Unavailable::InsufficientTickets { balance, cost } => m(V::UnTickets).fill(
            lang,
            &[("n", &(cost - balance).to_string()), ("cost", &cost.to_string()), ("balance", &balance.to_string())],
        ),
    }
}

/// The service's name in `lang`.
pub fn service_name(s: &ServiceView, lang: Lang) -> &str {
    match lang {
        Lang::Ja => &s.name_ja,
        Lang::En => &s.name_en,
    }
}

/// The actions staff may take in `state` (every one but the customer's `cancel`), in the order of
/// the happy path, `reject` last.
#[cfg_attr(not(any(feature = "staff", test)), allow(dead_code))]
pub fn staff_actions(state: ApplicationState) -> Vec<ApplicationAction> {
    use ApplicationAction as A;
    [A::Accept, A::Schedule, A::Start, A::Report, A::Complete, A::Reject]
        .into_iter()
        .filter(|a| state.after(*a).is_ok())
        .collect()
}

/// How long an application has waited: hours under a day, else whole days.
#[cfg_attr(not(any(feature = "staff", test)), allow(dead_code))]
pub fn age_text(created: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let hours = (now - created).num_hours().max(0);
    let (msg, n) = if hours < 24 { (V::AgeHours, hours) } else { (V::AgeDays, hours / 24) };
    Msg::from(msg).fill(lang, &[("n", &n.to_string())])
}

/// A date input's `YYYY-MM-DD` (without chrono's format parser, which would weigh on the bundle).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().splitn(3, '-').map(str::parse::<u32>);
    let (y, m, d) = (parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// One `Idempotency-Key` per submission: sending the same request again (a retry after a lost
/// answer) reuses the key, so the server returns the first result instead of applying twice; a
/// changed request is a new submission with a new key.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SubmissionKey {
    last: Option<(String, String)>,
}

impl SubmissionKey {
    /// The key for sending `body`; `fresh` makes a new one.
    pub fn key_for(&mut self, body: &str, fresh: impl FnOnce() -> String) -> String {
        match &self.last {
            Some((b, k)) if b == body => k.clone(),
            _ => {
                let k = fresh();
                self.last = Some((body.to_owned(), k.clone()));
                k
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn every_reason_is_put_into_words() {
        let rank = unavailable_text(
            Unavailable::RankNotAllowed { rank: Rank::Bronze },
            &[Rank::Gold, Rank::Platinum],
            Lang::Ja,
        );
        assert_eq!(rank, "GOLD・PLATINUM ランクのお客様向けです（現在のランク: BRONZE）。");
        let en = unavailable_text(Unavailable::RankNotAllowed { rank: Rank::Bronze }, &[Rank::Gold], Lang::En);
        assert_eq!(en, "For GOLD companies (your rank: BRONZE).");
        let short = unavailable_text(Unavailable::InsufficientTickets { balance: 3, cost: 10 }, &[], Lang::En);
        assert_eq!(short, "7 more tickets needed (costs 10, you hold 3).");
        assert!(unavailable_text(Unavailable::InsufficientTickets { balance: 0, cost: 5 }, &[], Lang::Ja)
            .contains("5 枚不足"));
        for u in [Unavailable::Paused, Unavailable::Ended, Unavailable::CapacityExhausted] {
            for lang in [Lang::Ja, Lang::En] {
                let t = unavailable_text(u, &[], lang);
                assert!(!t.is_empty() && !t.contains('{'), "{u:?} {t}");
            }
        }
    }

    #[test]
    fn staff_see_only_the_moves_the_state_allows() {
        use ApplicationAction as A;
        use ApplicationState as S;
        assert_eq!(staff_actions(S::Submitted), vec![A::Accept, A::Reject]);
        assert_eq!(staff_actions(S::Accepted), vec![A::Schedule, A::Reject]);
        assert_eq!(staff_actions(S::Scheduled), vec![A::Start, A::Reject]);
        assert_eq!(staff_actions(S::InProgress), vec![A::Report]);
        assert_eq!(staff_actions(S::Reported), vec![A::Complete]);
        for s in [S::Completed, S::Cancelled, S::Rejected] {
            assert!(staff_actions(s).is_empty(), "{s:?}");
        }
    }

    #[test]
    fn age_is_hours_then_days() {
        let t0 = utc("2026-11-27T00:00:00Z");
        assert_eq!(age_text(t0, utc("2026-11-27T05:59:00Z"), Lang::Ja), "5 時間");
        assert_eq!(age_text(t0, utc("2026-11-30T01:00:00Z"), Lang::En), "3 d");
        assert_eq!(age_text(t0, utc("2026-11-26T00:00:00Z"), Lang::En), "0 h");
    }

    #[test]
    fn date_inputs_are_read_as_iso_dates() {
        assert_eq!(parse_date(" 2026-12-25 "), NaiveDate::from_ymd_opt(2026, 12, 25));
        for bad in ["", "2026-13-01", "2026-02-30", "2026/12/25", "x-1-1", "2026-12"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_retried_submission_reuses_its_key_and_a_changed_one_gets_a_new_key() {
        let mut keys = SubmissionKey::default();
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("k{n}")
        };
        assert_eq!(keys.key_for("{a}", &mut fresh), "k1");
        assert_eq!(keys.key_for("{a}", &mut fresh), "k1");
        assert_eq!(keys.key_for("{b}", &mut fresh), "k2");
        assert_eq!(keys.key_for("{a}", &mut fresh), "k3");
    }
}
