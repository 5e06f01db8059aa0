//! Montgomery arithmetic modulo N for 64-bit native targets: 48 limbs of 64 bits, 128-bit
//! products, R = 2^3072, in the finely integrated operand scanning (FIOS) form: one inner
//! loop adds both a·bᵢ and m·N (the coarse form, CIOS, runs two loops per limb of b). Values
//! stay below N: each product ends with a constant-time conditional subtraction.

use std::sync::OnceLock;

use num_bigint::BigUint;
use subtle::{Choice, ConditionallySelectable};
use zeroize::Zeroizing;

use crate::int::Int;
use crate::n_bytes;

const LIMBS: usize = 48;

/// A value modulo N, little-endian 64-bit limbs.
type Limbs = [u64; LIMBS];

struct Field {
    n: Limbs,
    /// −N⁻¹ mod 2^64.
    n_prime: u64,
    /// R mod N.
    one: Limbs,
    /// R² mod N.
    r2: Limbs,
}

fn modulus() -> &'static BigUint {
    static N: OnceLock<BigUint> = OnceLock::new();
    N.get_or_init(|| BigUint::from_bytes_be(n_bytes()))
}

fn field() -> &'static Field {
    static FIELD: OnceLock<Field> = OnceLock::new();
    FIELD.get_or_init(|| {
        let modulus = modulus();
        let r = BigUint::from(1u8) << (64 * LIMBS);
        let limbs = to_limbs(modulus);
        // Newton iteration for n0⁻¹ mod 2^64 (n0 is odd): each step doubles the correct bits.
        let mut inv: u64 = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(limbs[0].wrapping_mul(inv)));
        }
        Field {
            n: limbs,
            n_prime: inv.wrapping_neg(),
            one: to_limbs(&(&r % modulus)),
            r2: to_limbs(&((&r * &r) % modulus)),
        }
    })
}

fn to_limbs(value: &BigUint) -> Limbs {
    let mut out = [0u64; LIMBS];
    for (o, d) in out.iter_mut().zip(value.iter_u64_digits()) {
        *o = d;
    }
    out
}

/// a − b and the final borrow (1 when a < b).
fn subtract(a: &Limbs, b: &Limbs) -> (Limbs, u64) {
    let mut diff = [0u64; LIMBS];
    let mut borrow = 0u64;
    for i in 0..LIMBS {
        let (d1, b1) = a[i].overflowing_sub(b[i]);
        let (d2, b2) = d1.overflowing_sub(borrow);
        diff[i] = d2;
        borrow = u64::from(b1 | b2);
    }
    (diff, borrow)
}

/// `t − N` if `t ≥ N` (with `carry` the bit above `t`), else `t`, in constant time.
fn reduce_once(t: &Limbs, carry: u64) -> Limbs {
    let (diff, borrow) = subtract(t, &field().n);
    // Keep t only when it had no carry and subtracting N borrowed (t < N).
    let keep_t = Choice::from((borrow & !carry & 1) as u8);
    let mut out = diff;
    for (o, t) in out.iter_mut().zip(t) {
        o.conditional_assign(t, keep_t);
    }
    out
}

/// Montgomery product a·b·R⁻¹ mod N for a, b < N: one pass per limb of b that adds a·bᵢ and
/// m·N together (m chosen so the low limb cancels), shifting down one limb as it goes.
fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
    let f = field();
    let mut t = [0u64; LIMBS];
    let mut top = 0u64;
    for &bi in b.iter() {
        let first = u128::from(t[0]) + u128::from(a[0]) * u128::from(bi);
        let m = (first as u64).wrapping_mul(f.n_prime);
        let second = u128::from(first as u64) + u128::from(m) * u128::from(f.n[0]);
        let mut c1 = (first >> 64) as u64;
        let mut c2 = (second >> 64) as u64;
        for j in 1..LIMBS {
            let p = u128::from(t[j]) + u128::from(a[j]) * u128::from(bi) + u128::from(c1);
            let q = u128::from(p as u64) + u128::from(m) * u128::from(f.n[j]) + u128::from(c2);
            t[j - 1] = q as u64;
            c1 = (p >> 64) as u64;
            c2 = (q >> 64) as u64;
        }
        let s = u128::from(top) + u128::from(c1) + u128::from(c2);
        t[LIMBS - 1] = s as u64;
        top = (s >> 64) as u64;
    }
    reduce_once(&t, top)
}

/// Montgomery square. (A separate squaring with halved cross products measured no faster
/// here: the extra pass over memory ate the saved multiplications.)
fn mont_sqr(a: &Limbs) -> Limbs {
    mont_mul(a, a)
}

/// 2a mod N for a < N.
fn double(a: &Limbs) -> Limbs {
    let mut out = [0u64; LIMBS];
    let mut carry = 0u64;
    for i in 0..LIMBS {
        out[i] = (a[i] << 1) | carry;
        carry = a[i] >> 63;
    }
    reduce_once(&out, carry)
}

/// One in Montgomery form.
fn one() -> Limbs {
    field().one
}

/// a − b mod N for a, b < N.
fn sub_mod(a: &Limbs, b: &Limbs) -> Limbs {
    let n = &field().n;
    let (mut diff, borrow) = subtract(a, b);
    // On a borrow, add N back (constant time: N or zero).
    let borrowed = Choice::from(borrow as u8);
    let mut carry = 0u64;
    for i in 0..LIMBS {
        let add = u64::conditional_select(&0, &n[i], borrowed);
        let s = u128::from(diff[i]) + u128::from(add) + u128::from(carry);
        diff[i] = s as u64;
        carry = (s >> 64) as u64;
    }
    diff
}

/// Into Montgomery form (any integer; natively the reduction may use num-bigint).
fn to_montgomery(value: &Int) -> Limbs {
    let value = BigUint::from_bytes_be(value.as_be_bytes());
    mont_mul(&to_limbs(&(value % modulus())), &field().r2)
}

/// Leaves Montgomery form.
fn retrieve(a: &Limbs) -> Int {
    let mut one = [0u64; LIMBS];
    one[0] = 1;
    let plain = Zeroizing::new(mont_mul(a, &one));
    let bytes = Zeroizing::new(
        plain
            .iter()
            .rev()
            .flat_map(|d| d.to_be_bytes())
            .collect::<Vec<u8>>(),
    );
    Int::from_be_bytes(&bytes)
}

crate::backend::backend!(Fios64);
