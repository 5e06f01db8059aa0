//! The shapes shared by request bodies: user-keyed bodies, parameter maps, the two
//! challenge-flow operations, and access-token bodies.

use crate::json::{Map, Value};

use super::request::{target, Request};
use crate::secret::AccessToken;

pub(crate) fn request(target: &'static str, body: Map) -> Request {
    Request {
        target,
        body: Value::Object(body),
    }
}

/// `ClientId`, `Username` and `SecretHash`: the start of every body keyed by a user.
pub(crate) fn user_body(client_id: &str, username: &str, secret_hash: &Option<String>) -> Map {
    let mut body = Map::new();
    body.insert("ClientId".into(), client_id.into());
    body.insert("Username".into(), username.into());
    if let Some(hash) = secret_hash {
        body.insert("SecretHash".into(), hash.as_str().into());
    }
    body
}

/// An `AuthParameters` / `ChallengeResponses` map, with `SECRET_HASH` when there is one.
pub(crate) fn parameters<const N: usize>(
    pairs: [(&str, &String); N],
    secret_hash: &Option<String>,
) -> Map {
    let mut map: Map = pairs
        .into_iter()
        .map(|(key, value)| (key.to_owned(), Value::from(value.as_str())))
        .collect();
    if let Some(hash) = secret_hash {
        map.insert("SECRET_HASH".into(), hash.as_str().into());
    }
    map
}

pub(crate) fn initiate(client_id: &str, flow: &str, params: Map) -> Request {
    Request {
        target: target!("InitiateAuth"),
        body: Value::object([
            ("AuthFlow", flow.into()),
            ("ClientId", client_id.into()),
            ("AuthParameters", Value::Object(params)),
        ]),
    }
}

pub(crate) fn respond(
    client_id: &str,
    challenge: &str,
    session: Option<&str>,
    answers: Map,
) -> Request {
    let mut body = Map::new();
    body.insert("ChallengeName".into(), challenge.into());
    body.insert("ClientId".into(), client_id.into());
    body.insert("ChallengeResponses".into(), Value::Object(answers));
    if let Some(session) = session {
        body.insert("Session".into(), session.into());
    }
    request(target!("RespondToAuthChallenge"), body)
}

/// A body holding only `AccessToken`, as the calls made for a signed-in user have.
pub(crate) fn token_request(target: &'static str, access_token: &AccessToken) -> Request {
    Request {
        target,
        body: Value::object([("AccessToken", access_token.secret().into())]),
    }
}
