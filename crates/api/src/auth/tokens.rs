//! Short-lived JWT access tokens. A token names a session and its stage; the session row is the
//! authority (a revoked session kills its tokens at once).

use std::time::Duration;

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use portal_domain::auth::SessionStage;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;

const ISSUER: &str = "cloudpack-portal";

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &secrecy::SecretString) -> JwtKeys {
        let bytes = secret.expose_secret().as_bytes();
        JwtKeys { encoding: EncodingKey::from_secret(bytes), decoding: DecodingKey::from_secret(bytes) }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub sub: Uuid,
    pub sid: Uuid,
    pub stage: SessionStage,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

pub fn issue(
    keys: &JwtKeys,
    user: Uuid,
    session: Uuid,
    stage: SessionStage,
    now: i64,
    ttl: Duration,
) -> Result<String, ApiError> {
    let claims =
        Claims { sub: user, sid: session, stage, iat: now, exp: now + ttl.as_secs() as i64, iss: ISSUER.into() };
    encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).map_err(ApiError::internal)
}

/// Checks the signature, issuer and claims, and the expiry against `now` (the server's clock, not
/// the system's: time is an input), with zero leeway.
pub fn verify(keys: &JwtKeys, token: &str, now: i64) -> Result<Claims, ApiError> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_issuer(&[ISSUER]);
    v.leeway = 0;
    v.validate_exp = false;
    v.set_required_spec_claims(&["exp", "iss", "sub"]);
    let claims = decode::<Claims>(token, &keys.decoding, &v).map(|d| d.claims).map_err(|_| ApiError::Unauthorized)?;
    if claims.exp <= now {
        return Err(ApiError::TokenExpired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> JwtKeys {
        JwtKeys::new(&secrecy::SecretString::from(s.to_owned()))
    }

    #[test]
    fn round_trip_and_tamper_and_expiry() {
        let k = keys("0123456789abcdef0123456789abcdef");
        let now = 1_800_000_000;
        let (u, s) = (Uuid::new_v4(), Uuid::new_v4());
        let t = issue(&k, u, s, SessionStage::Full, now, Duration::from_secs(60)).unwrap();
        let c = verify(&k, &t, now).unwrap();
        assert_eq!((c.sub, c.sid, c.stage), (u, s, SessionStage::Full));
        assert!(matches!(verify(&keys("another-secret-another-secret-xx"), &t, now), Err(ApiError::Unauthorized)));
        let old = issue(&k, u, s, SessionStage::Full, now - 600, Duration::from_secs(60)).unwrap();
        assert!(matches!(verify(&k, &old, now), Err(ApiError::TokenExpired)));
        assert!(matches!(verify(&k, &t, now + 60), Err(ApiError::TokenExpired)), "expired at exp, no leeway");
        assert!(matches!(verify(&k, "garbage", now), Err(ApiError::Unauthorized)));
    }
}
