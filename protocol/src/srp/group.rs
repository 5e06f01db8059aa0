//! The SRP group Cognito uses (RFC 3526 3072-bit MODP, g = 2), its multiplier `k`, and the
//! integer encodings every SRP value goes through.

use std::sync::OnceLock;

#[cfg(feature = "server")]
use num_bigint::{BigInt, BigUint, Sign};
use sha2::{Digest, Sha256};

use super::error::SrpError;
use modp3072::{n_bytes, Int};

pub use modp3072::{G, N_HEX};

#[cfg(feature = "server")]
/// N as an integer.
pub fn n() -> &'static BigUint {
    static N: OnceLock<BigUint> = OnceLock::new();
    N.get_or_init(|| BigUint::from_bytes_be(n_bytes()))
}

/// k = H(padHex(N) ‖ padHex(g)), hashed over the 386 bytes `00 ‖ N ‖ 02`.
pub(crate) fn k_int() -> &'static Int {
    static K: OnceLock<Int> = OnceLock::new();
    K.get_or_init(|| hash_to_int(&[&[0], n_bytes(), &[G as u8]]))
}

#[cfg(feature = "server")]
/// k as a [`BigUint`].
pub fn k() -> &'static BigUint {
    static K: OnceLock<BigUint> = OnceLock::new();
    K.get_or_init(|| BigUint::from_bytes_be(k_int().as_be_bytes()))
}

#[cfg(feature = "server")]
/// padHex(n) = Java `BigInteger.toByteArray()` of a non-negative n: minimal big-endian bytes,
/// with a leading `00` when the top bit of the first byte is set. Its length varies.
pub fn pad_hex(n: &BigUint) -> Vec<u8> {
    Int::from_be_bytes(&n.to_bytes_be()).pad_hex()
}

#[cfg(feature = "server")]
/// padHex of a signed integer (two's complement), for the rare negative SALT.
pub fn pad_hex_signed(n: &BigInt) -> Vec<u8> {
    n.to_signed_bytes_be()
}

/// SHA-256 over the concatenation of `parts`.
pub(crate) fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Hex of any length and case, without `0x`, as an [`Int`].
pub(crate) fn hex(field: &'static str, s: &str) -> Result<Int, SrpError> {
    Int::parse_hex(s).map_err(|_| SrpError::InvalidHex(field))
}

/// SHA-256 over `parts`, read as an unsigned big-endian integer.
pub(crate) fn hash_to_int(parts: &[&[u8]]) -> Int {
    Int::from_be_bytes(&hash(parts))
}

/// padHex of a SALT as sent, which may carry a leading `-` (older Cognito replies had negative
/// salts): Java's `toByteArray()`, two's complement for a negative one.
pub(crate) fn salt_bytes(salt: &str) -> Result<Vec<u8>, SrpError> {
    let Some(digits) = salt.strip_prefix('-') else {
        return Ok(hex("SALT", salt)?.pad_hex());
    };
    let magnitude = hex("SALT", digits)?;
    let m = magnitude.as_be_bytes();
    if m.is_empty() {
        return Ok(vec![0]);
    }
    // −m fits k bytes when m ≤ 2^(8k−1); its bytes are then (¬m + 1) over k bytes.
    let fits = m[0] < 0x80 || (m[0] == 0x80 && m[1..].iter().all(|&b| b == 0));
    let mut out: Vec<u8> = if fits { Vec::new() } else { vec![0] };
    out.extend_from_slice(m);
    let mut carry = true;
    for byte in out.iter_mut().rev() {
        let (v, c) = (!*byte).overflowing_add(u8::from(carry));
        *byte = v;
        carry = c;
    }
    Ok(out)
}

#[cfg(feature = "server")]
/// Parses hex of any length and case, without `0x` (how Cognito's SRP_A/SRP_B travel).
pub fn parse_hex(field: &'static str, s: &str) -> Result<BigUint, SrpError> {
    hex(field, s).map(|i| BigUint::from_bytes_be(i.as_be_bytes()))
}

#[cfg(feature = "server")]
/// Parses a SALT, which may carry a leading `-` (older Cognito replies had negative salts).
pub fn parse_salt(s: &str) -> Result<BigInt, SrpError> {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => (Sign::Minus, rest),
        None => (Sign::Plus, s),
    };
    let magnitude = parse_hex("SALT", digits)?;
    Ok(BigInt::from_biguint(sign, magnitude))
}

#[cfg(feature = "server")]
/// Lower-case minimal hex, as Cognito and its clients print SRP integers.
pub fn to_hex(n: &BigUint) -> String {
    n.to_str_radix(16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_matches_the_published_value() {
        assert_eq!(
            to_hex(k()),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
    }

    #[test]
    fn pad_hex_is_javas_to_byte_array() {
        assert_eq!(pad_hex(&BigUint::from(0u8)), vec![0]);
        assert_eq!(pad_hex(&BigUint::from(0x7fu8)), vec![0x7f]);
        assert_eq!(pad_hex(&BigUint::from(0x80u8)), vec![0, 0x80]);
        assert_eq!(pad_hex(&BigUint::from(0x0123u16)), vec![0x01, 0x23]);
        assert_eq!(pad_hex(n()).len(), 385);
    }

    #[test]
    fn salt_bytes_agree_with_num_bigint() {
        for salt in [
            "0",
            "1f",
            "80",
            "7f",
            "ff",
            "0080",
            "-0",
            "-1",
            "-7f",
            "-80",
            "-81",
            "-ff",
            "-100",
            "-8000",
            "-8001",
            "-5520e504",
            "-00ff",
            "abc",
            "-abc",
        ] {
            let want = pad_hex_signed(&parse_salt(salt).unwrap());
            assert_eq!(salt_bytes(salt).unwrap(), want, "{salt}");
        }
        assert!(salt_bytes("-").is_err());
        assert!(salt_bytes("--1").is_err());
    }

    #[test]
    fn negative_salt_is_twos_complement() {
        let s = parse_salt("-5520e504").unwrap();
        assert_eq!(pad_hex_signed(&s), vec![0xaa, 0xdf, 0x1a, 0xfc]);
        let s = parse_salt("-80").unwrap();
        assert_eq!(pad_hex_signed(&s), vec![0x80]);
    }

    #[test]
    fn parse_hex_accepts_odd_lengths_and_rejects_junk() {
        assert_eq!(parse_hex("X", "abc").unwrap(), BigUint::from(0xabcu32));
        assert_eq!(parse_hex("X", "ABC").unwrap(), BigUint::from(0xabcu32));
        assert!(parse_hex("X", "").is_err());
        assert!(parse_hex("X", "0x12").is_err());
        assert!(parse_hex("X", "-12").is_err());
        assert!(parse_hex("X", "12 ").is_err());
    }
}
