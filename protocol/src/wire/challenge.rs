//! Reading the `ChallengeParameters` of the challenges the widget answers.

use std::collections::BTreeMap;

use crate::json::{self, Map, Value};

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
    parameters: &Map<String>,
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
pub fn required_attributes(parameters: &Map<String>) -> Result<Vec<String>, CognitoError> {
    let Some(text) = parameters.get("requiredAttributes") else {
        return Ok(Vec::new());
    };
    let bad = |why: String| CognitoError::malformed(format!("requiredAttributes: {why}"));
    let names = json::parse(text).map_err(|e| bad(e.to_string()))?;
    let names = names.as_array().ok_or_else(|| bad("not a list".into()))?;
    names
        .iter()
        .map(|name| {
            let name = name
                .as_str()
                .ok_or_else(|| bad("a name is not text".into()))?;
            Ok(name
                .strip_prefix(ATTRIBUTE_PREFIX)
                .unwrap_or(name)
                .to_owned())
        })
        .collect()
}

/// The user's current attributes from the JSON-object string `userAttributes` of a
/// `NEW_PASSWORD_REQUIRED` challenge. Values are strings on the wire; any other JSON value is
/// kept as its JSON text, and `null` is dropped.
pub fn user_attributes(parameters: &Map<String>) -> Result<BTreeMap<String, String>, CognitoError> {
    let Some(text) = parameters.get("userAttributes") else {
        return Ok(BTreeMap::new());
    };
    let bad = |why: String| CognitoError::malformed(format!("userAttributes: {why}"));
    let Value::Object(object) = json::parse(text).map_err(|e| bad(e.to_string()))? else {
        return Err(bad("not an object".into()));
    };
    let mut attributes = BTreeMap::new();
    for (name, value) in object {
        match value {
            Value::Null => {}
            Value::String(s) => {
                attributes.insert(name, s);
            }
            other => {
                attributes.insert(name, other.to_string());
            }
        }
    }
    Ok(attributes)
}
