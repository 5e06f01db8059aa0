//! [`Int`]: a non-negative integer as minimal big-endian bytes, which is how SRP hashes, prints
//! and exchanges its numbers. The client's arithmetic needs no general bignum beyond this: the
//! modular work is [`crate::Residue`], and the one plain product (u·x) is [`Int::mul_add`].

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// Text that is not a non-empty run of hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotHex;

/// A non-negative integer; no leading zero bytes (zero has none at all).
///
/// Some are secrets (the client's `a`, x, S, the server's `b`), so every one is wiped when
/// dropped, compares in time that depends only on the lengths, and prints only its length.
#[derive(Clone, Default)]
pub struct Int(Vec<u8>);

impl Drop for Int {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl PartialEq for Int {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Int {}

impl Int {
    /// From big-endian bytes of any length.
    pub fn from_be_bytes(bytes: &[u8]) -> Self {
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        Self(bytes[first..].to_vec())
    }

    /// Minimal big-endian bytes (empty for zero).
    pub fn as_be_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Parses hex of any length and case, without `0x` (how Cognito's SRP_A/SRP_B travel).
    pub fn parse_hex(s: &str) -> Result<Self, NotHex> {
        let digits: Zeroizing<Vec<u8>> = s
            .bytes()
            .map(|b| (b as char).to_digit(16).map(|d| d as u8))
            .collect::<Option<Vec<u8>>>()
            .filter(|d| !d.is_empty())
            .ok_or(NotHex)?
            .into();
        // An odd count starts with a lone high nibble.
        let mut bytes = Zeroizing::new(Vec::with_capacity(digits.len().div_ceil(2)));
        let (head, pairs) = digits.split_at(digits.len() % 2);
        bytes.extend(head);
        bytes.extend(pairs.chunks(2).map(|p| p[0] << 4 | p[1]));
        Ok(Self::from_be_bytes(&bytes))
    }

    /// Lower-case minimal hex (`0` for zero), as Cognito and its clients print SRP integers.
    pub fn to_hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(self.0.len() * 2);
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 || *byte >= 16 {
                out.push(HEX[usize::from(byte >> 4)] as char);
            }
            out.push(HEX[usize::from(byte & 15)] as char);
        }
        if out.is_empty() {
            out.push('0');
        }
        out
    }

    /// padHex: Java `BigInteger.toByteArray()` of a non-negative value: minimal big-endian
    /// bytes, with a leading `00` when the top bit of the first byte is set (`[0]` for zero).
    pub fn pad_hex(&self) -> Vec<u8> {
        match self.0.first() {
            Some(&b) if b < 0x80 => self.0.clone(),
            _ => [&[0u8][..], &self.0].concat(),
        }
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of significant bits.
    pub fn bits(&self) -> u32 {
        match self.0.first() {
            None => 0,
            Some(&b) => (self.0.len() as u32 - 1) * 8 + (8 - b.leading_zeros()),
        }
    }

    /// Bit `i` (0 = least significant), as 0 or 1.
    pub fn bit(&self, i: u32) -> u64 {
        let byte = (i / 8) as usize;
        if byte >= self.0.len() {
            return 0;
        }
        u64::from(self.0[self.0.len() - 1 - byte] >> (i % 8) & 1)
    }

    /// a + u·x, schoolbook on 32-bit words (the exponent of the client's S).
    pub fn mul_add(a: &Int, u: &Int, x: &Int) -> Int {
        let (a, u, x) = (words(&a.0), words(&u.0), words(&x.0));
        let mut acc = Zeroizing::new(vec![0u32; (u.len() + x.len()).max(a.len()) + 1]);
        for (i, &ui) in u.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &xj) in x.iter().enumerate() {
                let t = u64::from(acc[i + j]) + u64::from(ui) * u64::from(xj) + carry;
                acc[i + j] = t as u32;
                carry = t >> 32;
            }
            acc[i + x.len()] = carry as u32;
        }
        let mut carry = 0u64;
        for (k, slot) in acc.iter_mut().enumerate() {
            let t = u64::from(*slot) + u64::from(a.get(k).copied().unwrap_or(0)) + carry;
            *slot = t as u32;
            carry = t >> 32;
        }
        let bytes: Zeroizing<Vec<u8>> = acc
            .iter()
            .rev()
            .flat_map(|w| w.to_be_bytes())
            .collect::<Vec<u8>>()
            .into();
        Int::from_be_bytes(&bytes)
    }
}

/// Big-endian bytes → little-endian 32-bit words.
fn words(be: &[u8]) -> Zeroizing<Vec<u32>> {
    be.rchunks(4)
        .map(|chunk| chunk.iter().fold(0u32, |w, &b| w << 8 | u32::from(b)))
        .collect::<Vec<u32>>()
        .into()
}

/// The length only: the value may be a secret. [`Int::to_hex`] prints public ones.
impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Int({} bits)", self.bits())
    }
}

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::tests::{big, int};

    #[test]
    fn hex_agrees_with_num_bigint() {
        for text in [
            "0", "00", "7", "abc", "ABC", "0f00", "80", "ff", "0000ff01", "1234567",
        ] {
            let ours = Int::parse_hex(text).unwrap();
            let theirs = BigUint::parse_bytes(text.as_bytes(), 16).unwrap();
            assert_eq!(big(&ours), theirs, "{text}");
            assert_eq!(ours.to_hex(), theirs.to_str_radix(16), "{text}");
            assert_eq!(ours.bits() as u64, theirs.bits(), "{text}");
            for i in 0..40 {
                assert_eq!(ours.bit(i) == 1, theirs.bit(u64::from(i)), "{text} bit {i}");
            }
        }
        for bad in ["", "0x12", "-12", "12 ", "g"] {
            assert_eq!(Int::parse_hex(bad), Err(NotHex));
        }
    }

    #[test]
    fn debug_prints_the_length_not_the_value() {
        let secret = Int::parse_hex("c0ffee").unwrap();
        assert_eq!(format!("{secret:?}"), "Int(24 bits)");
    }

    #[test]
    fn equality_is_by_value() {
        let a = Int::parse_hex("00ff01").unwrap();
        assert_eq!(a, Int::from_be_bytes(&[0xff, 1]));
        assert_ne!(a, Int::from_be_bytes(&[0xff, 2]));
        assert_ne!(a, Int::from_be_bytes(&[1, 0xff, 1]));
        assert_eq!(Int::default(), Int::from_be_bytes(&[0, 0]));
    }

    #[test]
    fn pad_hex_is_javas_to_byte_array() {
        let pad = |hex| Int::parse_hex(hex).unwrap().pad_hex();
        assert_eq!(pad("0"), vec![0]);
        assert_eq!(pad("7f"), vec![0x7f]);
        assert_eq!(pad("80"), vec![0, 0x80]);
        assert_eq!(pad("0123"), vec![0x01, 0x23]);
    }

    #[test]
    fn mul_add_agrees_with_num_bigint() {
        let mut seed = BigUint::from(0x9e37_79b9_7f4a_7c15u64);
        for i in 0..60u32 {
            seed = (&seed * &seed + 977u32) % (BigUint::from(1u8) << 2100u32);
            let a = &seed >> (i * 31 % 2048);
            let u = &seed >> (2100 - 256 + i % 9);
            let x = (&seed >> (i * 7)) % (BigUint::from(1u8) << (256 - i % 13));
            let got = Int::mul_add(&int(&a), &int(&u), &int(&x));
            assert_eq!(big(&got), &a + &u * &x, "{i}");
        }
        let zero = Int::default();
        assert!(Int::mul_add(&zero, &zero, &zero).is_zero());
    }
}
