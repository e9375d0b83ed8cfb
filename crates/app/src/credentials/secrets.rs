//! Random secrets handed to people or clients, and how they are stored.

use rand::distributions::{Distribution, Uniform};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// No 0/O, 1/l/I: temporary passwords and recovery codes are read aloud and typed by hand.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn pick(n: usize) -> String {
    let mut rng = rand::rngs::OsRng;
    let dist = Uniform::from(0..ALPHABET.len());
    (0..n).map(|_| ALPHABET[dist.sample(&mut rng)] as char).collect()
}

/// 16 characters from 56 symbols: ~93 bits.
pub fn temporary_password() -> String {
    pick(16)
}

/// `xxxxx-xxxxx-xxxxx-xxxxx`: 20 symbols of 56, about 116 bits (ASVS 5.0 V6.5.2 asks for 112 to
/// store them with a fast hash), single use, stored as SHA-256.
pub fn recovery_code() -> String {
    let s = pick(20);
    format!("{}-{}-{}-{}", &s[..5], &s[5..10], &s[10..15], &s[15..])
}

/// Bits of entropy in one recovery code.
pub fn recovery_code_bits() -> f64 {
    20.0 * (ALPHABET.len() as f64).log2()
}

/// Opaque 256-bit bearer secret (refresh tokens), hex.
pub fn opaque_token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

pub fn totp_secret() -> String {
    let mut b = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut b);
    portal_domain::totp::encode_secret(b)
}

/// High-entropy secrets need no slow hash: SHA-256 keeps lookups indexable.
pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Recovery codes are compared ignoring case, spaces and the dash.
pub fn normalise_recovery_code(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_uniqueness() {
        let p = temporary_password();
        assert_eq!(p.len(), 16);
        assert!(p.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(temporary_password(), p);
        let r = recovery_code();
        assert_eq!(r.len(), 23);
        assert_eq!(r.matches('-').count(), 3);
        assert_eq!(normalise_recovery_code(&r).len(), 20);
        assert!(recovery_code_bits() >= 112.0, "{}", recovery_code_bits());
        assert_eq!(opaque_token().len(), 64);
        assert_eq!(normalise_recovery_code(" abcde-FGHJK "), "abcdeFGHJK");
    }
}
