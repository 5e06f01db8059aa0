//! The server half: what a local Cognito stores per user and how it checks a password claim.

use hmac::Mac;
use num_bigint::BigUint;
use num_traits::Zero;

use super::client::{MAX_SECRET_BYTES, MIN_SECRET_BYTES};
use super::error::SrpError;
use super::group::{k, n, pad_hex, parse_hex, to_hex};
use super::proof::{claim_mac, private_key, scrambler, session_key, HASH_BITS};
use super::realm::Realm;
use super::timestamp::parse_timestamp;
use crate::base64;
use crate::secret::{Password, SecretExponent, SessionKey};
use modp3072::{pow_g, pow_mod_n, Int};

/// What a server keeps instead of a password: the salt and v = g^x mod N.
#[derive(Clone, PartialEq, Eq)]
pub struct Verifier {
    /// The salt as an integer (sent as canonical hex; never negative, never zero-prefixed).
    pub salt: BigUint,
    /// v = g^x mod N.
    pub verifier: BigUint,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verifier")
            .field("salt", &to_hex(&self.salt))
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// Salt and verifier for `password`, with x over the pool name and the internal username
    /// (the exact string later sent as USER_ID_FOR_SRP). `salt` is random bytes (16 is usual).
    pub fn new(pool: &dyn Realm, user_id_for_srp: &str, password: &Password, salt: &[u8]) -> Self {
        let salt = BigUint::from_bytes_be(salt);
        let x = private_key(&pad_hex(&salt), pool.realm(), user_id_for_srp, password);
        Self {
            verifier: big(&pow_g(&x, HASH_BITS)),
            salt,
        }
    }

    /// `SALT` as sent: canonical lower-case hex.
    pub fn salt_hex(&self) -> String {
        to_hex(&self.salt)
    }
}

/// A password-verifier challenge in flight: A checked, b drawn, B computed. The secret `b`
/// is wiped when it is dropped.
pub struct ServerChallenge {
    /// A as the client sent it, which u hashes (a client may send A ≥ N).
    srp_a: Int,
    /// A mod N, which the arithmetic uses.
    a_mod_n: BigUint,
    b: Int,
    b_bits: u32,
    big_b: BigUint,
    verifier: BigUint,
}

impl core::fmt::Debug for ServerChallenge {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ServerChallenge")
            .field("srp_b", &to_hex(&self.big_b))
            .finish_non_exhaustive()
    }
}

impl ServerChallenge {
    /// Checks SRP_A (refusing A ≡ 0 mod N) and computes B = (k·v + g^b) mod N from the
    /// caller-supplied random `b` (32 to 256 bytes). On `IllegalB` the caller draws another
    /// `b`.
    pub fn new(verifier: &Verifier, srp_a: &str, b: &SecretExponent) -> Result<Self, SrpError> {
        let big_a = parse_hex("SRP_A", srp_a)?;
        let a_mod_n = &big_a % n();
        if a_mod_n.is_zero() {
            return Err(SrpError::IllegalA);
        }
        let bytes = b.secret();
        let b_value = Int::from_be_bytes(bytes);
        if !(MIN_SECRET_BYTES..=MAX_SECRET_BYTES).contains(&bytes.len()) || b_value.is_zero() {
            return Err(SrpError::InvalidSecret);
        }
        let b_bits = (bytes.len() * 8) as u32;
        let big_b = (k() * &verifier.verifier + big(&pow_g(&b_value, b_bits))) % n();
        if big_b.is_zero() {
            return Err(SrpError::IllegalB);
        }
        Ok(Self {
            srp_a: int(&big_a),
            a_mod_n,
            b: b_value,
            b_bits,
            big_b,
            verifier: verifier.verifier.clone(),
        })
    }

    /// `SRP_B` as sent.
    pub fn srp_b(&self) -> String {
        to_hex(&self.big_b)
    }

    /// u, S = (A · v^u)^b mod N, and K, with u over A as the client sent it.
    pub fn derive(&self) -> Result<(BigUint, BigUint, SessionKey), SrpError> {
        let u = scrambler(&self.srp_a, &int(&self.big_b))?;
        // Both bases are below N, which Residue always takes.
        let too_wide = |_| SrpError::OversizedA;
        let v_u = pow_mod_n(&int(&self.verifier), &u, HASH_BITS).map_err(too_wide)?;
        let base = (&self.a_mod_n * big(&v_u)) % n();
        let s = pow_mod_n(&int(&base), &self.b, self.b_bits).map_err(too_wide)?;
        let key = session_key(&u, &s);
        Ok((big(&u), big(&s), key))
    }

    /// Checks a password claim: the TIMESTAMP must be canonical, and the signature over
    /// poolName ‖ userId ‖ secretBlock ‖ TIMESTAMP must match (compared in constant time).
    /// Returns the claim's time in Unix seconds, for the caller's skew check.
    pub fn verify(
        &self,
        pool: &dyn Realm,
        user_id_for_srp: &str,
        secret_block: &[u8],
        timestamp: &str,
        signature: &str,
    ) -> Result<i64, SrpError> {
        let unix = parse_timestamp(timestamp)?;
        let signature = base64::decode(signature).ok_or(SrpError::InvalidSignatureEncoding)?;
        let (_, _, key) = self.derive()?;
        claim_mac(&key, pool.realm(), user_id_for_srp, secret_block, timestamp)
            .verify_slice(&signature)
            .map_err(|_| SrpError::BadSignature)?;
        Ok(unix)
    }
}

// The server runs natively, where num-bigint does the arithmetic around the shared formulas.
fn int(value: &BigUint) -> Int {
    Int::from_be_bytes(&value.to_bytes_be())
}

fn big(value: &Int) -> BigUint {
    BigUint::from_bytes_be(value.as_be_bytes())
}
