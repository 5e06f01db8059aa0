//! Who may talk to the emulator: pages of other origins cannot read the outbox or call
//! administrative operations, DNS rebinding (a foreign `Host`) is refused, IAM-class calls need
//! SigV4 (checked for real with credentials), and an oversized body gets a clear error. Driven
//! through the router (`tower::ServiceExt::oneshot`), no socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cognito_emulator::api::{app, BODY_LIMIT};
use cognito_emulator::sigv4::{Authorization, Signed};
use cognito_emulator::state::AppState;
use common::{fixture, temp_dir, SIGNED};
use serde_json::{json, Value};
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:9229";
const KEY: &str = "AKIDLOCAL";
const SECRET: &str = "local/secret/key";

fn state(credentials: Option<(&str, &str)>) -> Arc<AppState> {
    let (mut state, _) = cognito_emulator::build_state(
        &[fixture("seed1-cdk-ts.template.json")],
        &temp_dir("trust"),
        "us-east-1",
        &format!("http://{HOST}"),
        Box::new(|| 1_790_000_000),
    )
    .unwrap();
    state.credentials = credentials.map(|(k, s)| (k.to_owned(), s.to_owned()));
    Arc::new(state)
}

/// One exchange: (status, `access-control-allow-origin`, JSON body or Null).
async fn send(state: &Arc<AppState>, request: Request<Body>) -> (StatusCode, String, Value) {
    let response = app(state.clone()).oneshot(request).await.unwrap();
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

fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::get(path).header("host", HOST);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::empty()).unwrap()
}

fn call(op: &str, body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
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

const SIGNED_HEADERS: [(&str, &str); 2] = [
    ("authorization", SIGNED),
    ("x-amz-date", "20260101T000000Z"),
];

fn pool_id(state: &AppState) -> String {
    state.pools.keys().next().unwrap().clone()
}

fn client_id(state: &AppState) -> String {
    state.clients.keys().next().unwrap().clone()
}

#[tokio::test]
async fn pages_of_other_origins_cannot_read_the_outbox_or_administer() {
    let s = state(None);
    let evil = [("origin", "http://evil.example")];
    for path in ["/_emulator/outbox", "/_emulator/pools"] {
        let (status, allow, body) = send(&s, get(path, &evil)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_ne!(allow, "*", "{path}");
        assert_eq!(body["__type"], "AccessDeniedException");
    }
    // Even signed: an administrative call from another origin's page.
    let user = json!({"UserPoolId": pool_id(&s), "Username": "mallory@example.com"});
    let headers = [evil[0], SIGNED_HEADERS[0], SIGNED_HEADERS[1]];
    let (status, _, body) = send(&s, call("AdminCreateUser", &user, &headers)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["__type"], "AccessDeniedException");
    let (status, _, body) = send(&s, call("AdminGetUser", &user, &SIGNED_HEADERS)).await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (StatusCode::BAD_REQUEST, Some("UserNotFoundException")),
        "nobody was created"
    );

    // This machine's own pages, and callers outside a browser, are served.
    let own = [("origin", "http://127.0.0.1:8080")];
    let (status, allow, _) = send(&s, get("/_emulator/outbox", &own)).await;
    assert_eq!(
        (status, allow.as_str()),
        (StatusCode::OK, "http://127.0.0.1:8080")
    );
    let (status, _, _) = send(&s, get("/_emulator/outbox", &[])).await;
    assert_eq!(status, StatusCode::OK);

    // Cognito's user operations answer any page, as Cognito does.
    let sign_up = json!({"ClientId": client_id(&s), "Username": "ada@example.com",
        "Password": "Passw0rd!", "UserAttributes": [
            {"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"}]});
    let (status, allow, body) = send(&s, call("SignUp", &sign_up, &evil)).await;
    assert_eq!((status, allow.as_str()), (StatusCode::OK, "*"), "{body}");
}

#[tokio::test]
async fn a_foreign_host_is_refused_everywhere() {
    let s = state(None);
    for request in [
        Request::get("/_emulator/outbox")
            .header("host", "evil.example:9229")
            .body(Body::empty())
            .unwrap(),
        Request::post("/")
            .header("host", "evil.example")
            .header("x-amz-target", "AWSCognitoIdentityProviderService.SignUp")
            .body(Body::from("{}"))
            .unwrap(),
        Request::get("/_emulator/pools")
            .header("host", "127.0.0.1:8080") // our address, another port
            .body(Body::empty())
            .unwrap(),
    ] {
        let (status, _, body) = send(&s, request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body["message"].as_str().unwrap().contains("Host"), "{body}");
    }
    let (status, _, _) = send(
        &s,
        Request::get("/_emulator/pools")
            .header("host", "localhost:9229")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn administrative_calls_need_a_signature_as_in_cognito() {
    let s = state(None);
    let user = json!({"UserPoolId": pool_id(&s), "Username": "eve@example.com"});
    let (status, _, body) = send(&s, call("AdminCreateUser", &user, &[])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"__type": "MissingAuthenticationTokenException", "message": "Missing Authentication Token"})
    );
    let (_, _, body) = send(
        &s,
        call(
            "ListUsers",
            &json!({"UserPoolId": pool_id(&s)}),
            &[("authorization", "Bearer x")],
        ),
    )
    .await;
    assert_eq!(body["__type"], "IncompleteSignatureException");
    let (_, _, body) = send(&s, call("AdminGetUser", &user, &SIGNED_HEADERS)).await;
    assert_eq!(
        body["__type"], "UserNotFoundException",
        "not created unsigned"
    );
    let (status, _, _) = send(&s, call("AdminCreateUser", &user, &SIGNED_HEADERS)).await;
    assert_eq!(status, StatusCode::OK);
}

/// `body` signed for `op` as botocore signs it, with `secret`.
fn signed_call(op: &str, body: &Value, secret: &str) -> Request<Body> {
    let text = body.to_string();
    let target = format!("AWSCognitoIdentityProviderService.{op}");
    let value = |signature: &str| {
        format!(
            "AWS4-HMAC-SHA256 Credential={KEY}/20260101/us-east-1/cognito-idp/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}"
        )
    };
    let headers = vec![
        (
            "content-type".to_owned(),
            "application/x-amz-json-1.1".to_owned(),
        ),
        ("host".to_owned(), HOST.to_owned()),
        ("x-amz-date".to_owned(), "20260101T000000Z".to_owned()),
        ("x-amz-target".to_owned(), target.clone()),
    ];
    let signed = Signed {
        method: "POST",
        path: "/",
        query: "",
        headers,
        body: text.as_bytes(),
    };
    let auth = Authorization::parse(&value(&"0".repeat(64))).unwrap();
    let signature = signed.signature(&auth, secret);
    Request::post("/")
        .header("host", HOST)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-date", "20260101T000000Z")
        .header("x-amz-target", target)
        .header("authorization", value(&signature))
        .body(Body::from(text))
        .unwrap()
}

#[tokio::test]
async fn with_credentials_signatures_are_checked_for_real() {
    let s = state(Some((KEY, SECRET)));
    let list = json!({"UserPoolId": pool_id(&s)});
    let (status, _, body) = send(&s, signed_call("ListUsers", &list, SECRET)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, body) = send(&s, signed_call("ListUsers", &list, "not the secret")).await;
    assert_eq!(body["__type"], "InvalidSignatureException");
    let (_, _, body) = send(&s, call("ListUsers", &list, &SIGNED_HEADERS)).await;
    assert_eq!(body["__type"], "UnrecognizedClientException", "another key");
    // A body changed after signing.
    let mut tampered = signed_call("ListUsers", &list, SECRET);
    *tampered.body_mut() = Body::from(json!({"UserPoolId": pool_id(&s), "Limit": 1}).to_string());
    let (_, _, body) = send(&s, tampered).await;
    assert_eq!(body["__type"], "InvalidSignatureException");
}

#[tokio::test]
async fn an_oversized_body_gets_a_clear_error() {
    let s = state(None);
    let huge = json!({"ClientId": "x", "Username": "a".repeat(BODY_LIMIT)});
    let (status, _, body) = send(&s, call("SignUp", &huge, &[])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body["message"].as_str().unwrap().contains("larger than"),
        "{body}"
    );
}
