//! The hot path: exponentiation modulo N in a fixed-size Montgomery form, with two limb
//! layouts behind one interface (num-bigint's `modpow` allocates per step and is several times
//! slower):
//!
//! - `fips28` for WebAssembly, which has no 64×64→128 multiply: 28-bit limbs whose products
//!   can be summed a whole column at a time before one carry;
//! - `cios64` for 64-bit native targets (the emulator): 64-bit limbs and 128-bit products.
//!
//! Exponent lengths passed in are public bounds (sizes, not values), so timing reveals only
//! them; within a length, loops, table look-ups and subtractions do not depend on secret bits.

use crate::backend::{double, mont_mul, mont_sqr, one, retrieve, sub_mod, to_montgomery, Limbs};

use crate::int::Int;

/// A value modulo N in Montgomery form: what the client's S is computed in, so that no
/// general bignum is needed in the browser.
#[derive(Clone)]
pub struct Residue(Limbs);

impl Residue {
    /// `value mod N`, for any value below 2^3080.
    pub fn new(value: &Int) -> Self {
        Self(to_montgomery(value))
    }

    /// The value, fully reduced below N.
    pub fn value(&self) -> Int {
        retrieve(&self.0)
    }

    /// self · other mod N.
    pub fn mul(&self, other: &Self) -> Self {
        Self(mont_mul(&self.0, &other.0))
    }

    /// self − other mod N.
    pub fn sub(&self, other: &Self) -> Self {
        Self(sub_mod(&self.0, &other.0))
    }

    /// self^exp mod N for `exp < 2^exp_bits`, with a fixed 4-bit window.
    pub fn pow(&self, exp: &Int, exp_bits: u32) -> Self {
        let mut table = vec![one(); 16];
        for j in 1..16 {
            table[j] = mont_mul(&table[j - 1], &self.0);
        }
        let mut acc = one();
        for w in (0..exp_bits.div_ceil(4)).rev() {
            for _ in 0..4 {
                acc = mont_sqr(&acc);
            }
            let index = (0..4).fold(0, |idx, b| idx | (exp.bit(w * 4 + b) << b));
            acc = mont_mul(&acc, &select(&table, index));
        }
        Self(acc)
    }

    /// g^exp mod N for g = 2. Exponents of up to 258 bits go through the comb; longer ones
    /// take per bit one squaring and a constant-time choice of the double.
    pub fn pow_g(exp: &Int, exp_bits: u32) -> Self {
        if exp_bits <= COMB_BITS {
            let table = comb_table();
            let mut acc = one();
            for column in (0..COMB_COLUMNS).rev() {
                acc = mont_sqr(&acc);
                let index = (0..COMB_ROWS).fold(0, |idx, row| {
                    idx | (exp.bit(row * COMB_COLUMNS + column) << row)
                });
                acc = mont_mul(&acc, &select(table, index));
            }
            return Self(acc);
        }
        let mut acc = one();
        for i in (0..exp_bits).rev() {
            acc = mont_sqr(&acc);
            let doubled = double(&acc);
            let mask = exp.bit(i).wrapping_neg();
            for (a, d) in acc.iter_mut().zip(doubled) {
                *a = (*a & !mask) | (d & mask);
            }
        }
        Self(acc)
    }
}

/// Reads every table entry and keeps the one at `index`, so the access pattern is fixed.
fn select(table: &[Limbs], index: u64) -> Limbs {
    let mut out = [0u64; crate::backend::LIMBS];
    for (j, entry) in table.iter().enumerate() {
        let mask = u64::from(j as u64 == index).wrapping_neg();
        for (o, e) in out.iter_mut().zip(entry) {
            *o |= e & mask;
        }
    }
    out
}

/// `base^exp mod N` for `exp < 2^exp_bits`.
pub fn pow_mod_n(base: &Int, exp: &Int, exp_bits: u32) -> Int {
    Residue::new(base).pow(exp, exp_bits).value()
}

/// Rows of the fixed-base comb for g: 2^6 table entries, ⌈bits/6⌉ squarings.
const COMB_ROWS: u32 = 6;
/// Exponents up to this many bits (every 256-bit secret and hash) use the comb.
const COMB_BITS: u32 = 258;
const COMB_COLUMNS: u32 = COMB_BITS.div_ceil(COMB_ROWS);

/// The comb table for g = 2: entry j is the product of g^(2^(i·columns)) over the bits i of j.
/// Made once (about 500 multiplications), then every g^e with e < 2^258 costs 43 squarings and
/// 43 multiplications instead of 256 squarings.
fn comb_table() -> &'static [Limbs] {
    static TABLE: std::sync::OnceLock<Vec<Limbs>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows = Vec::with_capacity(COMB_ROWS as usize);
        let mut power = double(&one()); // g = 2
        for _ in 0..COMB_ROWS {
            rows.push(power);
            for _ in 0..COMB_COLUMNS {
                power = mont_sqr(&power);
            }
        }
        let mut table = vec![one(); 1 << COMB_ROWS];
        for j in 1..table.len() {
            let top = usize::BITS - 1 - j.leading_zeros();
            table[j] = mont_mul(&table[j & !(1 << top)], &rows[top as usize]);
        }
        table
    })
}

/// `g^exp mod N` for g = 2.
pub fn pow_g(exp: &Int, exp_bits: u32) -> Int {
    Residue::pow_g(exp, exp_bits).value()
}

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::tests::{big, int, n};

    fn pm(base: &BigUint, exp: &BigUint, bits: u32) -> BigUint {
        big(&pow_mod_n(&int(base), &int(exp), bits))
    }

    fn pg(exp: &BigUint, bits: u32) -> BigUint {
        big(&pow_g(&int(exp), bits))
    }

    #[test]
    fn agrees_with_num_bigint() {
        let base = BigUint::parse_bytes(b"1234567890abcdef1234567890abcdef", 16).unwrap();
        let exp = BigUint::parse_bytes(b"fedcba9876543210fedcba9876543210ff", 16).unwrap();
        assert_eq!(pm(&base, &exp, 300), base.modpow(&exp, n()));
        assert_eq!(pg(&exp, 300), BigUint::from(2u8).modpow(&exp, n()));
        assert_eq!(pg(&BigUint::from(0u8), 8), BigUint::from(1u8));
        let long = (BigUint::from(1u8) << 1000u32) + 12345u32;
        assert_eq!(
            pg(&long, 1001),
            BigUint::from(2u8).modpow(&long, n()),
            "the ladder"
        );
    }

    #[test]
    fn reduces_bases_above_n() {
        let base = n() + BigUint::from(5u8);
        assert_eq!(pm(&base, &BigUint::from(3u8), 2), BigUint::from(125u8));
    }

    #[test]
    fn agrees_with_num_bigint_on_many_values() {
        // Bases near 0, near N and in between; exponents of every window size and a 1025-bit one.
        let mut x = BigUint::from(0x9e37_79b9_7f4a_7c15u64);
        for i in 0u32..40 {
            x = (&x * &x + 12345u32) % n();
            let base = if i % 5 == 0 { n() - 1u8 - i } else { x.clone() };
            let exp = (&x >> (3072 - 8 * (i + 1) as usize).min(2047)) + i;
            let bits = exp.bits() as u32;
            assert_eq!(pm(&base, &exp, bits + i % 7), base.modpow(&exp, n()), "{i}");
            assert_eq!(pg(&exp, bits), BigUint::from(2u8).modpow(&exp, n()), "{i}");
        }
    }
}
