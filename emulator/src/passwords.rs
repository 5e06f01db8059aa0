//! The slow salted hash kept for the password flows (USER_PASSWORD_AUTH, the admin flow):
//! PBKDF2-HMAC-SHA256, stored as `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.

use hmac::Hmac;
use sha2::Sha256;

use crate::random;

const ITERATIONS: u32 = 50_000;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn derive(password: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2::<Hmac<Sha256>>(password.as_bytes(), salt, iterations, &mut out)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    out
}

/// Hashes `password` with a fresh salt.
pub(crate) fn hash(password: &str) -> String {
    let salt = random::bytes(16);
    format!(
        "pbkdf2-sha256${ITERATIONS}${}${}",
        hex(&salt),
        hex(&derive(password, &salt, ITERATIONS))
    )
}

/// Whether `password` matches a stored hash (compared in constant time).
pub(crate) fn verify(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [_, iterations, salt, want] = parts.as_slice() else {
        return false;
    };
    let (Ok(iterations), Some(salt)) = (iterations.parse(), unhex(salt)) else {
        return false;
    };
    let got = hex(&derive(password, &salt, iterations));
    got.len() == want.len()
        && got
            .bytes()
            .zip(want.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn verifies_only_the_right_password() {
        let h = super::hash("Passw0rd!");
        assert!(super::verify("Passw0rd!", &h));
        assert!(!super::verify("passw0rd!", &h));
        assert!(!super::verify("Passw0rd!", "garbage"));
        assert_ne!(super::hash("Passw0rd!"), h, "salted");
    }
}
