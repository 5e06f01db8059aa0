#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively, only its tests use it
//! Montgomery arithmetic modulo N for WebAssembly: 28-bit limbs held in `u64`.
//!
//! wasm has no 64×64→128 multiply, and a carry chain costs several instructions per limb.
//! With 28-bit limbs a 56-bit product leaves room to add up a whole column (product scanning)
//! before carrying once, and the reduction is interleaved column by column (the "finely
//! integrated product scanning" form of Montgomery multiplication). Values are kept below 2N,
//! which R = 2^3080 > 4N allows without a final subtraction per multiplication.

use std::sync::OnceLock;

use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use crate::int::Int;
use crate::n_bytes;

const BITS: u32 = 28;
const MASK: u64 = (1 << BITS) - 1;
/// Limbs per value: 110 × 28 = 3080 bits, so R = 2^3080.
const LIMBS: usize = 110;

/// A value modulo N in limb form, each limb below 2^28.
type Limbs = [u64; LIMBS];

struct Field {
    n: Limbs,
    two_n: Limbs,
    /// −N⁻¹ mod 2^28.
    n_prime: u64,
    /// R mod N: one in Montgomery form.
    one: Limbs,
}

/// N and what Montgomery multiplication needs of it, made without any bignum: R mod N is
/// 2^8 · (2^3072 − N) reduced by eight doublings, since N < 2^3072 < 2N.
fn field() -> &'static Field {
    static FIELD: OnceLock<Field> = OnceLock::new();
    FIELD.get_or_init(|| {
        let n = to_limbs(n_bytes());
        // Newton iteration for the inverse of n0 modulo 2^28 (n0 is odd).
        let mut inv: u64 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n[0].wrapping_mul(inv))) & MASK;
        }
        let mut two_pow_3072 = [0u64; LIMBS];
        two_pow_3072[3072 / BITS as usize] = 1 << (3072 % BITS);
        let mut one = subtract(&two_pow_3072, &n).0;
        for _ in 0..BITS * LIMBS as u32 - 3072 {
            one = sub_if_ge(&shift_left(&one), &n);
        }
        Field {
            two_n: shift_left(&n),
            n,
            n_prime: (MASK + 1 - inv) & MASK,
            one,
        }
    })
}

/// R² mod N (fully reduced, so that any value below R = 2^3080 times it stays in bounds),
/// which takes values into Montgomery form: the Montgomery form of 2^3080, raised from that
/// of 2 (which is 2R mod N) by squaring.
fn r2() -> &'static Limbs {
    static R2: OnceLock<Limbs> = OnceLock::new();
    R2.get_or_init(|| {
        let two = double(&field().one);
        let exponent = BITS * LIMBS as u32;
        let mut acc = field().one;
        for i in (0..u32::BITS - exponent.leading_zeros()).rev() {
            acc = mont_sqr(&acc);
            if exponent >> i & 1 == 1 {
                acc = mont_mul(&acc, &two);
            }
        }
        sub_if_ge(&acc, &field().n)
    })
}

/// The low 3080 bits of an integer as little-endian 28-bit limbs.
fn to_limbs(be: &[u8]) -> Limbs {
    let mut out = [0u64; LIMBS];
    let (mut acc, mut acc_bits, mut i) = (0u64, 0u32, 0usize);
    for &byte in be.iter().rev() {
        acc |= u64::from(byte) << acc_bits;
        acc_bits += 8;
        if acc_bits >= BITS {
            if i == LIMBS {
                return out;
            }
            out[i] = acc & MASK;
            i += 1;
            acc >>= BITS;
            acc_bits -= BITS;
        }
    }
    if i < LIMBS {
        out[i] = acc;
    }
    out
}

fn from_limbs(limbs: &Limbs) -> Int {
    let mut bytes = Zeroizing::new(Vec::with_capacity(LIMBS * 4));
    let (mut acc, mut acc_bits) = (0u64, 0u32);
    for limb in limbs {
        acc |= limb << acc_bits;
        acc_bits += BITS;
        while acc_bits >= 8 {
            bytes.push(acc as u8);
            acc >>= 8;
            acc_bits -= 8;
        }
    }
    bytes.push(acc as u8);
    bytes.reverse();
    Int::from_be_bytes(&bytes)
}

/// 2a, limbs normalised (no reduction).
fn shift_left(a: &Limbs) -> Limbs {
    let mut out = [0u64; LIMBS];
    let mut carry = 0u64;
    for i in 0..LIMBS {
        let d = (a[i] << 1) + carry;
        out[i] = d & MASK;
        carry = d >> BITS;
    }
    out
}

/// a − b and the final borrow (1 when a < b), limbs normalised.
fn subtract(a: &Limbs, b: &Limbs) -> (Limbs, u64) {
    let mut diff = [0u64; LIMBS];
    let mut borrow = 0u64;
    for i in 0..LIMBS {
        let d = a[i].wrapping_sub(b[i]).wrapping_sub(borrow);
        diff[i] = d & MASK;
        borrow = d >> 63;
    }
    (diff, borrow)
}

/// Montgomery product a·b·R⁻¹ mod N for a, b < 2N; the result is below 2N.
fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
    let f = field();
    let mut m = [0u64; LIMBS];
    let mut out = [0u64; LIMBS];
    let mut carry = 0u64;
    for k in 0..LIMBS {
        // Column k of a·b (< 110·2^56) and of m·N so far (plus the carry), kept apart so
        // neither sum can overflow.
        let ab: u64 = a[..=k]
            .iter()
            .zip(b[..=k].iter().rev())
            .map(|(x, y)| x * y)
            .sum();
        let mn: u64 = m[..k]
            .iter()
            .zip(f.n[1..=k].iter().rev())
            .map(|(x, y)| x * y)
            .sum::<u64>()
            + carry;
        let low = (ab & MASK) + (mn & MASK);
        let mk = (low * f.n_prime) & MASK;
        m[k] = mk;
        let low = low + mk * f.n[0];
        carry = (ab >> BITS) + (mn >> BITS) + (low >> BITS);
    }
    for k in LIMBS..2 * LIMBS - 1 {
        let from = k + 1 - LIMBS;
        let ab: u64 = a[from..]
            .iter()
            .zip(b[from..].iter().rev())
            .map(|(x, y)| x * y)
            .sum();
        let mn: u64 = m[from..]
            .iter()
            .zip(f.n[from..].iter().rev())
            .map(|(x, y)| x * y)
            .sum::<u64>()
            + carry;
        let low = (ab & MASK) + (mn & MASK);
        out[k - LIMBS] = low & MASK;
        carry = (ab >> BITS) + (mn >> BITS) + (low >> BITS);
    }
    out[LIMBS - 1] = carry;
    out
}

/// Montgomery square; the cross products are summed once and doubled.
fn mont_sqr(a: &Limbs) -> Limbs {
    let f = field();
    let mut m = [0u64; LIMBS];
    let mut out = [0u64; LIMBS];
    let mut carry = 0u64;
    for k in 0..2 * LIMBS - 1 {
        let from = k.saturating_sub(LIMBS - 1);
        let to = k - from; // the column pairs (i, k − i) for from ≤ i ≤ to
        let half = (to - from).div_ceil(2); // pairs below the diagonal
        let cross: u64 = a[from..from + half]
            .iter()
            .zip(a[to + 1 - half..=to].iter().rev())
            .map(|(x, y)| x * y)
            .sum();
        let diag = if k % 2 == 0 { a[k / 2] * a[k / 2] } else { 0 };
        // 2·cross + diag < 2^64: cross has at most 54 products of 56 bits.
        let ab = 2 * cross + diag;
        let mn: u64 = if k < LIMBS {
            m[..k]
                .iter()
                .zip(f.n[1..=k].iter().rev())
                .map(|(x, y)| x * y)
                .sum()
        } else {
            m[from..]
                .iter()
                .zip(f.n[from..].iter().rev())
                .map(|(x, y)| x * y)
                .sum()
        };
        let mn = mn + carry;
        let mut low = (ab & MASK) + (mn & MASK);
        if k < LIMBS {
            let mk = (low * f.n_prime) & MASK;
            m[k] = mk;
            low += mk * f.n[0];
        } else {
            out[k - LIMBS] = low & MASK;
        }
        carry = (ab >> BITS) + (mn >> BITS) + (low >> BITS);
    }
    out[LIMBS - 1] = carry;
    out
}

/// a − b when a ≥ b, else a (constant time); limbs normalised.
fn sub_if_ge(a: &Limbs, b: &Limbs) -> Limbs {
    let (mut out, borrow) = subtract(a, b);
    let keep_a = Choice::from(borrow as u8); // a < b
    for (o, a) in out.iter_mut().zip(a) {
        o.conditional_assign(a, keep_a);
    }
    out
}

/// 2a mod 2N for a < 2N.
fn double(a: &Limbs) -> Limbs {
    sub_if_ge(&shift_left(a), &field().two_n)
}

/// a − b mod 2N for a, b < 2N: (a + 2N − b), less 2N when that is still 2N or more.
fn sub_mod(a: &Limbs, b: &Limbs) -> Limbs {
    let mut sum = [0u64; LIMBS];
    let mut carry = 0u64;
    for i in 0..LIMBS {
        let d = a[i] + field().two_n[i] + carry;
        sum[i] = d & MASK;
        carry = d >> BITS;
    }
    sub_if_ge(&subtract(&sum, b).0, &field().two_n)
}

/// One in Montgomery form.
fn one() -> Limbs {
    field().one
}

/// Into Montgomery form: any integer below 2^3080 (the caller refuses longer ones).
fn to_montgomery(value: &Int) -> Limbs {
    mont_mul(&to_limbs(value.as_be_bytes()), r2())
}

/// Leaves Montgomery form and reduces fully below N.
fn retrieve(a: &Limbs) -> Int {
    let mut one = [0u64; LIMBS];
    one[0] = 1;
    from_limbs(&Zeroizing::new(sub_if_ge(&mont_mul(a, &one), &field().n)))
}

crate::backend::backend!(Fips28);

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::tests::{big, int, n};

    #[test]
    fn montgomery_operations_agree_with_num_bigint() {
        let mut x = BigUint::from(0x2545_f491_4f6c_dd1du64);
        for i in 0u32..60 {
            x = (&x * &x + 977u32) % n();
            let y = if i % 7 == 0 {
                n() - 1u8 - i
            } else {
                (&x >> (i as usize * 13)) + i
            };
            let (mx, my) = (to_montgomery(&int(&x)), to_montgomery(&int(&y)));
            assert_eq!(big(&retrieve(&mont_mul(&mx, &my))), (&x * &y) % n(), "{i}");
            assert_eq!(big(&retrieve(&mont_sqr(&mx))), (&x * &x) % n(), "{i}");
            assert_eq!(big(&retrieve(&double(&mx))), (&x * 2u8) % n(), "{i}");
            assert_eq!(
                big(&retrieve(&sub_mod(&mx, &my))),
                (&x + n() - &y % n()) % n(),
                "{i}"
            );
            assert_eq!(big(&retrieve(&one())), BigUint::from(1u8));
        }
    }

    #[test]
    fn the_field_constants_agree_with_num_bigint() {
        let r = BigUint::from(1u8) << (BITS as usize * LIMBS);
        assert_eq!(big(&from_limbs(&field().one)), &r % n());
        assert_eq!(big(&from_limbs(r2())) % n(), (&r * &r) % n());
        assert_eq!(big(&from_limbs(&field().two_n)), n() * 2u8);
    }

    #[test]
    fn limb_conversion_round_trips_and_values_up_to_2_pow_3080_reduce() {
        for v in [
            BigUint::from(0u8),
            n().clone(),
            n() * 2u8 - 1u8,
            BigUint::from(u64::MAX),
        ] {
            assert_eq!(big(&from_limbs(&to_limbs(int(&v).as_be_bytes()))), v);
        }
        let big_value = (BigUint::from(1u8) << 3080u32) - 1u8;
        assert_eq!(
            big(&retrieve(&to_montgomery(&int(&big_value)))),
            &big_value % n()
        );
    }
}
