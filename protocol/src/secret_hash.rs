//! `SECRET_HASH` / `SecretHash` for app clients that have a secret.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret::ClientSecret;

/// `base64(HMAC-SHA256(key = client secret, msg = username ‖ client id))`.
///
/// On `InitiateAuth` the username is the login name as sent; on `RespondToAuthChallenge` it is
/// the internal username (`USER_ID_FOR_SRP`).
pub fn secret_hash(client_secret: &ClientSecret, username: &str, client_id: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(client_secret.secret().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    crate::base64::encode(&mac.finalize().into_bytes())
}
