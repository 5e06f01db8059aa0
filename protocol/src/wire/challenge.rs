//! Reading the `ChallengeParameters` of the challenges the widget answers.

use std::collections::BTreeMap;

use serde_json::Value;

use super::error::CognitoError;
use crate::srp::PasswordVerifierChallenge;

/// The SRP challenge that follows `USER_SRP_AUTH`.
pub const PASSWORD_VERIFIER: &str = "PASSWORD_VERIFIER";
/// The challenge for a user created by an administrator with a temporary password.
pub const NEW_PASSWORD_REQUIRED: &str = "NEW_PASSWORD_REQUIRED";

/// The prefix Cognito puts on attribute names in `requiredAttributes` and in answers.
const ATTRIBUTE_PREFIX: &str = "userAttributes.";

/// `SALT`, `SRP_B`, `SECRET_BLOCK` and `USER_ID_FOR_SRP` of a `PASSWORD_VERIFIER` challenge.
pub fn password_verifier(
    parameters: &BTreeMap<String, String>,
) -> Result<PasswordVerifierChallenge, CognitoError> {
    let get = |key: &str| {
        parameters.get(key).cloned().ok_or_else(|| {
            CognitoError::malformed(format!("{PASSWORD_VERIFIER} challenge without {key}"))
        })
    };
    Ok(PasswordVerifierChallenge {
        salt: get("SALT")?,
        srp_b: get("SRP_B")?,
        secret_block: get("SECRET_BLOCK")?,
        user_id_for_srp: get("USER_ID_FOR_SRP")?,
    })
}

/// The bare names (`given_name`) of the attributes a `NEW_PASSWORD_REQUIRED` answer must set,
/// from the JSON-array string `requiredAttributes` (`["userAttributes.given_name"]`); empty
/// when the parameter is absent.
pub fn required_attributes(
    parameters: &BTreeMap<String, String>,
) -> Result<Vec<String>, CognitoError> {
    let Some(text) = parameters.get("requiredAttributes") else {
        return Ok(Vec::new());
    };
    let names: Vec<String> = serde_json::from_str(text)
        .map_err(|e| CognitoError::malformed(format!("requiredAttributes: {e}")))?;
    Ok(names
        .into_iter()
        .map(|name| match name.strip_prefix(ATTRIBUTE_PREFIX) {
            Some(bare) => bare.to_owned(),
            None => name,
        })
        .collect())
}

/// The user's current attributes from the JSON-object string `userAttributes` of a
/// `NEW_PASSWORD_REQUIRED` challenge. Values are strings on the wire; any other JSON value is
/// kept as its JSON text, and `null` is dropped.
pub fn user_attributes(
    parameters: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, CognitoError> {
    let Some(text) = parameters.get("userAttributes") else {
        return Ok(BTreeMap::new());
    };
    let object: serde_json::Map<String, Value> = serde_json::from_str(text)
        .map_err(|e| CognitoError::malformed(format!("userAttributes: {e}")))?;
    Ok(object
        .into_iter()
        .filter_map(|(name, value)| match value {
            Value::Null => None,
            Value::String(s) => Some((name, s)),
            other => Some((name, other.to_string())),
        })
        .collect())
}
