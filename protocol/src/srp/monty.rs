//! The hot path: exponentiation modulo N in a fixed-size Montgomery form.
//!
//! num-bigint's `modpow` allocates per step and runs about twice as slow in wasm as a fixed-size
//! Montgomery core, so the three exponentiations of a sign-in (A, g^x, S) go through
//! crypto-bigint's `MontyForm<U3072>`. num-bigint stays for parsing, hashing and encoding.
//! Exponent lengths passed in are public bounds (sizes, not values), so timing reveals only them.

use std::sync::OnceLock;

use crypto_bigint::{
    modular::{MontyForm, MontyParams},
    subtle::{Choice, ConditionallySelectable},
    Odd, U3072,
};
use num_bigint::BigUint;

use super::group::n;

const LIMBS: usize = U3072::LIMBS;
const BYTES: usize = 384;

fn params() -> MontyParams<LIMBS> {
    static PARAMS: OnceLock<MontyParams<LIMBS>> = OnceLock::new();
    *PARAMS.get_or_init(|| {
        let modulus: Option<Odd<U3072>> = Odd::new(to_uint(n())).into();
        MontyParams::new_vartime(modulus.unwrap_or_else(|| unreachable!("N is odd")))
    })
}

/// Copies an integer below 2^3072 into a fixed-size integer.
fn to_uint(value: &BigUint) -> U3072 {
    let bytes = value.to_bytes_be();
    debug_assert!(bytes.len() <= BYTES);
    let mut padded = [0u8; BYTES];
    padded[BYTES - bytes.len()..].copy_from_slice(&bytes);
    U3072::from_be_slice(&padded)
}

fn from_uint(value: &U3072) -> BigUint {
    let mut bytes = Vec::with_capacity(BYTES);
    for word in value.as_words().iter().rev() {
        bytes.extend_from_slice(&word.to_be_bytes());
    }
    BigUint::from_bytes_be(&bytes)
}

/// `base^exp mod N`, where `exp < 2^exp_bits` and `exp_bits <= 3072`.
pub(crate) fn pow_mod_n(base: &BigUint, exp: &BigUint, exp_bits: u32) -> BigUint {
    let base = MontyForm::new(&to_uint(&(base % n())), params());
    from_uint(&base.pow_bounded_exp(&to_uint(exp), exp_bits).retrieve())
}

/// `g^exp mod N` for g = 2: per exponent bit one Montgomery squaring and a constant-time
/// choice of the doubled value, with no table and no general multiplication.
pub(crate) fn pow_g(exp: &BigUint, exp_bits: u32) -> BigUint {
    let mut acc = MontyForm::one(params());
    for i in (0..u64::from(exp_bits)).rev() {
        acc = acc.square();
        let doubled = acc.double();
        acc = MontyForm::conditional_select(&acc, &doubled, Choice::from(u8::from(exp.bit(i))));
    }
    from_uint(&acc.retrieve())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_num_bigint() {
        let base = BigUint::parse_bytes(b"1234567890abcdef1234567890abcdef", 16).unwrap();
        let exp = BigUint::parse_bytes(b"fedcba9876543210fedcba9876543210ff", 16).unwrap();
        assert_eq!(pow_mod_n(&base, &exp, 300), base.modpow(&exp, n()));
        let two = BigUint::from(2u8);
        assert_eq!(pow_g(&exp, 300), two.modpow(&exp, n()));
        assert_eq!(pow_g(&BigUint::from(0u8), 8), BigUint::from(1u8));
    }

    #[test]
    fn reduces_bases_above_n() {
        let base = n() + BigUint::from(5u8);
        let exp = BigUint::from(3u8);
        assert_eq!(pow_mod_n(&base, &exp, 2), BigUint::from(125u8));
    }
}
