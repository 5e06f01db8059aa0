//! Reading the ID token's claims (no verification: the browser trusts the TLS channel it got
//! them from; servers must verify against the JWKS).

use cognito_protocol::base64;
use cognito_protocol::json::{self, Map, Value};
use cognito_protocol::IdToken;

use crate::flow::Profile;

/// The claims of a JWT, or `None` if it is not one.
pub(crate) fn claims(jwt: &str) -> Option<Map> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::decode_url(payload.trim_end_matches('='))?;
    match json::parse(core::str::from_utf8(&bytes).ok()?).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Who the ID token names, with the user attributes it carries.
pub fn profile_of(id_token: &IdToken) -> Option<Profile> {
    let claims = claims(id_token.secret())?;
    let username = claims.get("cognito:username")?.as_str()?.to_owned();
    const NOT_ATTRIBUTES: &[&str] = &[
        "aud",
        "auth_time",
        "cognito:username",
        "event_id",
        "exp",
        "iat",
        "iss",
        "jti",
        "origin_jti",
        "token_use",
        "at_hash",
        "cognito:groups",
    ];
    let attributes = claims
        .iter()
        .filter(|(k, _)| !NOT_ATTRIBUTES.contains(&k.as_str()))
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Object(o) => o
                    .get("formatted")
                    .and_then(Value::as_str)
                    .map_or_else(|| v.to_string(), str::to_owned),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect();
    Some(Profile {
        username,
        attributes,
    })
}

/// The `exp` claim, Unix seconds.
pub(crate) fn expiry(jwt: &str) -> Option<i64> {
    claims(jwt)?.get("exp")?.as_i64()
}

/// The `iat` claim, Unix seconds.
pub(crate) fn issued_at(jwt: &str) -> Option<i64> {
    claims(jwt)?.get("iat")?.as_i64()
}

/// The claims of a JWT as JSON (`null` if it is not one), for the host page.
pub fn claims_of(jwt: &str) -> Value {
    claims(jwt).map_or(Value::Null, Value::Object)
}
