//! The emulator's router driven without a socket (`tower::ServiceExt::oneshot`), addressed as
//! a browser on this machine addresses it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cognito_emulator::state::AppState;
use serde_json::Value;
use tower::ServiceExt;

use super::{fixture, temp_dir, SIGNED};

/// The `Host` requests carry: the emulator's own address.
pub const HOST: &str = "127.0.0.1:9229";

/// An emulator state built from fixture `template`, its clock fixed.
pub fn state_of(template: &str) -> Arc<AppState> {
    state_with_clock(template).0
}

/// An emulator state built from fixture `template`, and its clock (Unix seconds) to move.
pub fn state_with_clock(template: &str) -> (Arc<AppState>, Arc<AtomicI64>) {
    state_from(fixture(template))
}

/// An emulator state built from a template given as (name, text), and its clock.
pub fn state_from(template: (String, String)) -> (Arc<AppState>, Arc<AtomicI64>) {
    let clock = Arc::new(AtomicI64::new(1_790_000_000));
    let read = clock.clone();
    let (state, _) = cognito_emulator::build_state(
        &[template],
        &temp_dir("oneshot"),
        "us-east-1",
        &format!("http://{HOST}"),
        Box::new(move || read.load(Ordering::SeqCst)),
    )
    .unwrap();
    (Arc::new(state), clock)
}

/// One exchange: (status, `access-control-allow-origin`, JSON body or Null).
pub async fn send(state: &Arc<AppState>, request: Request<Body>) -> (StatusCode, String, Value) {
    let response = cognito_emulator::api::app(state.clone())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let allow = response
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        allow,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// `GET path` with extra headers.
pub fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::get(path).header("host", HOST);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::empty()).unwrap()
}

/// A JSON call of `op` with extra headers.
pub fn call(op: &str, body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post("/")
        .header("host", HOST)
        .header("content-type", "application/x-amz-json-1.1")
        .header(
            "x-amz-target",
            format!("AWSCognitoIdentityProviderService.{op}"),
        );
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// The headers of a signed call (any well-formed signature, no `--credentials`).
pub const SIGNED_HEADERS: [(&str, &str); 2] = [
    ("authorization", SIGNED),
    ("x-amz-date", "20260101T000000Z"),
];

/// Calls `op` as the SDKs do (signed when IAM-class): the answer, or `(__type, message)`.
pub async fn api(state: &Arc<AppState>, op: &str, body: Value) -> Result<Value, (String, String)> {
    let headers: &[(&str, &str)] = if cognito_emulator::api::is_iam(op) {
        &SIGNED_HEADERS
    } else {
        &[]
    };
    let (status, _, answer) = send(state, call(op, &body, headers)).await;
    if status == StatusCode::OK {
        Ok(answer)
    } else {
        Err((
            answer["__type"].as_str().unwrap_or_default().to_owned(),
            answer["message"].as_str().unwrap_or_default().to_owned(),
        ))
    }
}

/// The first pool's id and its first client's.
pub fn ids(state: &AppState) -> (String, String) {
    let client = state.clients.values().next().unwrap();
    (client.config.pool_id.clone(), client.config.id.clone())
}

/// The newest code sent to `destination`.
pub async fn code_for(state: &Arc<AppState>, destination: &str) -> String {
    let (_, _, outbox) = send(state, get("/_emulator/outbox", &[])).await;
    outbox
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["destination"] == destination)
        .and_then(|m| m["code"].as_str())
        .unwrap()
        .to_owned()
}

/// A confirmed user of the first pool, created by an administrator with `attributes` and the
/// permanent password `password`.
pub async fn admin_user(state: &Arc<AppState>, email: &str, password: &str, attributes: Value) {
    let (pool, _) = ids(state);
    api(
        state,
        "AdminCreateUser",
        serde_json::json!({"UserPoolId": pool, "Username": email,
        "MessageAction": "SUPPRESS", "UserAttributes": attributes}),
    )
    .await
    .unwrap();
    api(
        state,
        "AdminSetUserPassword",
        serde_json::json!({"UserPoolId": pool, "Username": email,
        "Password": password, "Permanent": true}),
    )
    .await
    .unwrap();
}

/// A sign-in with the administrator's password flow: Cognito's answer.
pub async fn admin_sign_in(
    state: &Arc<AppState>,
    login: &str,
    password: &str,
) -> Result<Value, (String, String)> {
    let (pool, client) = ids(state);
    api(
        state,
        "AdminInitiateAuth",
        serde_json::json!({"UserPoolId": pool, "ClientId": client,
        "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": login, "PASSWORD": password}}),
    )
    .await
}
