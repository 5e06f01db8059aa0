//! SECRET_HASH checks for app clients that have a secret.

use cognito_protocol::secret_hash::secret_hash;
use subtle::ConstantTimeEq;

use super::error::ApiError;
use crate::template::LoadedClient;

/// Refuses a missing or wrong hash when the client has a secret (the hash covers `username`).
pub(crate) fn check_secret_hash(
    client: &LoadedClient,
    given: Option<&str>,
    username: &str,
) -> Result<(), ApiError> {
    let Some(secret) = &client.secret else {
        return Ok(());
    };
    let want = secret_hash(secret, username, &client.config.id);
    // In constant time: how long a refusal takes says nothing about the right hash.
    let right = given.is_some_and(|given| bool::from(given.as_bytes().ct_eq(want.as_bytes())));
    if !right {
        return Err(ApiError::not_authorized(format!(
            "Unable to verify secret hash for client {}",
            client.config.id
        )));
    }
    Ok(())
}
