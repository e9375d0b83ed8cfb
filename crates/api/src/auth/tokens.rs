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
/// The API is the only audience: a token minted for another service with the same key is refused
/// (ASVS 5.0 V9.2.3).
const AUDIENCE: &str = "cloudpack-portal-api";
/// RFC 9068's type for access tokens; checked, so no other kind of JWT passes as one (V9.2.2).
const TYPE: &str = "at+jwt";

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
    pub aud: String,
}

pub fn issue(
    keys: &JwtKeys,
    user: Uuid,
    session: Uuid,
    stage: SessionStage,
    now: i64,
    ttl: Duration,
) -> Result<String, ApiError> {
    let claims = Claims {
        sub: user,
        sid: session,
        stage,
        iat: now,
        exp: now + ttl.as_secs() as i64,
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
    };
    let mut header = Header::new(Algorithm::HS256);
    header.typ = Some(TYPE.into());
    encode(&header, &claims, &keys.encoding).map_err(ApiError::internal)
}

/// Checks the type, signature, issuer, audience and claims, and the expiry against `now` (the server's clock, not
/// the system's: time is an input), with zero leeway.
pub fn verify(keys: &JwtKeys, token: &str, now: i64) -> Result<Claims, ApiError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| ApiError::Unauthorized)?;
    if header.typ.as_deref() != Some(TYPE) {
        return Err(ApiError::Unauthorized);
    }
    let mut v = Validation::new(Algorithm::HS256);
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v.leeway = 0;
    v.validate_exp = false;
    v.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
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

    fn forge(k: &JwtKeys, typ: Option<&str>, aud: Option<&str>, now: i64) -> String {
        let mut claims = serde_json::json!({
            "sub": Uuid::new_v4(), "sid": Uuid::new_v4(), "stage": "full", "iat": now, "exp": now + 60, "iss": ISSUER,
        });
        if let Some(aud) = aud {
            claims["aud"] = aud.into();
        }
        let mut header = Header::new(Algorithm::HS256);
        header.typ = typ.map(Into::into);
        encode(&header, &claims, &k.encoding).unwrap()
    }

    #[test]
    fn a_token_of_another_type_or_audience_is_refused_even_when_signed_with_our_key() {
        let k = keys("0123456789abcdef0123456789abcdef");
        let now = 1_800_000_000;
        assert!(verify(&k, &forge(&k, Some(TYPE), Some(AUDIENCE), now), now).is_ok());
        assert!(matches!(verify(&k, &forge(&k, Some("JWT"), Some(AUDIENCE), now), now), Err(ApiError::Unauthorized)));
        assert!(matches!(verify(&k, &forge(&k, None, Some(AUDIENCE), now), now), Err(ApiError::Unauthorized)));
        assert!(matches!(verify(&k, &forge(&k, Some(TYPE), Some("billing"), now), now), Err(ApiError::Unauthorized)));
        assert!(matches!(verify(&k, &forge(&k, Some(TYPE), None, now), now), Err(ApiError::Unauthorized)));
    }
}
