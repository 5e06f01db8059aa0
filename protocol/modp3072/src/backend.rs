//! What a limb layout provides: Montgomery arithmetic modulo N on fixed-size limb arrays.
//! The exponentiations in [`crate::residue`] are written once over it, so that the tests run
//! them natively on both layouts, not only on the one the target uses.

use std::sync::OnceLock;

use crate::int::Int;

/// One limb layout's Montgomery arithmetic modulo N.
pub(crate) trait Backend {
    /// A value modulo N in this layout's Montgomery form.
    type Limbs: Copy + AsRef<[u64]> + AsMut<[u64]> + Send + Sync + 'static;
    /// One, in Montgomery form.
    fn one() -> Self::Limbs;
    /// a·b·R⁻¹.
    fn mont_mul(a: &Self::Limbs, b: &Self::Limbs) -> Self::Limbs;
    /// a·a·R⁻¹.
    fn mont_sqr(a: &Self::Limbs) -> Self::Limbs;
    /// 2a.
    fn double(a: &Self::Limbs) -> Self::Limbs;
    /// a − b.
    fn sub_mod(a: &Self::Limbs, b: &Self::Limbs) -> Self::Limbs;
    /// Into Montgomery form, for values below 2^[`crate::MAX_INPUT_BITS`].
    fn to_montgomery(value: &Int) -> Self::Limbs;
    /// Out of Montgomery form, fully reduced below N.
    fn retrieve(a: &Self::Limbs) -> Int;
    /// The fixed-base comb table for g, made once per layout.
    fn comb() -> &'static OnceLock<Vec<Self::Limbs>>;
}

/// Implements [`Backend`] for a layout module's free functions.
macro_rules! backend {
    ($name:ident) => {
        /// This module's limb layout, as a [`crate::backend::Backend`].
        pub(crate) struct $name;

        impl crate::backend::Backend for $name {
            type Limbs = Limbs;
            fn one() -> Limbs {
                one()
            }
            fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
                mont_mul(a, b)
            }
            fn mont_sqr(a: &Limbs) -> Limbs {
                mont_sqr(a)
            }
            fn double(a: &Limbs) -> Limbs {
                double(a)
            }
            fn sub_mod(a: &Limbs, b: &Limbs) -> Limbs {
                sub_mod(a, b)
            }
            fn to_montgomery(value: &crate::int::Int) -> Limbs {
                to_montgomery(value)
            }
            fn retrieve(a: &Limbs) -> crate::int::Int {
                retrieve(a)
            }
            fn comb() -> &'static std::sync::OnceLock<Vec<Limbs>> {
                static TABLE: std::sync::OnceLock<Vec<Limbs>> = std::sync::OnceLock::new();
                &TABLE
            }
        }
    };
}
pub(crate) use backend;
