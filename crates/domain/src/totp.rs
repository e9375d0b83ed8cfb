//! TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30 s steps (R7.3).
//!
//! A code is accepted for the current step and one step either side (clock drift), and only for a
//! step later than the last one this user used: a code can never be replayed.

use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const DIGITS: usize = 6;
pub const STEP_SECS: u64 = 30;
const SKEW_STEPS: u64 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the stored TOTP secret is not valid base32")]
    BadSecret,
    #[error("the code is not valid")]
    WrongCode,
    #[error("the code was already used")]
    Replayed,
}

fn totp(secret_b32: &str, issuer: &str, account: &str) -> Result<Totp, TotpError> {
    let secret = Secret::try_from_base32(secret_b32).map_err(|_| TotpError::BadSecret)?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS as u8)
        .with_skew(SKEW_STEPS as u16)
        .with_step_duration(STEP_SECS)
        .with_secret(secret)
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .map_err(|_| TotpError::BadSecret)
}

/// A fresh 160-bit secret, base32 without padding, from caller-supplied randomness.
pub fn encode_secret(random: [u8; 20]) -> String {
    Secret::from(random).to_base32()
}

/// `otpauth://` URI for the QR code.
/// A ':' separates issuer and account in the label, so one inside either is shown as '_'
/// (an e-mail address may contain one).
pub fn otpauth_uri(secret_b32: &str, issuer: &str, account: &str) -> Result<String, TotpError> {
    let (issuer, account) = (issuer.replace(':', "_"), account.replace(':', "_"));
    totp(secret_b32, &issuer, &account)?.to_url().map_err(|_| TotpError::BadSecret)
}

/// The code for a Unix time (used by tests and by nothing else in production).
pub fn code_at(secret_b32: &str, unix_secs: u64) -> Result<String, TotpError> {
    Ok(totp(secret_b32, "x", "x")?.generate(unix_secs).to_string())
}

/// Checks `code` at `now`; returns the matched time step, which the caller stores as the last used.
pub fn verify(secret_b32: &str, code: &str, now_unix: u64, last_used_step: Option<u64>) -> Result<u64, TotpError> {
    let t = totp(secret_b32, "x", "x")?;
    let code = code.trim();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TotpError::WrongCode);
    }
    let now_step = now_unix / STEP_SECS;
    let candidates = now_step.saturating_sub(SKEW_STEPS)..=now_step + SKEW_STEPS;
    let matched = candidates
        .filter(|step| constant_time_eq(t.generate(step * STEP_SECS).to_string().as_bytes(), code.as_bytes()))
        .max()
        .ok_or(TotpError::WrongCode)?;
    match last_used_step {
        Some(last) if matched <= last => Err(TotpError::Replayed),
        _ => Ok(matched),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    #[test]
    fn rfc6238_sha1_vector() {
        // RFC 6238 appendix B, SHA1 key "12345678901234567890", T = 59 → 94287082 (8 digits); 6 digits = 287082.
        let secret = Secret::from(*b"12345678901234567890").to_base32();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1111111109).unwrap(), "081804");
    }

    #[test]
    fn accepts_current_and_adjacent_steps_only() {
        let now = 1_800_000_000;
        let cur = code_at(SECRET, now).unwrap();
        assert_eq!(verify(SECRET, &cur, now, None), Ok(now / 30));
        let prev = code_at(SECRET, now - 30).unwrap();
        assert!(verify(SECRET, &prev, now, None).is_ok());
        let old = code_at(SECRET, now - 90).unwrap();
        if old != cur && old != prev && old != code_at(SECRET, now + 30).unwrap() {
            assert_eq!(verify(SECRET, &old, now, None), Err(TotpError::WrongCode));
        }
    }

    #[test]
    fn a_used_step_cannot_be_replayed() {
        let now = 1_800_000_000;
        let code = code_at(SECRET, now).unwrap();
        let step = verify(SECRET, &code, now, None).unwrap();
        assert_eq!(verify(SECRET, &code, now, Some(step)), Err(TotpError::Replayed));
        // An earlier step is refused too, even if it was never used.
        let prev = code_at(SECRET, now - 30).unwrap();
        assert!(verify(SECRET, &prev, now, Some(step)).is_err());
        // The next step works.
        let next = code_at(SECRET, now + 30).unwrap();
        assert_eq!(verify(SECRET, &next, now + 30, Some(step)), Ok(step + 1));
    }

    #[test]
    fn malformed_codes_are_wrong_not_errors() {
        for bad in ["", "12345", "1234567", "abcdef", "12 456"] {
            assert_eq!(verify(SECRET, bad, 1_800_000_000, None), Err(TotpError::WrongCode));
        }
    }

    #[test]
    fn secrets_round_trip_and_uri_names_sha1_six_digits() {
        let s = encode_secret([7u8; 20]);
        assert_eq!(s.len(), 32);
        let uri = otpauth_uri(&s, "cloudpack+ PORTAL", "rep@example.co.jp").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={s}")), "{uri}");
        assert!(uri.contains("digits=6") || !uri.contains("digits="), "{uri}");
    }

    #[test]
    fn an_account_name_with_a_colon_still_gets_a_uri() {
        let s = encode_secret([7u8; 20]);
        let uri = otpauth_uri(&s, "cloud:pack", "a:b@example.co.jp").unwrap();
        assert!(uri.contains("a_b%40example.co.jp") || uri.contains("a_b@example.co.jp"), "{uri}");
    }
}
