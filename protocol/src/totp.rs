//! Time-based one-time passwords as Cognito's software-token MFA uses them: TOTP (RFC 6238)
//! over HOTP (RFC 4226) with HMAC-SHA-1, 6 digits, a 30-second step, and the secret shown to
//! the user in base32 (RFC 4648, no padding), as `AssociateSoftwareToken`'s `SecretCode`.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Seconds per step.
pub const STEP: u64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;

/// The HOTP value of `secret` at `counter`, `digits` long (leading zeros kept).
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226 §5.3).
    let offset = usize::from(hash[19] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    let modulus = 10u64.pow(digits);
    format!(
        "{:0width$}",
        u64::from(binary) % modulus,
        width = digits as usize
    )
}

/// The step a Unix time falls in.
pub fn step_of(unix: u64) -> u64 {
    unix / STEP
}

/// The 6-digit code of `secret` at Unix time `unix`.
pub fn code_at(secret: &[u8], unix: u64) -> String {
    hotp(secret, step_of(unix), DIGITS)
}

/// The step whose code `code` is, within one step either side of `now` (clocks drift), if any.
/// The caller remembers accepted steps so that a code is taken once.
pub fn matching_step(secret: &[u8], code: &str, now: u64) -> Option<u64> {
    let current = step_of(now);
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .find(|step| {
            bool::from(
                hotp(secret, *step, DIGITS)
                    .as_bytes()
                    .ct_eq(code.as_bytes()),
            )
        })
}

/// A secret as the user types it into an authenticator app: base32 without padding.
pub fn secret_code(secret: &[u8]) -> String {
    BASE32_NOPAD.encode(secret)
}

/// The secret behind a `SecretCode` (case and spaces forgiven, as apps accept them).
pub fn secret_from_code(code: &str) -> Option<Vec<u8>> {
    let cleaned: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    BASE32_NOPAD.decode(cleaned.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows: the 20-byte ASCII secret, 8 digits.
    #[test]
    fn rfc_6238_sha1_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(hotp(secret, step_of(time), 8), code, "T = {time}");
        }
    }

    /// RFC 4226 Appendix D: HOTP, 6 digits, counters 0 to 9.
    #[test]
    fn rfc_4226_hotp_vectors() {
        let want = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, code) in want.iter().enumerate() {
            assert_eq!(hotp(b"12345678901234567890", counter as u64, 6), *code);
        }
    }

    #[test]
    fn a_code_is_good_one_step_either_side_and_no_further() {
        let secret = b"12345678901234567890";
        let now = 1_111_111_111;
        let code = code_at(secret, now);
        assert_eq!(matching_step(secret, &code, now), Some(step_of(now)));
        assert_eq!(matching_step(secret, &code, now + STEP), Some(step_of(now)));
        assert_eq!(matching_step(secret, &code, now - STEP), Some(step_of(now)));
        assert_eq!(matching_step(secret, &code, now + 2 * STEP), None);
        assert_eq!(matching_step(secret, "000000x", now), None);
    }

    /// RFC 4648 §10 base32 vectors, padding dropped.
    #[test]
    fn secret_codes_are_base32_without_padding() {
        for (raw, text) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(secret_code(raw.as_bytes()), text);
            assert_eq!(secret_from_code(text).as_deref(), Some(raw.as_bytes()));
        }
        assert_eq!(
            secret_from_code("mzxw 6ytb oi").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(secret_from_code("not base32!"), None);
    }
}
