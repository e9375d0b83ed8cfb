//! TOTP secrets are sealed at rest (ASVS 5.0 V13.3.1, V11.3.3): XChaCha20-Poly1305 with a key held
//! outside the database (`PORTAL_SECRETS_KEY`, or a file in the data folder, like the JWT secret),
//! and the user's id as associated data so that a sealed secret copied to another row does not open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sea_orm::TransactionTrait;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::AppError;

/// Sealed values start with this; anything else is a secret stored before sealing existed.
const PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;

#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    /// `key_material` is a high-entropy secret (at least 32 characters); the key is derived from it
    /// for this one purpose, so the same material never keys two algorithms.
    pub fn new(key_material: &SecretString) -> Sealer {
        let mut h = Sha256::new();
        h.update(b"cloudpack-portal/totp-seal/v1\0");
        h.update(key_material.expose_secret().as_bytes());
        let bytes: [u8; 32] = h.finalize().into();
        Sealer { cipher: XChaCha20Poly1305::new(&Key::from(bytes)) }
    }

    pub fn seal(&self, user_id: Uuid, secret: &str) -> Result<String, AppError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: secret.as_bytes(), aad: user_id.as_bytes() })
            .map_err(|_| AppError::internal("sealing a secret failed"))?;
        Ok(format!("{PREFIX}{}{}", hex::encode(nonce), hex::encode(sealed)))
    }

    /// The secret in the clear. A value stored before sealing existed is returned as it is (and
    /// sealed by [`seal_stored_secrets`] at start-up); a value that does not open is an error.
    pub fn open(&self, user_id: Uuid, stored: &str) -> Result<String, AppError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_owned()) };
        let bytes = hex::decode(rest).map_err(|_| AppError::internal("a sealed secret is not hex"))?;
        if bytes.len() <= NONCE_LEN {
            return Err(AppError::internal("a sealed secret is too short"));
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(AppError::internal)?;
        let plain = self
            .cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad: user_id.as_bytes() })
            .map_err(|_| AppError::internal("a sealed secret does not open with this key"))?;
        String::from_utf8(plain).map_err(AppError::internal)
    }

    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }
}

/// Seals every TOTP secret still stored in the clear (from before sealing). Idempotent; returns how
/// many users were updated.
pub async fn seal_stored_secrets(db: &sea_orm::DatabaseConnection, sealer: &Sealer) -> Result<usize, AppError> {
    use portal_db::queries::users;
    let rows = users::totp_secrets(db).await?;
    let txn = db.begin().await?;
    let mut updated = 0;
    for (id, secret, pending) in rows {
        let plain = |v: &Option<String>| v.as_deref().is_some_and(|s| !Sealer::is_sealed(s));
        if !plain(&secret) && !plain(&pending) {
            continue;
        }
        let seal = |v: Option<String>| -> Result<Option<String>, AppError> {
            match v {
                Some(s) if !Sealer::is_sealed(&s) => sealer.seal(id, &s).map(Some),
                other => Ok(other),
            }
        };
        users::set_totp_secrets(&txn, id, seal(secret)?, seal(pending)?).await?;
        updated += 1;
    }
    txn.commit().await?;
    if updated > 0 {
        tracing::info!(users = updated, "sealed TOTP secrets stored in the clear");
    }
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(k: &str) -> Sealer {
        Sealer::new(&SecretString::from(k.to_owned()))
    }

    #[test]
    fn sealed_secrets_open_only_with_the_key_and_for_the_same_user() {
        let s = sealer("0123456789abcdef0123456789abcdef");
        let (alice, bob) = (Uuid::new_v4(), Uuid::new_v4());
        let sealed = s.seal(alice, "JBSWY3DPEHPK3PXP").unwrap();
        assert!(Sealer::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, s.seal(alice, "JBSWY3DPEHPK3PXP").unwrap(), "a fresh nonce each time");
        assert_eq!(s.open(alice, &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(s.open(bob, &sealed).is_err(), "bound to the user");
        assert!(sealer("another-key-another-key-another-key").open(alice, &sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('0') { '1' } else { '0' });
        assert!(s.open(alice, &tampered).is_err());
        assert_eq!(s.open(alice, "JBSWY3DPEHPK3PXP").unwrap(), "JBSWY3DPEHPK3PXP", "legacy clear text");
    }
}
