//! Ranks and their benefits (R2.1), and the volume thresholds that decide them (R2.3).

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

/// Ordered from lowest to highest, so `rank >= Rank::Silver` reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rank {
    Regular,
    Bronze,
    Silver,
    Gold,
    Platinum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CsmKind {
    None,
    Shared,
    Dedicated,
}

/// What a rank grants for one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Benefits {
    pub free_trainings: u32,
    pub csm: CsmKind,
    pub tickets: i32,
}

/// Yearly transaction volume (yen) at or above which a rank applies (R2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Thresholds {
    #[cfg_attr(feature = "server", schema(minimum = 1))]
    pub platinum: i64,
    #[cfg_attr(feature = "server", schema(minimum = 1))]
    pub gold: i64,
    #[cfg_attr(feature = "server", schema(minimum = 1))]
    pub silver: i64,
    #[cfg_attr(feature = "server", schema(minimum = 1))]
    pub bronze: i64,
}

impl Rank {
    /// Highest first, the order staff queues and tables use (R6.5).
    pub const ALL: [Rank; 5] = [Rank::Platinum, Rank::Gold, Rank::Silver, Rank::Bronze, Rank::Regular];

    pub fn benefits(self) -> Benefits {
        let (free_trainings, csm, tickets) = match self {
            Rank::Platinum => (2, CsmKind::Dedicated, 30),
            Rank::Gold => (1, CsmKind::Shared, 15),
            Rank::Silver => (1, CsmKind::Shared, 5),
            Rank::Bronze => (1, CsmKind::None, 0),
            Rank::Regular => (0, CsmKind::None, 0),
        };
        Benefits { free_trainings, csm, tickets }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rank::Platinum => "PLATINUM",
            Rank::Gold => "GOLD",
            Rank::Silver => "SILVER",
            Rank::Bronze => "BRONZE",
            Rank::Regular => "REGULAR",
        }
    }

    /// Case-insensitive because staff type ranks into CSV and forms by hand.
    pub fn parse(s: &str) -> Option<Rank> {
        let s = s.trim();
        Rank::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    /// Ascending sort key that puts PLATINUM first (R6.5), since `Ord` on `Rank` is lowest first.
    pub fn sort_key(self) -> u8 {
        match self {
            Rank::Platinum => 0,
            Rank::Gold => 1,
            Rank::Silver => 2,
            Rank::Bronze => 3,
            Rank::Regular => 4,
        }
    }
}

impl std::fmt::Display for Rank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why staff-entered thresholds were refused; an inconsistent table would rank companies arbitrarily.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdError {
    #[error("threshold `{field}` must be greater than zero")]
    NotPositive { field: &'static str },
    #[error("threshold `{field}` must be lower than `{above}`")]
    NotDescending { field: &'static str, above: &'static str },
}

impl ThresholdError {
    pub fn field(&self) -> &'static str {
        match self {
            ThresholdError::NotPositive { field } | ThresholdError::NotDescending { field, .. } => field,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ThresholdError::NotPositive { .. } => ErrorCode::ThresholdNotPositive,
            ThresholdError::NotDescending { .. } => ErrorCode::ThresholdNotDescending,
        }
    }
}

impl Thresholds {
    /// The seeded example of R2.3 (the real values are confidential configuration).
    pub const EXAMPLE: Thresholds =
        Thresholds { platinum: 60_000_000, gold: 12_000_000, silver: 3_600_000, bronze: 600_000 };

    fn fields(&self) -> [(&'static str, i64); 4] {
        [("platinum", self.platinum), ("gold", self.gold), ("silver", self.silver), ("bronze", self.bronze)]
    }

    /// Reports the first offending field, highest rank first.
    pub fn validate(&self) -> Result<(), ThresholdError> {
        let fields = self.fields();
        for (field, value) in fields {
            if value <= 0 {
                return Err(ThresholdError::NotPositive { field });
            }
        }
        for pair in fields.windows(2) {
            let ((above, hi), (field, lo)) = (pair[0], pair[1]);
            if lo >= hi {
                return Err(ThresholdError::NotDescending { field, above });
            }
        }
        Ok(())
    }

    /// Each threshold is inclusive ("≥ ¥60,000,000"); no volume, or a net credit, is REGULAR.
    pub fn rank_for(&self, volume_yen: i64) -> Rank {
        if volume_yen <= 0 {
            Rank::Regular
        } else if volume_yen >= self.platinum {
            Rank::Platinum
        } else if volume_yen >= self.gold {
            Rank::Gold
        } else if volume_yen >= self.silver {
            Rank::Silver
        } else if volume_yen >= self.bronze {
            Rank::Bronze
        } else {
            Rank::Regular
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r2_1_benefits_per_rank() {
        let b = |free_trainings, csm, tickets| Benefits { free_trainings, csm, tickets };
        assert_eq!(Rank::Platinum.benefits(), b(2, CsmKind::Dedicated, 30));
        assert_eq!(Rank::Gold.benefits(), b(1, CsmKind::Shared, 15));
        assert_eq!(Rank::Silver.benefits(), b(1, CsmKind::Shared, 5));
        assert_eq!(Rank::Bronze.benefits(), b(1, CsmKind::None, 0));
        assert_eq!(Rank::Regular.benefits(), b(0, CsmKind::None, 0));
    }

    #[test]
    fn r2_1_names_round_trip_case_insensitively() {
        for r in Rank::ALL {
            assert_eq!(Rank::parse(r.as_str()), Some(r));
            assert_eq!(Rank::parse(&r.as_str().to_lowercase()), Some(r));
            assert_eq!(r.to_string(), r.as_str());
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.as_str()));
        }
        assert_eq!(Rank::parse("Gold"), Some(Rank::Gold));
        assert_eq!(Rank::parse("DIAMOND"), None);
        assert_eq!(Rank::parse(""), None);
    }

    #[test]
    fn r6_5_all_and_sort_key_put_platinum_first() {
        let keys: Vec<u8> = Rank::ALL.iter().map(|r| r.sort_key()).collect();
        assert_eq!(keys, vec![0, 1, 2, 3, 4]);
        let mut v = vec![Rank::Regular, Rank::Gold, Rank::Platinum, Rank::Bronze, Rank::Silver];
        v.sort_by_key(|r| r.sort_key());
        assert_eq!(v, Rank::ALL.to_vec());
        assert!(Rank::Platinum > Rank::Gold && Rank::Silver > Rank::Bronze && Rank::Bronze > Rank::Regular);
    }

    #[test]
    fn r2_3_example_thresholds_are_valid() {
        assert_eq!(Thresholds::EXAMPLE.validate(), Ok(()));
    }

    #[test]
    fn r2_3_each_threshold_is_inclusive_and_one_yen_below_is_lower() {
        let t = Thresholds::EXAMPLE;
        assert_eq!(t.rank_for(60_000_000), Rank::Platinum);
        assert_eq!(t.rank_for(59_999_999), Rank::Gold);
        assert_eq!(t.rank_for(12_000_000), Rank::Gold);
        assert_eq!(t.rank_for(11_999_999), Rank::Silver);
        assert_eq!(t.rank_for(3_600_000), Rank::Silver);
        assert_eq!(t.rank_for(3_599_999), Rank::Bronze);
        assert_eq!(t.rank_for(600_000), Rank::Bronze);
        assert_eq!(t.rank_for(599_999), Rank::Regular);
        assert_eq!(t.rank_for(i64::MAX), Rank::Platinum);
    }

    #[test]
    fn r2_4_zero_or_negative_volume_is_regular() {
        assert_eq!(Thresholds::EXAMPLE.rank_for(0), Rank::Regular);
        assert_eq!(Thresholds::EXAMPLE.rank_for(-1), Rank::Regular);
        assert_eq!(Thresholds::EXAMPLE.rank_for(i64::MIN), Rank::Regular);
    }

    #[test]
    fn r2_3_validation_rejects_non_positive_thresholds() {
        let e = Thresholds { bronze: 0, ..Thresholds::EXAMPLE }.validate().unwrap_err();
        assert_eq!((e.field(), e.code()), ("bronze", ErrorCode::ThresholdNotPositive));
        let e = Thresholds { platinum: -5, ..Thresholds::EXAMPLE }.validate().unwrap_err();
        assert_eq!((e.field(), e.code()), ("platinum", ErrorCode::ThresholdNotPositive));
    }

    #[test]
    fn r2_3_validation_rejects_equal_or_ascending_thresholds() {
        let e = Thresholds { gold: 60_000_000, ..Thresholds::EXAMPLE }.validate().unwrap_err();
        assert_eq!((e.field(), e.code()), ("gold", ErrorCode::ThresholdNotDescending));
        assert_eq!(e, ThresholdError::NotDescending { field: "gold", above: "platinum" });
        let e = Thresholds { silver: 20_000_000, ..Thresholds::EXAMPLE }.validate().unwrap_err();
        assert_eq!(e.field(), "silver");
        let e = Thresholds { bronze: 3_600_000, ..Thresholds::EXAMPLE }.validate().unwrap_err();
        assert_eq!(e.field(), "bronze");
        assert!(e.to_string().contains("bronze"));
    }

    fn valid_thresholds() -> impl Strategy<Value = Thresholds> {
        (1i64..1_000_000, 1i64..1_000_000, 1i64..1_000_000, 1i64..1_000_000).prop_map(|(a, b, c, d)| Thresholds {
            bronze: d,
            silver: d + c,
            gold: d + c + b,
            platinum: d + c + b + a,
        })
    }

    proptest! {
        #[test]
        fn prop_r2_3_more_volume_never_lowers_rank(t in valid_thresholds(), v in -10i64..5_000_000, more in 0i64..5_000_000) {
            prop_assert!(t.validate().is_ok());
            prop_assert!(t.rank_for(v + more) >= t.rank_for(v));
        }

        #[test]
        fn prop_r2_3_rank_threshold_is_met(t in valid_thresholds(), v in 1i64..5_000_000) {
            let r = t.rank_for(v);
            let need = match r {
                Rank::Platinum => t.platinum,
                Rank::Gold => t.gold,
                Rank::Silver => t.silver,
                Rank::Bronze => t.bronze,
                Rank::Regular => 0,
            };
            prop_assert!(v >= need);
        }
    }
}
