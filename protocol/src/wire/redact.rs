//! Blanks the secret members of a request body so that it can be logged.

use crate::json::Value;

/// Members whose values are passwords, tokens, keys or codes, wherever they are nested.
const SECRET_KEYS: [&str; 20] = [
    "PASSWORD",
    "Password",
    "NEW_PASSWORD",
    "ProposedPassword",
    "PreviousPassword",
    "AccessToken",
    "IdToken",
    "RefreshToken",
    "REFRESH_TOKEN",
    "Token",
    "ClientSecret",
    "SECRET_HASH",
    "SecretHash",
    // One-time codes: a code in a log could be used before the user types it.
    "ConfirmationCode",
    "Code",
    "UserCode",
    "SMS_MFA_CODE",
    "SOFTWARE_TOKEN_MFA_CODE",
    "EMAIL_OTP_CODE",
    "SecretCode",
];

/// What a log may show of a body: a copy with every secret member's value, whatever its type,
/// replaced by `"[redacted]"`.
pub(crate) fn redacted(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, inner)| {
                    let shown = if SECRET_KEYS.contains(&key.as_str()) {
                        Value::String("[redacted]".to_owned())
                    } else {
                        redacted(inner)
                    };
                    (key.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redacted).collect()),
        other => other.clone(),
    }
}
