//! Who may use cloudpack+ (R1.1, R1.2).

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    /// AWS請求代行サービス
    BillingAgency,
    /// AWS請求代行サービス adv.
    BillingAgencyAdv,
    /// AWS定額プラン
    FlatRate,
    /// 専用線接続プラン
    DedicatedConnection,
    /// CDNのみのプラン
    CdnOnly,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CompanyFlags {
    /// 官公庁・自治体などの公的機関
    pub public_body: bool,
    /// 業務提携パートナー企業
    pub partner: bool,
    /// 第三者経由（例: cloudpack with KDDI）で直接契約がない
    pub via_third_party: bool,
}

/// Why a company cannot be onboarded; the SPA translates the snake_case code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IneligibleReason {
    /// R1.1: none of billing agency, billing agency adv., flat-rate plan.
    NoQualifyingContract,
    /// R1.2
    PublicBody,
    /// R1.2
    Partner,
    /// R1.2
    ViaThirdParty,
}

impl ContractType {
    pub const ALL: [ContractType; 5] = [
        ContractType::BillingAgency,
        ContractType::BillingAgencyAdv,
        ContractType::FlatRate,
        ContractType::DedicatedConnection,
        ContractType::CdnOnly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContractType::BillingAgency => "billing_agency",
            ContractType::BillingAgencyAdv => "billing_agency_adv",
            ContractType::FlatRate => "flat_rate",
            ContractType::DedicatedConnection => "dedicated_connection",
            ContractType::CdnOnly => "cdn_only",
        }
    }

    pub fn parse(s: &str) -> Option<ContractType> {
        ContractType::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// R1.1: the contracts that open cloudpack+; the dedicated-connection and CDN-only plans never do
    /// on their own (R1.2).
    pub fn qualifies(self) -> bool {
        matches!(self, ContractType::BillingAgency | ContractType::BillingAgencyAdv | ContractType::FlatRate)
    }
}

impl IneligibleReason {
    pub const ALL: [IneligibleReason; 4] = [
        IneligibleReason::NoQualifyingContract,
        IneligibleReason::PublicBody,
        IneligibleReason::Partner,
        IneligibleReason::ViaThirdParty,
    ];

    /// Spelled as the serde name, so API errors and stored refusals agree.
    pub fn code(self) -> ErrorCode {
        match self {
            IneligibleReason::NoQualifyingContract => ErrorCode::NoQualifyingContract,
            IneligibleReason::PublicBody => ErrorCode::PublicBody,
            IneligibleReason::Partner => ErrorCode::Partner,
            IneligibleReason::ViaThirdParty => ErrorCode::ViaThirdParty,
        }
    }

    /// R1.4 asks the refusal to name the rule.
    pub fn rule(self) -> &'static str {
        match self {
            IneligibleReason::NoQualifyingContract => "R1.1",
            IneligibleReason::PublicBody | IneligibleReason::Partner | IneligibleReason::ViaThirdParty => "R1.2",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            IneligibleReason::NoQualifyingContract => {
                "The company holds none of: AWS billing agency service, AWS billing agency service adv., \
                 AWS flat-rate plan (the dedicated-connection and CDN-only plans do not qualify)."
            }
            IneligibleReason::PublicBody => "Public bodies are not eligible for cloudpack+.",
            IneligibleReason::Partner => "Business-alliance partner companies are not eligible for cloudpack+.",
            IneligibleReason::ViaThirdParty => {
                "Companies served through a third party without a direct contract are not eligible for cloudpack+."
            }
        }
    }
}

/// Every reason is returned, not just the first, so staff can fix the application in one pass (R1.4).
/// Order is that of [`IneligibleReason::ALL`]; a qualifying contract does not lift an R1.2 exclusion.
pub fn check(contracts: &[ContractType], flags: CompanyFlags) -> Result<(), Vec<IneligibleReason>> {
    let mut reasons = Vec::new();
    if !contracts.iter().any(|c| c.qualifies()) {
        reasons.push(IneligibleReason::NoQualifyingContract);
    }
    if flags.public_body {
        reasons.push(IneligibleReason::PublicBody);
    }
    if flags.partner {
        reasons.push(IneligibleReason::Partner);
    }
    if flags.via_third_party {
        reasons.push(IneligibleReason::ViaThirdParty);
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContractType::*;
    use IneligibleReason as R;

    const NONE: CompanyFlags = CompanyFlags { public_body: false, partner: false, via_third_party: false };

    #[test]
    fn r1_1_each_qualifying_contract_alone_is_eligible() {
        for c in [BillingAgency, BillingAgencyAdv, FlatRate] {
            assert_eq!(check(&[c], NONE), Ok(()), "{c:?}");
        }
    }

    #[test]
    fn r1_1_qualifying_contract_with_dedicated_or_cdn_is_eligible() {
        assert_eq!(check(&[DedicatedConnection, BillingAgency], NONE), Ok(()));
        assert_eq!(check(&[CdnOnly, FlatRate], NONE), Ok(()));
        assert_eq!(check(&ContractType::ALL, NONE), Ok(()));
    }

    #[test]
    fn r1_2_dedicated_connection_only_is_refused() {
        assert_eq!(check(&[DedicatedConnection], NONE), Err(vec![R::NoQualifyingContract]));
    }

    #[test]
    fn r1_2_cdn_only_is_refused() {
        assert_eq!(check(&[CdnOnly], NONE), Err(vec![R::NoQualifyingContract]));
    }

    #[test]
    fn r1_2_dedicated_plus_cdn_only_is_refused() {
        assert_eq!(check(&[DedicatedConnection, CdnOnly], NONE), Err(vec![R::NoQualifyingContract]));
    }

    #[test]
    fn r1_1_no_contract_is_refused() {
        assert_eq!(check(&[], NONE), Err(vec![R::NoQualifyingContract]));
    }

    #[test]
    fn r1_2_public_body_with_flat_rate_is_refused() {
        let flags = CompanyFlags { public_body: true, ..NONE };
        assert_eq!(check(&[FlatRate], flags), Err(vec![R::PublicBody]));
    }

    #[test]
    fn r1_2_billing_agency_partner_is_refused_with_exactly_partner() {
        let flags = CompanyFlags { partner: true, ..NONE };
        assert_eq!(check(&[BillingAgency], flags), Err(vec![R::Partner]));
    }

    #[test]
    fn r1_2_via_third_party_with_adv_is_refused() {
        let flags = CompanyFlags { via_third_party: true, ..NONE };
        assert_eq!(check(&[BillingAgencyAdv], flags), Err(vec![R::ViaThirdParty]));
    }

    #[test]
    fn r1_4_all_flags_and_no_contract_give_four_reasons_in_stable_order() {
        let flags = CompanyFlags { public_body: true, partner: true, via_third_party: true };
        assert_eq!(check(&[], flags), Err(IneligibleReason::ALL.to_vec()));
        assert_eq!(
            check(&[CdnOnly], flags),
            Err(vec![R::NoQualifyingContract, R::PublicBody, R::Partner, R::ViaThirdParty])
        );
    }

    #[test]
    fn r1_4_every_combination_matches_the_rules() {
        for mask in 0u32..(1 << 5) {
            let contracts: Vec<_> = ContractType::ALL
                .into_iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| c)
                .collect();
            for f in 0u8..8 {
                let flags = CompanyFlags { public_body: f & 1 != 0, partner: f & 2 != 0, via_third_party: f & 4 != 0 };
                let qualifying = contracts.iter().any(|c| c.qualifies());
                let result = check(&contracts, flags);
                assert_eq!(result.is_ok(), qualifying && f == 0, "{contracts:?} {flags:?}");
                if let Err(reasons) = result {
                    assert_eq!(reasons.contains(&R::NoQualifyingContract), !qualifying);
                    assert_eq!(reasons.len(), usize::from(!qualifying) + f.count_ones() as usize);
                }
            }
        }
    }

    #[test]
    fn r1_4_reasons_name_their_rule_and_code() {
        assert_eq!(R::NoQualifyingContract.rule(), "R1.1");
        for r in [R::PublicBody, R::Partner, R::ViaThirdParty] {
            assert_eq!(r.rule(), "R1.2");
        }
        for r in IneligibleReason::ALL {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.code()));
            assert!(!r.message_en().is_empty());
        }
    }

    #[test]
    fn contract_names_match_serde_and_round_trip() {
        for c in ContractType::ALL {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
            assert_eq!(ContractType::parse(c.as_str()), Some(c));
        }
        assert_eq!(ContractType::parse("BillingAgency"), None);
        assert!(FlatRate.qualifies() && !CdnOnly.qualifies() && !DedicatedConnection.qualifies());
    }
}
