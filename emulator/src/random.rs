//! The operating system's randomness (getrandom), the only source the emulator uses for codes,
//! salts, SRP secrets and keys.

/// Fills `buf` with OS randomness.
pub fn fill(buf: &mut [u8]) {
    getrandom::fill(buf).unwrap_or_else(|e| panic!("the OS random source failed: {e}"));
}

/// `n` random bytes.
pub fn bytes(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    fill(&mut v);
    v
}

/// A random version-4 UUID.
pub fn uuid() -> String {
    let mut b = [0u8; 16];
    fill(&mut b);
    uuid_from(b)
}

/// A version-4 UUID made from 16 given bytes (random, or a hash for a stable id).
pub fn uuid_from(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A six-digit code, uniformly drawn.
pub fn code() -> String {
    loop {
        let mut b = [0u8; 4];
        fill(&mut b);
        let n = u32::from_le_bytes(b);
        // Reject the tail above the largest multiple of 10^6 so every code is equally likely.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// An RNG for the rsa crate's key generation, backed by [`fill`].
pub struct OsRng;

impl rsa::rand_core::RngCore for OsRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        fill(&mut b);
        u32::from_le_bytes(b)
    }
    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        fill(&mut b);
        u64::from_le_bytes(b)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        fill(dest);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        fill(dest);
        Ok(())
    }
}

impl rsa::rand_core::CryptoRng for OsRng {}
