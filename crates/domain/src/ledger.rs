//! The ticket ledger rules (R3.1, R3.2): append-only entries, balance = sum, never below zero.

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;
use crate::fiscal::FiscalYear;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Grant,
    Consume,
    Refund,
    Expire,
    Adjust,
    /// Tickets taken back because staff lowered the year's rank (R2.4).
    Withdraw,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Grant,
        EntryKind::Consume,
        EntryKind::Refund,
        EntryKind::Expire,
        EntryKind::Adjust,
        EntryKind::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Grant => "grant",
            EntryKind::Consume => "consume",
            EntryKind::Refund => "refund",
            EntryKind::Expire => "expire",
            EntryKind::Adjust => "adjust",
            EntryKind::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("insufficient tickets: balance {balance}, requested {requested}")]
    InsufficientBalance { balance: i32, requested: i32 },
    #[error("invalid amount {amount} for a {kind} entry")]
    InvalidAmount { kind: EntryKind, amount: i32 },
}

impl LedgerError {
    pub fn code(&self) -> ErrorCode {
        match self {
            LedgerError::InsufficientBalance { .. } => ErrorCode::InsufficientTickets,
            LedgerError::InvalidAmount { .. } => ErrorCode::InvalidAmount,
        }
    }
}

/// Decides whether an entry may be appended to a ledger whose balance is `balance`, and returns the
/// balance after it. The caller must run this inside the same transaction that reads the balance and
/// appends, so concurrent applications cannot both spend the last tickets (R3.2).
///
/// The sign is fixed by the kind so a bug cannot, say, "consume" a positive amount and mint tickets.
/// Expire must take away exactly the balance: R3.1 says unused tickets vanish, no more, no less.
pub fn check(kind: EntryKind, amount: i32, balance: i32) -> Result<i32, LedgerError> {
    let invalid = LedgerError::InvalidAmount { kind, amount };
    let sign_ok = match kind {
        EntryKind::Grant | EntryKind::Refund => amount > 0,
        EntryKind::Consume | EntryKind::Withdraw => amount < 0,
        EntryKind::Adjust => amount != 0,
        EntryKind::Expire => amount <= 0 && balance.checked_neg() == Some(amount),
    };
    // i32::MIN has no positive counterpart to report as `requested`.
    if !sign_ok || amount == i32::MIN {
        return Err(invalid);
    }
    let after = balance.checked_add(amount).ok_or(invalid)?;
    if after < 0 {
        return Err(LedgerError::InsufficientBalance { balance, requested: -amount });
    }
    Ok(after)
}

/// The Expire amount that empties a bucket; a bucket already empty (or, defensively, overdrawn)
/// expires nothing.
pub fn expire_amount(bucket_remaining: i32) -> i32 {
    -bucket_remaining.max(0)
}

/// What a change of the rank of the year under way posts (R2.4): the year's tickets follow the new
/// rank's grant. `granted_net` is what the year's rank has given so far (grants plus withdrawals),
/// so any sequence of changes ends at the final rank's grant, minus what was used, plus staff
/// adjustments. A withdrawal never takes more than the year's bucket still holds.
pub fn rank_change_posting(target_grant: i32, granted_net: i32, bucket_balance: i32) -> Option<(EntryKind, i32)> {
    let diff = target_grant.saturating_sub(granted_net);
    if diff > 0 {
        Some((EntryKind::Grant, diff))
    } else {
        let take = diff.saturating_neg().min(bucket_balance.max(0));
        (take > 0).then_some((EntryKind::Withdraw, -take))
    }
}

/// One appended ledger line as the model records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    pub amount: i32,
    pub balance_after: i32,
    pub bucket: FiscalYear,
}

/// An in-memory model of one company's ledger, for tests and property tests of the rules above.
///
/// Simplification: at most one bucket is live at a time, so the whole balance belongs to it. The yearly
/// rollover expires FY N before granting FY N+1; [`Ledger::grant`] into a later bucket does that expiry
/// itself when the caller has not, and [`Ledger::expire`] of the live bucket makes the following fiscal
/// year live, so refunds after the rollover land in the new year even when it grants nothing (REGULAR).
/// Consume, refund and adjust need a live bucket; before the first grant only a grant is possible.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    entries: Vec<Entry>,
    live: Option<FiscalYear>,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    pub fn balance(&self) -> i32 {
        self.entries.last().map_or(0, |e| e.balance_after)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn live_bucket(&self) -> Option<FiscalYear> {
        self.live
    }

    /// What is left of `bucket`: the sum of the entries attributed to it.
    pub fn remaining(&self, bucket: FiscalYear) -> i32 {
        self.entries.iter().filter(|e| e.bucket == bucket).map(|e| e.amount).sum()
    }

    fn append(&mut self, kind: EntryKind, amount: i32, bucket: FiscalYear) -> Result<i32, LedgerError> {
        let balance_after = check(kind, amount, self.balance())?;
        self.entries.push(Entry { kind, amount, balance_after, bucket });
        Ok(balance_after)
    }

    /// A grant into a bucket older than the live one is refused as invalid: that year has closed.
    pub fn grant(&mut self, bucket: FiscalYear, n: i32) -> Result<i32, LedgerError> {
        check(EntryKind::Grant, n, 0)?;
        if let Some(live) = self.live {
            if bucket < live {
                return Err(LedgerError::InvalidAmount { kind: EntryKind::Grant, amount: n });
            }
            if bucket > live {
                // Cannot fail: the amount is computed from the balance it is checked against.
                self.expire(live)?;
            }
        }
        let after = self.append(EntryKind::Grant, n, bucket)?;
        self.live = Some(bucket);
        Ok(after)
    }

    pub fn consume(&mut self, n: i32) -> Result<i32, LedgerError> {
        self.on_live(EntryKind::Consume, n.checked_neg().unwrap_or(i32::MIN))
    }

    pub fn refund(&mut self, n: i32) -> Result<i32, LedgerError> {
        self.on_live(EntryKind::Refund, n)
    }

    pub fn adjust(&mut self, delta: i32) -> Result<i32, LedgerError> {
        self.on_live(EntryKind::Adjust, delta)
    }

    fn on_live(&mut self, kind: EntryKind, amount: i32) -> Result<i32, LedgerError> {
        check(kind, amount, self.balance())?;
        let bucket = self.live.ok_or(LedgerError::InvalidAmount { kind, amount })?;
        self.append(kind, amount, bucket)
    }

    /// Empties `bucket`. Nothing left means nothing is written, so a rerun of the rollover is a no-op.
    pub fn expire(&mut self, bucket: FiscalYear) -> Result<i32, LedgerError> {
        let amount = expire_amount(self.remaining(bucket));
        if amount != 0 {
            self.append(EntryKind::Expire, amount, bucket)?;
        }
        if self.live == Some(bucket) {
            self.live = Some(bucket.next());
        }
        Ok(self.balance())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use EntryKind::*;

    const FY25: FiscalYear = FiscalYear(2025);
    const FY26: FiscalYear = FiscalYear(2026);

    #[test]
    fn kinds_round_trip_through_snake_case_names() {
        for k in EntryKind::ALL {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
        }
        assert_eq!(EntryKind::parse("Grant"), None);
    }

    #[test]
    fn r3_2_each_kind_has_a_fixed_sign() {
        assert_eq!(check(Grant, 15, 0), Ok(15));
        assert_eq!(check(Grant, 0, 0), Err(LedgerError::InvalidAmount { kind: Grant, amount: 0 }));
        assert_eq!(check(Grant, -1, 5).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Consume, -5, 15), Ok(10));
        assert_eq!(check(Consume, 5, 15).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Consume, 0, 15).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Refund, 5, 10), Ok(15));
        assert_eq!(check(Refund, -5, 10).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Adjust, 3, 0), Ok(3));
        assert_eq!(check(Adjust, -3, 3), Ok(0));
        assert_eq!(check(Adjust, 0, 3).unwrap_err().code(), ErrorCode::InvalidAmount);
    }

    #[test]
    fn r3_2_balance_never_goes_below_zero() {
        assert_eq!(check(Consume, -10, 10), Ok(0));
        let e = check(Consume, -11, 10).unwrap_err();
        assert_eq!(e, LedgerError::InsufficientBalance { balance: 10, requested: 11 });
        assert_eq!(e.code(), ErrorCode::InsufficientTickets);
        assert_eq!(e.to_string(), "insufficient tickets: balance 10, requested 11");
        assert_eq!(check(Adjust, -4, 3), Err(LedgerError::InsufficientBalance { balance: 3, requested: 4 }));
        assert_eq!(check(Consume, -1, 0).unwrap_err().code(), ErrorCode::InsufficientTickets);
    }

    #[test]
    fn r3_1_expire_takes_exactly_the_remaining_balance() {
        assert_eq!(check(Expire, -7, 7), Ok(0));
        assert_eq!(check(Expire, 0, 0), Ok(0));
        assert_eq!(check(Expire, -6, 7).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Expire, -8, 7).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Expire, 1, 0).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(expire_amount(7), -7);
        assert_eq!(expire_amount(0), 0);
        assert_eq!(expire_amount(-2), 0);
        assert_eq!(check(Expire, expire_amount(30), 30), Ok(0));
    }

    #[test]
    fn r3_2_overflow_is_an_invalid_amount_not_a_wrap() {
        assert_eq!(check(Grant, 1, i32::MAX).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Adjust, i32::MIN, 0).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Consume, i32::MIN, 5).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(check(Expire, i32::MIN + 1, i32::MAX), Ok(0));
    }

    #[test]
    fn r3_1_year_of_a_gold_company() {
        let mut l = Ledger::new();
        assert_eq!(l.grant(FY25, 15), Ok(15));
        assert_eq!(l.consume(10), Ok(5));
        assert_eq!(l.consume(10), Err(LedgerError::InsufficientBalance { balance: 5, requested: 10 }));
        assert_eq!(l.refund(10), Ok(15));
        assert_eq!(l.adjust(-2), Ok(13));
        assert_eq!(l.expire(FY25), Ok(0));
        assert_eq!(l.remaining(FY25), 0);
        assert_eq!(l.live_bucket(), Some(FY26));
        assert_eq!(l.grant(FY26, 30), Ok(30));
        let kinds: Vec<_> = l.entries().iter().map(|e| (e.kind, e.amount, e.balance_after, e.bucket)).collect();
        assert_eq!(
            kinds,
            vec![
                (Grant, 15, 15, FY25),
                (Consume, -10, 5, FY25),
                (Refund, 10, 15, FY25),
                (Adjust, -2, 13, FY25),
                (Expire, -13, 0, FY25),
                (Grant, 30, 30, FY26),
            ]
        );
    }

    #[test]
    fn r3_1_nothing_carries_over_when_next_grant_comes_first() {
        let mut l = Ledger::new();
        l.grant(FY25, 5).unwrap();
        assert_eq!(l.grant(FY26, 15), Ok(15));
        assert_eq!(l.remaining(FY25), 0);
        assert_eq!(l.remaining(FY26), 15);
        assert_eq!(l.entries()[1].kind, Expire);
        assert_eq!(l.grant(FY25, 1).unwrap_err().code(), ErrorCode::InvalidAmount);
    }

    #[test]
    fn r2_5_expiring_twice_writes_nothing_the_second_time() {
        let mut l = Ledger::new();
        l.grant(FY25, 5).unwrap();
        l.expire(FY25).unwrap();
        let before = l.clone();
        assert_eq!(l.expire(FY25), Ok(0));
        assert_eq!(l.entries(), before.entries());
    }

    #[test]
    fn r3_2_refund_after_rollover_lands_in_the_new_year() {
        let mut l = Ledger::new();
        l.grant(FY25, 5).unwrap();
        l.consume(5).unwrap();
        l.expire(FY25).unwrap();
        assert_eq!(l.refund(5), Ok(5));
        assert_eq!(l.remaining(FY26), 5);
        assert_eq!(l.remaining(FY25), 0);
    }

    #[test]
    fn r3_2_nothing_but_a_grant_before_the_first_grant() {
        let mut l = Ledger::new();
        assert_eq!(l.consume(1).unwrap_err().code(), ErrorCode::InsufficientTickets);
        assert_eq!(l.refund(1).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(l.adjust(1).unwrap_err().code(), ErrorCode::InvalidAmount);
        assert_eq!(l.expire(FY25), Ok(0));
        assert!(l.entries().is_empty());
    }

    #[derive(Debug, Clone)]
    enum YearOp {
        Override(usize),
        Consume(i32),
        Adjust(i32),
    }

    proptest! {
        /// R2.4: whatever sequence of overrides, uses and adjustments a year sees, after each
        /// override the balance is the final rank's grant minus what was used plus adjustments
        /// (or zero, when more was used than the new rank grants).
        #[test]
        fn prop_r2_4_overrides_settle_to_the_final_ranks_grant(
            ops in proptest::collection::vec(prop_oneof![
                (0usize..5).prop_map(YearOp::Override),
                (1i32..20).prop_map(YearOp::Consume),
                (-20i32..20).prop_map(YearOp::Adjust),
            ], 0..40)
        ) {
            let grants = [0, 2, 5, 15, 30];
            let (mut balance, mut granted_net, mut used, mut adjusted) = (0i32, 0i32, 0i32, 0i32);
            for op in ops {
                match op {
                    YearOp::Override(r) => {
                        if let Some((kind, amount)) = rank_change_posting(grants[r], granted_net, balance) {
                            balance = check(kind, amount, balance).expect("a settlement is always postable");
                            granted_net += amount;
                        }
                        prop_assert_eq!(balance, (grants[r] - used + adjusted).max(0));
                    }
                    YearOp::Consume(n) => if let Ok(b) = check(Consume, -n, balance) { balance = b; used += n; },
                    YearOp::Adjust(d) => if let Ok(b) = check(Adjust, d, balance) { balance = b; adjusted += d; },
                }
                prop_assert_eq!(balance, granted_net - used + adjusted);
            }
        }
    }

    #[test]
    fn r2_4_gold_silver_gold_gives_back_the_full_gold_grant() {
        let mut balance = 0;
        let mut net = 0;
        for target in [15, 5, 15] {
            if let Some((kind, amount)) = rank_change_posting(target, net, balance) {
                balance = check(kind, amount, balance).unwrap();
                net += amount;
            }
        }
        assert_eq!(balance, 15);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Grant(i32, i32),
        Consume(i32),
        Refund(i32),
        Adjust(i32),
        Expire(i32),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (-1i32..=2, -2i32..40).prop_map(|(dy, n)| Op::Grant(dy, n)),
            (-2i32..25).prop_map(Op::Consume),
            (-2i32..15).prop_map(Op::Refund),
            (-20i32..20).prop_map(Op::Adjust),
            (-1i32..=1).prop_map(Op::Expire),
        ]
    }

    proptest! {
        #[test]
        fn prop_r3_2_ledger_invariants_hold_after_every_step(ops in proptest::collection::vec(op(), 0..60)) {
            let mut l = Ledger::new();
            for op in ops {
                let base = l.live_bucket().unwrap_or(FY25);
                let before = l.clone();
                let result = match op {
                    Op::Grant(dy, n) => l.grant(FiscalYear(base.0 + dy), n),
                    Op::Consume(n) => l.consume(n),
                    Op::Refund(n) => l.refund(n),
                    Op::Adjust(d) => l.adjust(d),
                    Op::Expire(dy) => {
                        let bucket = FiscalYear(base.0 + dy);
                        let r = l.expire(bucket);
                        prop_assert_eq!(l.remaining(bucket), 0);
                        r
                    }
                };
                match result {
                    Ok(balance) => prop_assert_eq!(balance, l.balance()),
                    Err(_) => prop_assert_eq!(&l, &before),
                }
                let sum: i32 = l.entries().iter().map(|e| e.amount).sum();
                prop_assert_eq!(l.balance(), sum);
                prop_assert!(l.balance() >= 0);
                let mut running = 0;
                for e in l.entries() {
                    running += e.amount;
                    prop_assert_eq!(e.balance_after, running);
                    prop_assert!(e.balance_after >= 0);
                }
                prop_assert!(l.entries().starts_with(before.entries()));
                for e in l.entries() {
                    let expected = if Some(e.bucket) == l.live_bucket() { l.balance() } else { 0 };
                    prop_assert_eq!(l.remaining(e.bucket), expected);
                }
            }
        }
    }
}

/// Why an entry was written: a kind and its parameters, stored as such and put into words only
/// when shown, in the reader's language (R3.4: the history says what each entry was for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "params", rename_all = "snake_case")]
pub enum LedgerReason {
    /// The yearly grant of the rank's tickets (R2.1).
    RankGrant { fiscal_year: FiscalYear, rank: crate::Rank },
    /// What was left of a fiscal year's tickets expired (R3.1).
    Expiry { fiscal_year: FiscalYear },
    /// A staff adjustment, with the reason staff gave (R3.2).
    Adjustment { note: String },
    /// Staff changed the year's rank, with the reason they gave (R2.4).
    RankOverride { rank: crate::Rank, note: String },
    /// The year's rank was decided again because imported volumes changed (R2.4).
    RankRecomputed { from: crate::Rank, to: crate::Rank },
    /// Tickets spent on an option service (R3.2, R4.3).
    Application { service_code: String, application_id: uuid::Uuid },
    /// An application cancelled or rejected gave its tickets back (R4.6).
    ApplicationRefund { service_code: String, application_id: uuid::Uuid },
    /// A refund into a fiscal year that had already ended lapsed with that year at once.
    RefundLapsed { fiscal_year: FiscalYear, application_id: uuid::Uuid },
    /// Free text: entries written before reasons had kinds.
    Note { text: String },
}

impl LedgerReason {
    /// The stored kind and parameters.
    pub fn to_parts(&self) -> (String, serde_json::Value) {
        let v = serde_json::to_value(self).unwrap_or_default();
        (v["kind"].as_str().unwrap_or_default().to_owned(), v["params"].clone())
    }

    /// Back from the stored kind and parameters; an unknown kind or a parameter that does not fit
    /// is an error, never a guess.
    pub fn from_parts(kind: &str, params: serde_json::Value) -> Result<LedgerReason, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "kind": kind, "params": params }))
    }

    pub fn text_ja(&self) -> String {
        match self {
            LedgerReason::RankGrant { fiscal_year, rank } => {
                format!("{} {} ランク特典の付与", fiscal_year.label_ja(), rank.as_str())
            }
            LedgerReason::Expiry { fiscal_year } => format!("{} の未使用チケットの失効", fiscal_year.label_ja()),
            LedgerReason::Adjustment { note } => format!("手動調整: {note}"),
            LedgerReason::RankOverride { rank, note } => format!("ランク変更（{}）: {note}", rank.as_str()),
            LedgerReason::RankRecomputed { from, to } => {
                format!("取引実績の取込によるランク再判定（{} → {}）", from.as_str(), to.as_str())
            }
            LedgerReason::Application { service_code, .. } => format!("サービスのお申し込み（{service_code}）"),
            LedgerReason::ApplicationRefund { service_code, .. } => {
                format!("お申し込みの取消・お断りによる返還（{service_code}）")
            }
            LedgerReason::RefundLapsed { fiscal_year, .. } => {
                format!("返還分は {} の終了により失効", fiscal_year.label_ja())
            }
            LedgerReason::Note { text } => text.clone(),
        }
    }

    pub fn text_en(&self) -> String {
        match self {
            LedgerReason::RankGrant { fiscal_year, rank } => format!("{fiscal_year} {} rank benefit", rank.as_str()),
            LedgerReason::Expiry { fiscal_year } => format!("Unused tickets of {fiscal_year} expired"),
            LedgerReason::Adjustment { note } => format!("Adjustment: {note}"),
            LedgerReason::RankOverride { rank, note } => format!("Rank changed to {}: {note}", rank.as_str()),
            LedgerReason::RankRecomputed { from, to } => {
                format!("Rank decided again after imported volumes ({} → {})", from.as_str(), to.as_str())
            }
            LedgerReason::Application { service_code, .. } => format!("Applied for {service_code}"),
            LedgerReason::ApplicationRefund { service_code, .. } => {
                format!("Returned: application for {service_code} cancelled or declined")
            }
            LedgerReason::RefundLapsed { fiscal_year, .. } => format!("The returned tickets lapsed with {fiscal_year}"),
            LedgerReason::Note { text } => text.clone(),
        }
    }
}

#[cfg(test)]
mod reason_tests {
    use super::*;
    use crate::Rank;

    #[test]
    fn r3_4_reasons_round_trip_through_kind_and_params_and_read_in_both_languages() {
        let all = [
            LedgerReason::RankGrant { fiscal_year: FiscalYear(2026), rank: Rank::Gold },
            LedgerReason::Expiry { fiscal_year: FiscalYear(2025) },
            LedgerReason::Adjustment { note: "お詫び".into() },
            LedgerReason::RankOverride { rank: Rank::Silver, note: "契約".into() },
            LedgerReason::RankRecomputed { from: Rank::Regular, to: Rank::Gold },
            LedgerReason::Application { service_code: "web-vuln-lite".into(), application_id: uuid::Uuid::nil() },
            LedgerReason::ApplicationRefund {
                service_code: "account-diagnosis".into(),
                application_id: uuid::Uuid::nil(),
            },
            LedgerReason::RefundLapsed { fiscal_year: FiscalYear(2025), application_id: uuid::Uuid::nil() },
            LedgerReason::Note { text: "旧形式".into() },
        ];
        for r in all {
            let (kind, params) = r.to_parts();
            assert_eq!(LedgerReason::from_parts(&kind, params).unwrap(), r);
            assert!(!r.text_ja().is_empty() && !r.text_en().is_empty());
        }
        let grant = LedgerReason::RankGrant { fiscal_year: FiscalYear(2026), rank: Rank::Gold };
        assert_eq!(grant.text_ja(), "2026年度 GOLD ランク特典の付与");
        assert_eq!(grant.text_en(), "FY2026 GOLD rank benefit");
        assert!(LedgerReason::from_parts("gift", serde_json::json!({})).is_err());
        assert!(LedgerReason::from_parts("expiry", serde_json::json!({"fiscal_year": "x"})).is_err());
    }
}
