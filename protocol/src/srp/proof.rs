//! The formulas both halves share: u, x, the session key and the claim signature.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::SrpError;
use super::group::{hash, hash_to_int};
use crate::secret::{Password, SessionKey};
use modp3072::Int;

/// Bit length bound of every SHA-256-derived exponent (u and x).
pub(crate) const HASH_BITS: u32 = 256;

const INFO: &[u8] = b"Caldera Derived Key";

/// u = H(padHex(A) ‖ padHex(B)); refused when zero.
pub(crate) fn scrambler(big_a: &Int, big_b: &Int) -> Result<Int, SrpError> {
    let u = hash_to_int(&[&big_a.pad_hex(), &big_b.pad_hex()]);
    if u.is_zero() {
        return Err(SrpError::ZeroU);
    }
    Ok(u)
}

/// x = H(salt_bytes ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password)), where `salt_bytes` is
/// padHex of the salt integer (the inner hash goes in as its 32 raw bytes).
pub(crate) fn private_key(
    salt_bytes: &[u8],
    pool_name: &str,
    user_id_for_srp: &str,
    password: &Password,
) -> Int {
    let inner = hash(&[
        pool_name.as_bytes(),
        user_id_for_srp.as_bytes(),
        b":",
        password.secret().as_bytes(),
    ]);
    hash_to_int(&[salt_bytes, &inner])
}

/// K = HKDF-SHA256(salt = padHex(u), ikm = padHex(S), info = "Caldera Derived Key"), 16 bytes.
pub(crate) fn session_key(u: &Int, s: &Int) -> SessionKey {
    let mut key = [0u8; 16];
    Hkdf::<Sha256>::new(Some(&u.pad_hex()), &s.pad_hex())
        .expand(INFO, &mut key)
        .unwrap_or_else(|_| unreachable!("16 bytes is a valid HKDF-SHA256 length"));
    SessionKey::new(key)
}

/// HMAC-SHA256(K, poolName ‖ userIdForSrp ‖ secretBlock ‖ timestamp), ready to finalize or
/// verify.
pub(crate) fn claim_mac(
    key: &SessionKey,
    pool_name: &str,
    user_id_for_srp: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.secret())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(pool_name.as_bytes());
    mac.update(user_id_for_srp.as_bytes());
    mac.update(secret_block);
    mac.update(timestamp.as_bytes());
    mac
}
