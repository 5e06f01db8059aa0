//! Arithmetic modulo N, the RFC 3526 3072-bit MODP prime that Cognito's SRP uses: [`Int`]
//! (a non-negative integer as minimal big-endian bytes, how SRP hashes and prints numbers) and
//! [`Residue`] (a value mod N in Montgomery form, with g = 2 powers by a fixed-base comb).
//!
//! Its own crate so that it alone gets its own optimisation level: release builds compile it
//! for size with speed (`opt-level = "s"`, measured as fast as 3 and smaller) while the rest
//! of the browser bundle gets `"z"`; debug builds give it 3, for the tests' many
//! exponentiations.

mod backend;
mod int;
mod residue;

#[cfg(all(target_pointer_width = "64", not(target_arch = "wasm32")))]
mod fios64;
/// The layout this target computes with.
#[cfg(all(target_pointer_width = "64", not(target_arch = "wasm32")))]
type Active = fios64::Fios64;

// Also built natively, where the tests run it beside fios64 and against num-bigint.
#[cfg(any(
    test,
    not(all(target_pointer_width = "64", not(target_arch = "wasm32")))
))]
mod fips28;
#[cfg(not(all(target_pointer_width = "64", not(target_arch = "wasm32"))))]
type Active = fips28::Fips28;

pub use int::{Int, NotHex};
pub use residue::{pow_g, pow_mod_n, Residue, TooWide, MAX_EXPONENT_BITS};

/// N, the RFC 3526 3072-bit MODP prime.
pub const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// The generator.
pub const G: u32 = 2;

/// N as big-endian bytes (384 of them).
pub fn n_bytes() -> &'static [u8] {
    static N: std::sync::OnceLock<Int> = std::sync::OnceLock::new();
    N.get_or_init(|| Int::parse_hex(N_HEX).unwrap_or_default())
        .as_be_bytes()
}

/// Longest value [`Residue::new`] takes, in bits: the width of the browser's limbs.
pub const MAX_INPUT_BITS: u32 = 3080;

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;

    use crate::Int;

    /// The reference bignum's value as an [`Int`].
    pub(crate) fn int(v: &BigUint) -> Int {
        Int::from_be_bytes(&v.to_bytes_be())
    }

    /// An [`Int`] as the reference bignum.
    pub(crate) fn big(v: &Int) -> BigUint {
        BigUint::from_bytes_be(v.as_be_bytes())
    }

    /// N, as the tests' reference bignum sees it.
    pub(crate) fn n() -> &'static BigUint {
        static N: std::sync::OnceLock<BigUint> = std::sync::OnceLock::new();
        N.get_or_init(|| BigUint::from_bytes_be(crate::n_bytes()))
    }
}
