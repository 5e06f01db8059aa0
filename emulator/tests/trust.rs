//! Who may talk to the emulator: pages of other origins cannot read the outbox or call
//! administrative operations, DNS rebinding (a foreign `Host`) is refused, IAM-class calls need
//! SigV4 (checked for real with credentials), and an oversized body gets a clear error. Driven
//! through the router (`tower::ServiceExt::oneshot`), no socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cognito_emulator::api::BODY_LIMIT;
use cognito_emulator::sigv4::{Authorization, Signed};
use cognito_emulator::state::AppState;
use common::oneshot::{call, get, send, state_of, HOST, SIGNED_HEADERS};
use serde_json::{json, Value};

const KEY: &str = "AKIDLOCAL";
const SECRET: &str = "local/secret/key";

/// Seed 000's pool, administrative calls checked against `credentials` if any.
fn state(credentials: Option<(&str, &str)>) -> Arc<AppState> {
    let mut state = state_of("seed1-cdk-ts.template.json");
    Arc::get_mut(&mut state).unwrap().credentials =
        credentials.map(|(k, s)| (k.to_owned(), s.to_owned()));
    state
}

fn pool_id(state: &AppState) -> String {
    common::oneshot::ids(state).0
}

fn client_id(state: &AppState) -> String {
    common::oneshot::ids(state).1
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

    // Not even this machine's own pages administer, unless the emulator was told so.
    let own = [("origin", "http://127.0.0.1:8080")];
    let from_own = [own[0], SIGNED_HEADERS[0], SIGNED_HEADERS[1]];
    let (status, _, _) = send(&s, call("AdminGetUser", &user, &from_own)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut allowed = state(None);
    Arc::get_mut(&mut allowed).unwrap().admin_from_local_pages = true;
    let (_, _, body) = send(&allowed, call("AdminGetUser", &user, &from_own)).await;
    assert_eq!(
        body["__type"], "UserNotFoundException",
        "served with --admin-from-local-pages"
    );
    let (status, _, _) = send(&allowed, call("AdminGetUser", &user, &headers)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "another origin, still refused"
    );

    // This machine's own pages, and callers outside a browser, get /_emulator/.
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

/// A user of seed 003's pool (plain usernames, e-mail alias, password flow) created by an
/// administrator with a permanent password; the access token of their sign-in.
async fn user_with_token(s: &Arc<AppState>, username: &str) -> String {
    let email = json!([{"Name": "email", "Value": format!("{username}@example.com")}]);
    common::oneshot::admin_user(s, username, "Passw0rd!long", email).await;
    let sign_in = json!({"ClientId": client_id(s), "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": "Passw0rd!long"}});
    let (status, _, body) = send(s, call("InitiateAuth", &sign_in, &[])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_access_token_speaks_for_its_user_not_for_a_later_user_of_the_same_name() {
    let s = state_of("seed003-cdk-library.template.json");
    let old = user_with_token(&s, "sam").await;
    let deleted = json!({"UserPoolId": pool_id(&s), "Username": "sam"});
    let (status, _, _) = send(&s, call("AdminDeleteUser", &deleted, &SIGNED_HEADERS)).await;
    assert_eq!(status, StatusCode::OK);
    let new = user_with_token(&s, "sam").await;
    let (_, _, body) = send(&s, call("GetUser", &json!({"AccessToken": old}), &[])).await;
    assert_eq!(body["__type"], "NotAuthorizedException", "{body}");
    let (status, _, body) = send(&s, call("GetUser", &json!({"AccessToken": new}), &[])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
