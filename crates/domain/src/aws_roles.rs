//! The IAM role a customer creates so that the portal can read their account (R7.8): the role ARN
//! they type, the session name that identifies the company in their CloudTrail, and the set-up
//! documents (trust policy, permissions, CloudFormation, CLI) built from the portal's principal and
//! the company's ExternalId.

use serde_json::json;

use crate::aws::AwsAccountId;
use crate::codes::ErrorCode;

/// The role name the set-up documents suggest; customers may choose another.
pub const SUGGESTED_ROLE_NAME: &str = "CloudpackPortalReadOnly";

/// Partitions whose IAM the portal can assume roles in.
const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

/// A role ARN checked for shape and for the account it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleArn(String);

impl RoleArn {
    /// `arn:<partition>:iam::<12 digits>:role/<path/><name>`. IAM allows `[\w+=,.@-]` in names
    /// (1–64) and path segments; the account must be the linked one, so that a customer cannot point
    /// the portal at an account the operator does not hold (R1.3).
    pub fn parse(input: &str, linked: &AwsAccountId) -> Result<RoleArn, ErrorCode> {
        let s = input.trim();
        let mut parts = s.splitn(6, ':');
        let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ErrorCode::InvalidRoleArn);
        };
        if !PARTITIONS.contains(&partition) {
            return Err(ErrorCode::InvalidRoleArn);
        }
        // The ARN carries the bare 12 digits; the console's hyphens are not part of an ARN.
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ErrorCode::InvalidRoleArn);
        }
        let account = AwsAccountId::parse(account).map_err(|_| ErrorCode::InvalidRoleArn)?;
        let Some(path_and_name) = resource.strip_prefix("role/") else {
            return Err(ErrorCode::InvalidRoleArn);
        };
        if path_and_name.len() > 512 + 64 {
            return Err(ErrorCode::InvalidRoleArn);
        }
        let segments: Vec<&str> = path_and_name.split('/').collect();
        let name = segments.last().copied().unwrap_or_default();
        let valid_chars = |seg: &str| seg.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c));
        if name.is_empty() || name.len() > 64 || !valid_chars(name) {
            return Err(ErrorCode::InvalidRoleArn);
        }
        if segments[..segments.len() - 1].iter().any(|seg| seg.is_empty() || !valid_chars(seg)) {
            return Err(ErrorCode::InvalidRoleArn);
        }
        if &account != linked {
            return Err(ErrorCode::RoleArnAccountMismatch);
        }
        Ok(RoleArn(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The principal a customer's trust policy names, from who the portal is to STS. On an instance,
/// task or web-identity role GetCallerIdentity answers `arn:<p>:sts::<acct>:assumed-role/<Role>/<session>`,
/// whose session part changes; trust policies name the role: `arn:<p>:iam::<acct>:role/<Role>`.
/// (A role created under a path needs its path in the policy, which the assumed-role ARN does not
/// carry: such operators set the principal themselves.) A user's ARN is used as it is.
pub fn trust_principal(caller_arn: &str) -> String {
    let parts: Vec<&str> = caller_arn.splitn(6, ':').collect();
    if let [arn, partition, "sts", "", account, resource] = parts.as_slice() {
        if let Some(rest) = resource.strip_prefix("assumed-role/") {
            if let Some((role, _session)) = rest.split_once('/') {
                return format!("{arn}:{partition}:iam::{account}:role/{role}");
            }
        }
    }
    caller_arn.to_owned()
}

/// `RoleSessionName` for AssumeRole: names the company in the customer's CloudTrail. STS allows
/// `[\w+=,.@-]{2,64}`; anything else in the company code becomes `-`.
pub fn session_name(company_code: &str) -> String {
    let cleaned: String = company_code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "_+=,.@-".contains(c) { c } else { '-' })
        .collect();
    let mut name = format!("cloudpack-portal-{cleaned}");
    name.truncate(64);
    name
}

/// The trust policy of the customer's role: only the portal's principal, only with the ExternalId.
pub fn trust_policy(portal_principal: &str, external_id: &str) -> serde_json::Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "AWS": portal_principal },
            "Action": "sts:AssumeRole",
            "Condition": { "StringEquals": { "sts:ExternalId": external_id } }
        }]
    })
}

/// What the tools read, and nothing else: Trusted Advisor through either API, and Cost Explorer.
pub fn permissions_policy() -> serde_json::Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "CloudpackPortalReadOnly",
            "Effect": "Allow",
            "Action": [
                "support:DescribeTrustedAdvisorChecks",
                "support:DescribeTrustedAdvisorCheckSummaries",
                "support:DescribeTrustedAdvisorCheckResult",
                "support:DescribeTrustedAdvisorCheckRefreshStatuses",
                "support:RefreshTrustedAdvisorCheck",
                "trustedadvisor:ListChecks",
                "trustedadvisor:ListRecommendations",
                "trustedadvisor:GetRecommendation",
                "trustedadvisor:ListRecommendationResources",
                "ce:GetCostAndUsage"
            ],
            "Resource": "*"
        }]
    })
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A CloudFormation template (YAML) that creates the role with both policies.
pub fn cloudformation_template(portal_principal: &str, external_id: &str) -> String {
    let actions: Vec<String> = permissions_policy()["Statement"][0]["Action"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).map(|s| format!("                  - {s}")).collect())
        .unwrap_or_default();
    format!(
        "AWSTemplateFormatVersion: '2010-09-09'\n\
Description: Read-only role for cloudpack+ PORTAL (Trusted Advisor and Cost Explorer)\n\
Resources:\n\
  CloudpackPortalRole:\n\
    Type: AWS::IAM::Role\n\
    Properties:\n\
      RoleName: {SUGGESTED_ROLE_NAME}\n\
      AssumeRolePolicyDocument:\n\
        Version: '2012-10-17'\n\
        Statement:\n\
          - Effect: Allow\n\
            Principal:\n\
              AWS: '{portal_principal}'\n\
            Action: sts:AssumeRole\n\
            Condition:\n\
              StringEquals:\n\
                sts:ExternalId: '{external_id}'\n\
      Policies:\n\
        - PolicyName: CloudpackPortalReadOnly\n\
          PolicyDocument:\n\
            Version: '2012-10-17'\n\
            Statement:\n\
              - Effect: Allow\n\
                Action:\n\
{}\n\
                Resource: '*'\n\
Outputs:\n\
  RoleArn:\n\
    Description: Enter this ARN in the portal\n\
    Value: !GetAtt CloudpackPortalRole.Arn\n",
        actions.join("\n")
    )
}

/// The AWS CLI commands that do what the template does.
pub fn cli_commands(portal_principal: &str, external_id: &str) -> Vec<String> {
    let trust = serde_json::to_string(&trust_policy(portal_principal, external_id)).unwrap_or_default();
    let perms = serde_json::to_string(&permissions_policy()).unwrap_or_default();
    vec![
        format!("aws iam create-role --role-name {SUGGESTED_ROLE_NAME} --assume-role-policy-document '{trust}'"),
        format!(
            "aws iam put-role-policy --role-name {SUGGESTED_ROLE_NAME} --policy-name CloudpackPortalReadOnly --policy-document '{perms}'"
        ),
        format!("aws iam get-role --role-name {SUGGESTED_ROLE_NAME} --query Role.Arn --output text"),
    ]
}

/// Pretty JSON of the trust policy, for copying.
pub fn trust_policy_text(portal_principal: &str, external_id: &str) -> String {
    pretty(&trust_policy(portal_principal, external_id))
}

pub fn permissions_policy_text() -> String {
    pretty(&permissions_policy())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked() -> AwsAccountId {
        AwsAccountId::parse("123456789012").unwrap()
    }

    #[test]
    fn r7_8_a_role_arn_of_the_linked_account_is_accepted_with_a_path() {
        for ok in [
            "arn:aws:iam::123456789012:role/CloudpackPortalReadOnly",
            "arn:aws:iam::123456789012:role/service/portal/Reader+=,.@-_1",
            "arn:aws-cn:iam::123456789012:role/X1",
            " arn:aws-us-gov:iam::123456789012:role/Reader\n",
        ] {
            assert_eq!(RoleArn::parse(ok, &linked()).map(|r| r.as_str().to_owned()), Ok(ok.trim().to_owned()));
        }
    }

    #[test]
    fn r7_8_malformed_role_arns_are_refused() {
        for bad in [
            "",
            "CloudpackPortalReadOnly",
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role//Reader",
            "arn:aws:iam::123456789012:role/Read er",
            "arn:aws:iam::1234-5678-9012:role/Reader",
            "arn:aws:iam::12345678901:role/Reader",
            "arn:aws:sts::123456789012:role/Reader",
            "arn:aws:iam:us-east-1:123456789012:role/Reader",
            "arn:azure:iam::123456789012:role/Reader",
            "arn:aws:iam::123456789012:role/ロール",
        ] {
            assert_eq!(RoleArn::parse(bad, &linked()), Err(ErrorCode::InvalidRoleArn), "{bad:?}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(65));
        assert_eq!(RoleArn::parse(&long, &linked()), Err(ErrorCode::InvalidRoleArn));
    }

    #[test]
    fn r7_8_a_role_of_another_account_is_refused_by_name() {
        assert_eq!(
            RoleArn::parse("arn:aws:iam::210987654321:role/Reader", &linked()),
            Err(ErrorCode::RoleArnAccountMismatch)
        );
    }

    #[test]
    fn r7_8_the_trust_policy_names_the_portals_role_not_one_of_its_sessions() {
        assert_eq!(
            trust_principal("arn:aws:sts::999999999999:assumed-role/PortalTask/0a1b2c3d"),
            "arn:aws:iam::999999999999:role/PortalTask"
        );
        assert_eq!(
            trust_principal("arn:aws-cn:sts::999999999999:assumed-role/Portal/i-0123"),
            "arn:aws-cn:iam::999999999999:role/Portal"
        );
        assert_eq!(trust_principal("arn:aws:iam::999999999999:user/portal"), "arn:aws:iam::999999999999:user/portal");
        assert_eq!(trust_principal("arn:aws:sts::123456789012:user/moto"), "arn:aws:sts::123456789012:user/moto");
    }

    #[test]
    fn r7_8_session_name_names_the_company_within_stss_limits() {
        assert_eq!(session_name("acme"), "cloudpack-portal-acme");
        assert_eq!(session_name("株式 会社"), "cloudpack-portal------");
        assert_eq!(session_name(&"x".repeat(100)).len(), 64);
    }

    #[test]
    fn r7_8_the_trust_policy_names_the_principal_and_requires_the_external_id() {
        let p = trust_policy("arn:aws:iam::999999999999:role/portal", "ext-123");
        assert_eq!(p["Statement"][0]["Principal"]["AWS"], "arn:aws:iam::999999999999:role/portal");
        assert_eq!(p["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"], "ext-123");
        let cfn = cloudformation_template("arn:aws:iam::999999999999:role/portal", "ext-123");
        assert!(cfn.contains("sts:ExternalId: 'ext-123'") && cfn.contains("- ce:GetCostAndUsage"), "{cfn}");
        let cli = cli_commands("arn:aws:iam::999999999999:role/portal", "ext-123");
        assert!(cli[0].contains("\"sts:ExternalId\":\"ext-123\""), "{}", cli[0]);
    }
}

/// Scheduled reads of the AWS tools (R7.8: "a refresh is explicit or scheduled"): daily, each account
/// at its own minute of the day (from its id), so that a thousand accounts do not all call AWS at
/// 03:00. The latest slot at or before `now`.
pub fn refresh_slot_before(account: uuid::Uuid, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    let minute_of_day = (account.as_u128() % 1440) as i64;
    let midnight = now.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let today = midnight + chrono::Duration::minutes(minute_of_day);
    if today <= now {
        today
    } else {
        today - chrono::Duration::days(1)
    }
}

/// Due when nothing was read since the account's latest slot (`since`: the last read, or when the
/// role was registered).
pub fn refresh_due(
    account: uuid::Uuid,
    since: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    since < refresh_slot_before(account, now)
}

#[cfg(test)]
mod refresh_tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn r7_8_each_account_has_its_own_minute_of_the_day() {
        let a = uuid::Uuid::from_u128(90); // 01:30 UTC
        assert_eq!(refresh_slot_before(a, t("2026-11-27T12:00:00Z")), t("2026-11-27T01:30:00Z"));
        assert_eq!(refresh_slot_before(a, t("2026-11-27T01:29:59Z")), t("2026-11-26T01:30:00Z"));
        assert_eq!(refresh_slot_before(a, t("2026-11-27T01:30:00Z")), t("2026-11-27T01:30:00Z"));
        let b = uuid::Uuid::from_u128(1440 + 600); // 10:00 UTC
        assert_eq!(refresh_slot_before(b, t("2026-11-27T12:00:00Z")), t("2026-11-27T10:00:00Z"));
    }

    #[test]
    fn r7_8_an_account_is_due_once_a_day_after_its_slot() {
        let a = uuid::Uuid::from_u128(90);
        assert!(refresh_due(a, t("2026-11-26T23:00:00Z"), t("2026-11-27T01:31:00Z")));
        assert!(!refresh_due(a, t("2026-11-27T01:31:00Z"), t("2026-11-27T23:00:00Z")));
        assert!(!refresh_due(a, t("2026-11-27T01:20:00Z"), t("2026-11-27T01:25:00Z")), "before the slot");
    }
}
