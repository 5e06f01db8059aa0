//! Secret randomness from the browser's `crypto.getRandomValues`, the only source we accept.

use crate::error::AuthError;

/// `n` random bytes.
pub(crate) fn bytes(n: usize) -> Result<Vec<u8>, AuthError> {
    let mut out = vec![0u8; n];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| AuthError::Srp("this browser has no crypto.getRandomValues".into()))?;
    crypto
        .get_random_values_with_u8_array(&mut out)
        .map_err(|_| AuthError::Srp("crypto.getRandomValues refused".into()))?;
    Ok(out)
}
