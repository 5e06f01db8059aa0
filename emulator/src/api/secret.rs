//! SECRET_HASH checks for app clients that have a secret.

use cognito_protocol::secret_hash::secret_hash;

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
    if given != Some(want.as_str()) {
        return Err(ApiError::not_authorized(format!(
            "Unable to verify secret hash for client {}",
            client.config.id
        )));
    }
    Ok(())
}
