#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively, only its tests use it
//! Montgomery arithmetic modulo N for WebAssembly: 28-bit limbs held in `u64`.
//!
//! wasm has no 64×64→128 multiply, and a carry chain costs several instructions per limb.
//! With 28-bit limbs a 56-bit product leaves room to add up a whole column (product scanning)
//! before carrying once, and the reduction is interleaved column by column (the "finely
//! integrated product scanning" form of Montgomery multiplication). Values are kept below 2N,
//! which R = 2^3080 > 4N allows without a final subtraction per multiplication.

use std::sync::OnceLock;

use num_bigint::BigUint;

use crate::srp::group::n;

const BITS: u32 = 28;
const MASK: u64 = (1 << BITS) - 1;
/// Limbs per value: 110 × 28 = 3080 bits, so R = 2^3080.
pub(super) const LIMBS: usize = 110;

/// A value modulo N in limb form, each limb below 2^28.
pub(super) type Limbs = [u64; LIMBS];

struct Field {
    n: Limbs,
    two_n: Limbs,
    /// −N⁻¹ mod 2^28.
    n_prime: u64,
    /// R mod N: one in Montgomery form.
    one: Limbs,
    /// R² mod N: converts into Montgomery form.
    r2: Limbs,
}

fn field() -> &'static Field {
    static FIELD: OnceLock<Field> = OnceLock::new();
    FIELD.get_or_init(|| {
        let modulus = n();
        let r = BigUint::from(1u8) << (BITS as usize * LIMBS);
        let n0 = to_limbs(modulus)[0];
        // Newton iteration for the inverse of n0 modulo 2^28 (n0 is odd).
        let mut inv: u64 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv))) & MASK;
        }
        Field {
            n: to_limbs(modulus),
            two_n: to_limbs(&(modulus * 2u8)),
            n_prime: (MASK + 1 - inv) & MASK,
            one: to_limbs(&(&r % modulus)),
            r2: to_limbs(&((&r * &r) % modulus)),
        }
    })
}

/// An integer below 2^3080 as little-endian 28-bit limbs.
fn to_limbs(value: &BigUint) -> Limbs {
    let mut out = [0u64; LIMBS];
    let (mut acc, mut acc_bits, mut i) = (0u64, 0u32, 0usize);
    for byte in value.to_bytes_le() {
        acc |= u64::from(byte) << acc_bits;
        acc_bits += 8;
        if acc_bits >= BITS {
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

fn from_limbs(limbs: &Limbs) -> BigUint {
    let mut bytes = Vec::with_capacity(LIMBS * 4);
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
    BigUint::from_bytes_le(&bytes)
}

/// Montgomery product a·b·R⁻¹ mod N for a, b < 2N; the result is below 2N.
pub(super) fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
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
pub(super) fn mont_sqr(a: &Limbs) -> Limbs {
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
    let mut diff = [0u64; LIMBS];
    let mut borrow = 0u64;
    for i in 0..LIMBS {
        let d = a[i].wrapping_sub(b[i]).wrapping_sub(borrow);
        diff[i] = d & MASK;
        borrow = d >> 63;
    }
    let keep_a = borrow.wrapping_neg(); // all ones when a < b
    let mut out = [0u64; LIMBS];
    for i in 0..LIMBS {
        out[i] = (a[i] & keep_a) | (diff[i] & !keep_a);
    }
    out
}

/// 2a mod 2N for a < 2N.
pub(super) fn double(a: &Limbs) -> Limbs {
    let mut out = [0u64; LIMBS];
    let mut carry = 0u64;
    for i in 0..LIMBS {
        let d = (a[i] << 1) + carry;
        out[i] = d & MASK;
        carry = d >> BITS;
    }
    sub_if_ge(&out, &field().two_n)
}

/// One in Montgomery form.
pub(super) fn one() -> Limbs {
    field().one
}

/// Into Montgomery form (any integer below 2^3080).
pub(super) fn to_montgomery(value: &num_bigint::BigUint) -> Limbs {
    mont_mul(&to_limbs(&(value % n())), &field().r2)
}

/// Leaves Montgomery form and reduces fully below N.
pub(super) fn retrieve(a: &Limbs) -> BigUint {
    let mut one = [0u64; LIMBS];
    one[0] = 1;
    from_limbs(&sub_if_ge(&mont_mul(a, &one), &field().n))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let (mx, my) = (to_montgomery(&x), to_montgomery(&y));
            assert_eq!(retrieve(&mont_mul(&mx, &my)), (&x * &y) % n(), "{i}");
            assert_eq!(retrieve(&mont_sqr(&mx)), (&x * &x) % n(), "{i}");
            assert_eq!(retrieve(&double(&mx)), (&x * 2u8) % n(), "{i}");
            assert_eq!(retrieve(&one()), BigUint::from(1u8));
        }
    }

    #[test]
    fn limb_conversion_round_trips() {
        for v in [
            BigUint::from(0u8),
            n().clone(),
            n() * 2u8 - 1u8,
            BigUint::from(u64::MAX),
        ] {
            assert_eq!(from_limbs(&to_limbs(&v)), v);
        }
    }
}
