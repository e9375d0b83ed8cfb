//! SDK errors → [`AwsError`], decided by the error code AWS returns (the same code whichever
//! protocol carried it), the HTTP status when there is no code, and the SDK's own failure kinds.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::config::http::HttpResponse;
use aws_sdk_sts::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

use crate::AwsError;

/// Whose credentials signed a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signer {
    /// The portal's own (GetCallerIdentity, AssumeRole).
    Portal,
    /// The customer's assumed role.
    Role,
}

/// One AWS operation as errors name it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call {
    /// `AssumeRole`, `DescribeTrustedAdvisorChecks` …
    pub operation: &'static str,
    /// The IAM action a missing permission names (`support:DescribeTrustedAdvisorChecks`).
    pub action: &'static str,
    pub signer: Signer,
}

impl Call {
    pub(crate) const fn portal(operation: &'static str, action: &'static str) -> Call {
        Call { operation, action, signer: Signer::Portal }
    }

    pub(crate) const fn role(operation: &'static str, action: &'static str) -> Call {
        Call { operation, action, signer: Signer::Role }
    }
}

/// The error of one SDK call. Messages carry AWS's code and message or the SDK's description of a
/// transport failure, never request headers or credentials.
pub(crate) fn from_sdk<E>(call: Call, err: &SdkError<E, HttpResponse>) -> AwsError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if let Some(missing) = credentials_error(err) {
        return from_credentials(call, missing);
    }
    let mapped = match err {
        SdkError::ServiceError(context) => {
            let status = context.raw().status().as_u16();
            from_service(call, context.err().code(), context.err().message(), status)
        }
        SdkError::TimeoutError(_) => AwsError::Unavailable { message: format!("{} timed out", call.operation) },
        SdkError::DispatchFailure(_) => AwsError::Unavailable {
            message: format!("{} could not be sent: {}", call.operation, DisplayErrorContext(err)),
        },
        SdkError::ResponseError(context) => AwsError::Unavailable {
            message: format!(
                "the answer to {} could not be read (HTTP {}): {}",
                call.operation,
                context.raw().status().as_u16(),
                DisplayErrorContext(err)
            ),
        },
        SdkError::ConstructionFailure(_) => AwsError::InvalidRequest {
            message: format!("{} could not be built: {}", call.operation, DisplayErrorContext(err)),
        },
        _ => AwsError::Unavailable { message: format!("{} failed: {}", call.operation, DisplayErrorContext(err)) },
    };
    if matches!(mapped, AwsError::Unavailable { .. } | AwsError::NotConfigured) {
        tracing::warn!(operation = call.operation, error = %mapped, "AWS call failed");
    }
    mapped
}

/// The credentials provider's error somewhere in the chain of sources: the SDK reports a provider
/// that found nothing as a dispatch failure.
fn credentials_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a CredentialsError> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(error) = current {
        if let Some(found) = error.downcast_ref::<CredentialsError>() {
            return Some(found);
        }
        current = error.source();
    }
    None
}

/// Whatever the chain's last provider said (nothing found; instance metadata refusing, as it does
/// off EC2 behind some networks, or timing out; a broken profile), the portal has no credentials to
/// sign with, which only the operator can change. The details go to the log.
fn from_credentials(call: Call, err: &CredentialsError) -> AwsError {
    tracing::warn!(operation = call.operation, error = %DisplayErrorContext(err), "the portal has no usable AWS credentials");
    AwsError::NotConfigured
}

/// An error AWS answered with. `code` is AWS's error code (`__type`, `x-amzn-ErrorType` or the
/// query protocol's `<Code>`), `status` the HTTP status.
pub(crate) fn from_service(call: Call, code: Option<&str>, message: Option<&str>, status: u16) -> AwsError {
    let message = match (code, message) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        (None, Some(message)) => format!("HTTP {status}: {message}"),
        (None, None) => format!("HTTP {status} from {}", call.operation),
    };
    let Some(code) = code else {
        return match status {
            404 | 501 => AwsError::Unsupported { operation: call.operation.to_owned(), message },
            _ => AwsError::Unavailable { message },
        };
    };
    match code {
        "AccessDenied" | "AccessDeniedException" if call.operation == "AssumeRole" => {
            AwsError::AssumeRoleDenied { message }
        }
        "AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation" | "UnauthorizedException" => {
            AwsError::PermissionMissing { action: call.action.to_owned(), message }
        }
        // The portal's own key is wrong, revoked or expired: only the operator can mend that.
        "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "UnrecognizedClientException"
        | "ExpiredToken"
        | "ExpiredTokenException"
        | "MissingAuthenticationToken"
        | "IncompleteSignature"
            if call.signer == Signer::Portal =>
        {
            tracing::warn!(operation = call.operation, %message, "AWS refused the portal's own credentials");
            AwsError::NotConfigured
        }
        "SubscriptionRequiredException" => AwsError::NoTrustedAdvisorAccess { message },
        // Cost Explorer throttles with LimitExceededException.
        "Throttling"
        | "ThrottlingException"
        | "TooManyRequestsException"
        | "RequestLimitExceeded"
        | "LimitExceededException" => AwsError::Throttled { message },
        "UnknownOperationException" | "InvalidAction" | "UnsupportedOperation" | "UnsupportedOperationException" => {
            AwsError::Unsupported { operation: call.operation.to_owned(), message }
        }
        "InvalidParameterValueException"
        | "InvalidParameterValue"
        | "InvalidParameterException"
        | "ValidationException"
        | "ValidationError"
        | "ResourceNotFoundException"
        | "BillExpirationException" => AwsError::InvalidRequest { message },
        _ if status == 404 || status == 501 => AwsError::Unsupported { operation: call.operation.to_owned(), message },
        _ => AwsError::Unavailable { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASSUME: Call = Call::portal("AssumeRole", "sts:AssumeRole");
    const CHECKS: Call = Call::role("DescribeTrustedAdvisorChecks", "support:DescribeTrustedAdvisorChecks");

    fn code(call: Call, code: &str, status: u16) -> AwsError {
        from_service(call, Some(code), Some("details"), status)
    }

    #[test]
    fn r7_8_access_denied_on_assume_role_is_the_trust_policy() {
        assert_eq!(
            code(ASSUME, "AccessDenied", 403),
            AwsError::AssumeRoleDenied { message: "AccessDenied: details".into() }
        );
    }

    #[test]
    fn r7_8_access_denied_elsewhere_names_the_missing_action() {
        for denied in ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"] {
            assert_eq!(
                code(CHECKS, denied, 400),
                AwsError::PermissionMissing {
                    action: "support:DescribeTrustedAdvisorChecks".into(),
                    message: format!("{denied}: details")
                }
            );
        }
    }

    #[test]
    fn r7_8_codes_map_to_their_kind() {
        assert!(matches!(code(CHECKS, "SubscriptionRequiredException", 400), AwsError::NoTrustedAdvisorAccess { .. }));
        for throttled in ["Throttling", "ThrottlingException", "TooManyRequestsException", "LimitExceededException"] {
            assert!(matches!(code(CHECKS, throttled, 400), AwsError::Throttled { .. }), "{throttled}");
        }
        for unknown in ["UnknownOperationException", "InvalidAction"] {
            assert!(matches!(code(CHECKS, unknown, 400), AwsError::Unsupported { .. }), "{unknown}");
        }
        for invalid in ["InvalidParameterValueException", "ValidationException"] {
            assert!(matches!(code(CHECKS, invalid, 400), AwsError::InvalidRequest { .. }), "{invalid}");
        }
        assert!(matches!(code(CHECKS, "InternalServerError", 500), AwsError::Unavailable { .. }));
        assert!(matches!(code(CHECKS, "SomethingNew", 501), AwsError::Unsupported { .. }));
    }

    #[test]
    fn r7_8_an_answer_without_code_is_judged_by_its_status() {
        assert!(matches!(from_service(CHECKS, None, None, 404), AwsError::Unsupported { .. }));
        assert!(matches!(from_service(CHECKS, None, None, 501), AwsError::Unsupported { .. }));
        assert!(matches!(from_service(CHECKS, None, None, 500), AwsError::Unavailable { .. }));
        assert!(matches!(from_service(CHECKS, None, None, 400), AwsError::Unavailable { .. }));
    }

    #[test]
    fn r7_8_a_refused_portal_key_is_the_operators_to_mend() {
        assert_eq!(code(ASSUME, "InvalidClientTokenId", 403), AwsError::NotConfigured);
        assert!(matches!(code(CHECKS, "ExpiredTokenException", 400), AwsError::Unavailable { .. }));
    }

    #[test]
    fn r7_8_missing_credentials_are_not_configured_wherever_they_sit_in_the_chain() {
        #[derive(Debug)]
        struct Wrapper(CredentialsError);
        impl std::fmt::Display for Wrapper {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("dispatch failure")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let wrapped = Wrapper(CredentialsError::not_loaded("no providers in chain provided credentials"));
        let found = credentials_error(&wrapped).expect("found");
        assert_eq!(from_credentials(ASSUME, found), AwsError::NotConfigured);
        let timed_out = CredentialsError::provider_timed_out(std::time::Duration::from_secs(5));
        assert_eq!(from_credentials(ASSUME, &timed_out), AwsError::NotConfigured);
        let refused = CredentialsError::provider_error("failed to load IMDS session token: 403");
        assert_eq!(from_credentials(ASSUME, &refused), AwsError::NotConfigured);
    }
}
