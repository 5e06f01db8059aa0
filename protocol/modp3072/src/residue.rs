//! The hot path: exponentiation modulo N in a fixed-size Montgomery form, with two limb
//! layouts behind one interface ([`crate::backend::Backend`]; num-bigint's `modpow` allocates
//! per step and is several times slower):
//!
//! - `fips28` for WebAssembly, which has no 64×64→128 multiply: 28-bit limbs whose products
//!   can be summed a whole column at a time before one carry;
//! - `fios64` for 64-bit native targets (the emulator): 64-bit limbs and 128-bit products.
//!
//! Exponent lengths passed in are public bounds (sizes, not values), so timing reveals only
//! them; within a length, loops, table look-ups and subtractions do not depend on secret bits.
//! Choices on secret bits go through `subtle`, whose optimisation barrier keeps the compiler
//! from turning a mask back into a branch.

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use crate::backend::Backend;
use crate::int::Int;
use crate::{Active, MAX_INPUT_BITS};

/// Longest exponent bound [`Residue::pow`] and [`Residue::pow_g`] take, in bits (the
/// client's a + u·x with a of 256 bytes has 2049).
pub const MAX_EXPONENT_BITS: u32 = 4096;

/// A value longer than [`MAX_INPUT_BITS`]: [`Residue::new`] would otherwise reduce a
/// different number on each limb layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooWide;

/// A value modulo N in Montgomery form: what the client's S is computed in, so that no
/// general bignum is needed in the browser. Wiped when dropped.
#[derive(Clone)]
pub struct Residue(<Active as Backend>::Limbs);

impl Drop for Residue {
    fn drop(&mut self) {
        self.0.as_mut().zeroize();
    }
}

impl Residue {
    /// `value mod N`, for any value below 2^[`MAX_INPUT_BITS`].
    pub fn new(value: &Int) -> Result<Self, TooWide> {
        if value.bits() > MAX_INPUT_BITS {
            return Err(TooWide);
        }
        Ok(Self(Active::to_montgomery(value)))
    }

    /// The value, fully reduced below N.
    pub fn value(&self) -> Int {
        Active::retrieve(&self.0)
    }

    /// self · other mod N.
    pub fn mul(&self, other: &Self) -> Self {
        Self(Active::mont_mul(&self.0, &other.0))
    }

    /// self − other mod N.
    pub fn sub(&self, other: &Self) -> Self {
        Self(Active::sub_mod(&self.0, &other.0))
    }

    /// self^exp mod N for `exp < 2^exp_bits`, with a fixed 4-bit window.
    ///
    /// # Panics
    /// When `exp` has more than `exp_bits` bits or `exp_bits` exceeds [`MAX_EXPONENT_BITS`]:
    /// the bound is the caller's, and a shorter one would silently give another result.
    pub fn pow(&self, exp: &Int, exp_bits: u32) -> Self {
        Self(pow::<Active>(&self.0, exp, exp_bits))
    }

    /// g^exp mod N for g = 2 and `exp < 2^exp_bits`. Exponents of up to 258 bits go through
    /// the comb; longer ones take per bit one squaring and a constant-time choice of the
    /// double.
    ///
    /// # Panics
    /// As [`Residue::pow`].
    pub fn pow_g(exp: &Int, exp_bits: u32) -> Self {
        Self(pow_g_with::<Active>(exp, exp_bits))
    }
}

fn check_exponent(exp: &Int, exp_bits: u32) {
    assert!(
        exp_bits <= MAX_EXPONENT_BITS && exp.bits() <= exp_bits,
        "an exponent longer than its stated bound"
    );
}

/// base^exp in layout `B`, with a fixed 4-bit window.
pub(crate) fn pow<B: Backend>(base: &B::Limbs, exp: &Int, exp_bits: u32) -> B::Limbs {
    check_exponent(exp, exp_bits);
    let mut table = vec![B::one(); 16];
    for j in 1..16 {
        table[j] = B::mont_mul(&table[j - 1], base);
    }
    let mut acc = B::one();
    for w in (0..exp_bits.div_ceil(4)).rev() {
        for _ in 0..4 {
            acc = B::mont_sqr(&acc);
        }
        let index = (0..4).fold(0, |idx, b| idx | (exp.bit(w * 4 + b) << b));
        acc = B::mont_mul(&acc, &select::<B>(&table, index));
    }
    for entry in &mut table {
        entry.as_mut().zeroize();
    }
    acc
}

/// g^exp in layout `B`.
pub(crate) fn pow_g_with<B: Backend>(exp: &Int, exp_bits: u32) -> B::Limbs {
    check_exponent(exp, exp_bits);
    if exp_bits <= COMB_BITS {
        let table = B::comb().get_or_init(comb_table::<B>);
        let mut acc = B::one();
        for column in (0..COMB_COLUMNS).rev() {
            acc = B::mont_sqr(&acc);
            let index = (0..COMB_ROWS).fold(0, |idx, row| {
                idx | (exp.bit(row * COMB_COLUMNS + column) << row)
            });
            acc = B::mont_mul(&acc, &select::<B>(table, index));
        }
        return acc;
    }
    let mut acc = B::one();
    for i in (0..exp_bits).rev() {
        acc = B::mont_sqr(&acc);
        let doubled = B::double(&acc);
        let bit = Choice::from(exp.bit(i) as u8);
        for (a, d) in acc.as_mut().iter_mut().zip(doubled.as_ref()) {
            a.conditional_assign(d, bit);
        }
    }
    acc
}

/// Reads every table entry and keeps the one at `index`, so the access pattern is fixed.
fn select<B: Backend>(table: &[B::Limbs], index: u64) -> B::Limbs {
    let mut out = table[0];
    for (j, entry) in table.iter().enumerate().skip(1) {
        let hit = (j as u64).ct_eq(&index);
        for (o, e) in out.as_mut().iter_mut().zip(entry.as_ref()) {
            o.conditional_assign(e, hit);
        }
    }
    out
}

/// `base^exp mod N` for `base < 2^MAX_INPUT_BITS` and `exp < 2^exp_bits`.
///
/// # Panics
/// As [`Residue::pow`].
pub fn pow_mod_n(base: &Int, exp: &Int, exp_bits: u32) -> Result<Int, TooWide> {
    Ok(Residue::new(base)?.pow(exp, exp_bits).value())
}

/// Rows of the fixed-base comb for g: 2^6 table entries, ⌈bits/6⌉ squarings.
const COMB_ROWS: u32 = 6;
/// Exponents up to this many bits (every 256-bit secret and hash) use the comb.
const COMB_BITS: u32 = 258;
const COMB_COLUMNS: u32 = COMB_BITS.div_ceil(COMB_ROWS);

/// The comb table for g = 2: entry j is the product of g^(2^(i·columns)) over the bits i of j.
/// Made once per layout (about 500 multiplications), then every g^e with e < 2^258 costs 43
/// squarings and 43 multiplications instead of 256 squarings.
fn comb_table<B: Backend>() -> Vec<B::Limbs> {
    let mut rows = Vec::with_capacity(COMB_ROWS as usize);
    let mut power = B::double(&B::one()); // g = 2
    for _ in 0..COMB_ROWS {
        rows.push(power);
        for _ in 0..COMB_COLUMNS {
            power = B::mont_sqr(&power);
        }
    }
    let mut table = vec![B::one(); 1 << COMB_ROWS];
    for j in 1..table.len() {
        let top = usize::BITS - 1 - j.leading_zeros();
        table[j] = B::mont_mul(&table[j & !(1 << top)], &rows[top as usize]);
    }
    table
}

/// `g^exp mod N` for g = 2.
///
/// # Panics
/// As [`Residue::pow`].
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
        big(&pow_mod_n(&int(base), &int(exp), bits).unwrap())
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
    fn refuses_values_wider_than_the_limbs() {
        let widest = (BigUint::from(1u8) << MAX_INPUT_BITS) - 1u8;
        let value = Residue::new(&int(&widest)).unwrap().value();
        assert_eq!(big(&value), &widest % n());
        let wider = BigUint::from(1u8) << MAX_INPUT_BITS;
        assert_eq!(Residue::new(&int(&wider)).err(), Some(TooWide));
        assert_eq!(pow_mod_n(&int(&wider), &int(&1u8.into()), 1), Err(TooWide));
    }

    // A shorter bound than the exponent's length would silently drop its high bits.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    #[should_panic(expected = "longer than its stated bound")]
    fn pow_refuses_an_exponent_longer_than_its_bound() {
        let base = Residue::new(&int(&3u8.into())).unwrap();
        base.pow(&int(&BigUint::from(0x1_0000u32)), 16);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    #[should_panic(expected = "longer than its stated bound")]
    fn pow_g_refuses_an_exponent_longer_than_its_bound() {
        Residue::pow_g(&int(&BigUint::from(0x1ffu32)), 8);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    #[should_panic(expected = "longer than its stated bound")]
    fn pow_refuses_a_bound_above_the_maximum() {
        Residue::pow_g(&int(&1u8.into()), MAX_EXPONENT_BITS + 1);
    }

    /// splitmix64: the cases are the same on every run and every target.
    struct Cases(u64);

    impl Cases {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, bound: u64) -> u64 {
            self.next() % bound
        }

        /// A value of exactly `bits` bits (top bit set), or 0 for 0 bits.
        fn exactly(&mut self, bits: u32) -> BigUint {
            if bits == 0 {
                return BigUint::default();
            }
            let bytes: Vec<u8> = (0..bits.div_ceil(8)).map(|_| self.next() as u8).collect();
            let value = BigUint::from_bytes_be(&bytes) % (BigUint::from(1u8) << (bits - 1));
            value + (BigUint::from(1u8) << (bits - 1))
        }

        /// The exponents the fixed lists missed: 0, 1, all ones, the comb's hand-over at
        /// 255 to 260 bits, 1024 bits and more, and small ones.
        fn exponent(&mut self) -> BigUint {
            let ones = |bits: u32| (BigUint::from(1u8) << bits) - 1u8;
            match self.below(7) {
                0 => BigUint::from(self.below(2)),
                1 => ones([1, 4, 255, 256, 258, 259, 260, 1024, 2049][self.below(9) as usize]),
                2 | 3 => {
                    let bits = 255 + self.below(6) as u32;
                    self.exactly(bits)
                }
                4 | 5 => {
                    let bits = 1024 + self.below(1026) as u32;
                    self.exactly(bits)
                }
                _ => {
                    let bits = self.below(65) as u32;
                    self.exactly(bits)
                }
            }
        }

        /// Bases 0, 1, N − 1, in [N, 2N), below N and up to the widest input.
        fn base(&mut self) -> BigUint {
            match self.below(7) {
                0 => BigUint::from(self.below(2)),
                1 => n() - 1u8,
                2 => n() + BigUint::from(self.below(3)),
                3 => n() * 2u8 - 1u8,
                4 => {
                    let bits = 3071 - self.below(8) as u32;
                    n() + self.exactly(bits)
                }
                5 => {
                    let bits = 1 + self.below(3072) as u32;
                    self.exactly(bits) % n()
                }
                _ => {
                    let bits = 3073 + self.below(u64::from(MAX_INPUT_BITS) - 3072) as u32;
                    self.exactly(bits)
                }
            }
        }
    }

    /// `pow` and `pow_g` in layout `B` against num-bigint.
    fn check<B: Backend>(case: usize, base: &BigUint, exp: &BigUint, bits: u32) {
        let limbs = B::to_montgomery(&int(base));
        let got = B::retrieve(&pow::<B>(&limbs, &int(exp), bits));
        assert_eq!(big(&got), base.modpow(exp, n()), "case {case}: pow");
        let got = B::retrieve(&pow_g_with::<B>(&int(exp), bits));
        let want = BigUint::from(2u8).modpow(exp, n());
        assert_eq!(big(&got), want, "case {case}: pow_g, {bits}-bit bound");
    }

    #[test]
    fn agrees_with_num_bigint_on_generated_bases_and_exponents() {
        let count = if cfg!(target_arch = "wasm32") {
            160
        } else {
            600
        };
        let mut cases = Cases(0x6d6f_6470_3330_3732);
        for case in 0..count {
            let (base, exp) = (cases.base(), cases.exponent());
            // The bound: the exponent's own length, or up to 7 bits more.
            let bits = (exp.bits() as u32 + cases.below(8) as u32).min(MAX_EXPONENT_BITS);
            check::<Active>(case, &base, &exp, bits);
            // Natively the browser's layout runs too.
            #[cfg(not(target_arch = "wasm32"))]
            check::<crate::fips28::Fips28>(case, &base, &exp, bits);
        }
    }
}
