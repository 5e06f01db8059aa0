//! The client half: SRP_A for `InitiateAuth`, then the answer to `PASSWORD_VERIFIER`.

use hmac::Mac;

use super::error::SrpError;
use super::group::{hex, k_int, salt_bytes};
use super::proof::{claim_mac, private_key, scrambler, session_key, HASH_BITS};
use super::realm::Realm;
use super::timestamp::format_timestamp;
use crate::base64;
use crate::secret::{Password, SecretExponent, SessionKey};
use modp3072::{Int, Residue};

/// Longest private exponent accepted, in bytes.
pub const MAX_SECRET_BYTES: usize = 256;

/// Shortest private exponent accepted, in bytes: 256 bits, twice the group's 128-bit
/// strength (NIST SP 800-56A).
pub const MIN_SECRET_BYTES: usize = 32;

/// The `PASSWORD_VERIFIER` challenge parameters Cognito sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordVerifierChallenge {
    /// `SALT`, hex (may be odd-length or, from old servers, negative).
    pub salt: String,
    /// `SRP_B`, hex.
    pub srp_b: String,
    /// `SECRET_BLOCK`, base64, echoed verbatim.
    pub secret_block: String,
    /// `USER_ID_FOR_SRP`: the internal username hashed into x and the signature.
    pub user_id_for_srp: String,
}

/// The `ChallengeResponses` that answer a `PASSWORD_VERIFIER` challenge (without SECRET_HASH).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    /// `USERNAME`: the internal username.
    pub username: String,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the challenge's SECRET_BLOCK, verbatim.
    pub secret_block: String,
    /// `TIMESTAMP`: the exact text that was signed.
    pub timestamp: String,
    /// `PASSWORD_CLAIM_SIGNATURE`, base64.
    pub signature: String,
}

/// Every intermediate of the client's key derivation. Outside this crate only its vector
/// tests see it (feature `intermediates`); all of it is wiped when dropped.
#[cfg_attr(not(feature = "intermediates"), allow(dead_code, unreachable_pub))]
pub struct ClientDerivation {
    /// u = H(padHex(A) ‖ padHex(B)).
    pub u: Int,
    /// x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)).
    pub x: Int,
    /// S = (B − k·g^x)^(a + u·x) mod N.
    pub s: Int,
    /// K = HKDF(padHex(u), padHex(S)).
    pub key: SessionKey,
}

impl core::fmt::Debug for ClientDerivation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientDerivation")
            .field("u", &self.u)
            .finish_non_exhaustive()
    }
}

/// A client SRP session: holds the private `a` and the public `A = g^a mod N`.
///
/// Create it before the user presses "Sign in": computing A is a third of the work.
pub struct SrpClient {
    a: Int,
    a_bits: u32,
    big_a: Int,
}

impl core::fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SrpClient")
            .field("a", &"[redacted]")
            .field("srp_a", &self.big_a)
            .finish()
    }
}

impl SrpClient {
    /// A = g^a mod N, with `a` read as a big-endian unsigned integer from caller-supplied
    /// random bytes: 32 of them ([`MIN_SECRET_BYTES`]) up to 256; the reference clients draw
    /// 128.
    pub fn new(a: &SecretExponent) -> Result<Self, SrpError> {
        let bytes = a.secret();
        let value = Int::from_be_bytes(bytes);
        if !(MIN_SECRET_BYTES..=MAX_SECRET_BYTES).contains(&bytes.len()) || value.is_zero() {
            return Err(SrpError::InvalidSecret);
        }
        let a_bits = (bytes.len() * 8) as u32;
        let big_a = Residue::pow_g(&value, a_bits).value();
        // 2^a mod N is never 0 for a prime N, but the check is cheap and the rule is the rule.
        if big_a.is_zero() {
            return Err(SrpError::IllegalA);
        }
        Ok(Self {
            a: value,
            a_bits,
            big_a,
        })
    }

    /// `SRP_A` as sent: lower-case minimal hex.
    pub fn srp_a(&self) -> String {
        self.big_a.to_hex()
    }

    /// u, x, S and K for a challenge, for this crate's vector tests. Refuses B ≡ 0 (mod N)
    /// and u = 0.
    #[cfg(feature = "intermediates")]
    pub fn derive(
        &self,
        pool: &dyn Realm,
        user_id_for_srp: &str,
        password: &Password,
        salt: &str,
        srp_b: &str,
    ) -> Result<ClientDerivation, SrpError> {
        self.derivation(pool, user_id_for_srp, password, salt, srp_b)
    }

    /// u, x, S and K for a challenge. Refuses B ≡ 0 (mod N) and u = 0.
    fn derivation(
        &self,
        pool: &dyn Realm,
        user_id_for_srp: &str,
        password: &Password,
        salt: &str,
        srp_b: &str,
    ) -> Result<ClientDerivation, SrpError> {
        let big_b = hex("SRP_B", srp_b)?;
        // The widest B the arithmetic takes (a real B is below N).
        let b_mod_n = Residue::new(&big_b).map_err(|_| SrpError::OversizedB)?;
        if b_mod_n.value().is_zero() {
            return Err(SrpError::IllegalB);
        }
        let u = scrambler(&self.big_a, &big_b)?;
        let salt_bytes = salt_bytes(salt)?;
        let x = private_key(&salt_bytes, pool.realm(), user_id_for_srp, password);
        let kgx = match Residue::new(k_int()) {
            Ok(k) => k.mul(&Residue::pow_g(&x, HASH_BITS)),
            Err(_) => unreachable!("k is a 256-bit hash"),
        };
        let base = b_mod_n.sub(&kgx);
        let exponent = Int::mul_add(&self.a, &u, &x);
        let exponent_bits = self.a_bits.max(2 * HASH_BITS) + 1;
        let s = base.pow(&exponent, exponent_bits).value();
        let key = session_key(&u, &s);
        Ok(ClientDerivation { u, x, s, key })
    }

    /// Answers a `PASSWORD_VERIFIER` challenge, signing the time given in Unix seconds (the
    /// caller's clock, corrected for skew).
    pub fn respond(
        &self,
        pool: &dyn Realm,
        challenge: &PasswordVerifierChallenge,
        password: &Password,
        unix_seconds: i64,
    ) -> Result<PasswordClaim, SrpError> {
        let user_id = challenge.user_id_for_srp.as_str();
        let secret_block =
            base64::decode(&challenge.secret_block).ok_or(SrpError::InvalidSecretBlock)?;
        let derived =
            self.derivation(pool, user_id, password, &challenge.salt, &challenge.srp_b)?;
        let timestamp = format_timestamp(unix_seconds);
        let mac = claim_mac(
            &derived.key,
            pool.realm(),
            user_id,
            &secret_block,
            &timestamp,
        );
        Ok(PasswordClaim {
            username: user_id.to_owned(),
            secret_block: challenge.secret_block.clone(),
            timestamp,
            signature: base64::encode(&mac.finalize().into_bytes()),
        })
    }
}
