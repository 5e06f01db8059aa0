//! The user states administrators cause: disabled (no sign-in, no refresh, tokens revoked),
//! reset required (PasswordResetRequiredException until the emailed code sets a password),
//! and signed out everywhere. Through the router, no socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use cognito_emulator::state::AppState;
use common::oneshot::{admin_sign_in, admin_user, api, code_for, ids, state_of};
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

/// A confirmed user with a verified e-mail, signed in: their tokens.
async fn signed_in(s: &Arc<AppState>, email: &str) -> Value {
    let verified =
        json!([{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}]);
    admin_user(s, email, "Passw0rd!", verified).await;
    sign_in(s, email, "Passw0rd!").await.unwrap()["AuthenticationResult"].clone()
}

async fn sign_in(
    s: &Arc<AppState>,
    email: &str,
    password: &str,
) -> Result<Value, (String, String)> {
    admin_sign_in(s, email, password).await
}

async fn refresh(s: &Arc<AppState>, tokens: &Value) -> Result<Value, (String, String)> {
    let (_, client) = ids(s);
    api(
        s,
        "GetTokensFromRefreshToken",
        json!({"ClientId": client, "RefreshToken": tokens["RefreshToken"]}),
    )
    .await
}

async fn get_user(s: &Arc<AppState>, tokens: &Value) -> Result<Value, (String, String)> {
    api(s, "GetUser", json!({"AccessToken": tokens["AccessToken"]})).await
}

fn said<T>(r: Result<T, (String, String)>) -> String {
    let (kind, message) = r.err().expect("refused");
    format!("{kind}: {message}")
}

#[tokio::test]
async fn a_disabled_user_cannot_sign_in_refresh_or_use_tokens_until_enabled() {
    let s = state_of(SEED1);
    let (pool, _) = ids(&s);
    let email = "disabled@example.com";
    let tokens = signed_in(&s, email).await;
    let who = json!({"UserPoolId": pool, "Username": email});
    api(&s, "AdminDisableUser", who.clone()).await.unwrap();
    assert_eq!(
        said(sign_in(&s, email, "Passw0rd!").await),
        "NotAuthorizedException: User is disabled."
    );
    assert!(said(refresh(&s, &tokens).await).starts_with("NotAuthorizedException"));
    assert!(said(get_user(&s, &tokens).await).starts_with("NotAuthorizedException"));
    let listed = api(&s, "AdminGetUser", who.clone()).await.unwrap();
    assert_eq!(listed["Enabled"], false);
    api(&s, "AdminEnableUser", who).await.unwrap();
    sign_in(&s, email, "Passw0rd!").await.unwrap();
}

#[tokio::test]
async fn a_reset_user_must_choose_a_new_password_with_the_code() {
    let s = state_of(SEED1);
    let (pool, client) = ids(&s);
    let email = "reset@example.com";
    signed_in(&s, email).await;
    api(
        &s,
        "AdminResetUserPassword",
        json!({"UserPoolId": pool, "Username": email}),
    )
    .await
    .unwrap();
    assert_eq!(
        said(sign_in(&s, email, "Passw0rd!").await),
        "PasswordResetRequiredException: Password reset required for the user"
    );
    let code = code_for(&s, email).await;
    api(
        &s,
        "ConfirmForgotPassword",
        json!({"ClientId": client, "Username": email,
        "ConfirmationCode": code, "Password": "Renewed0!"}),
    )
    .await
    .unwrap();
    sign_in(&s, email, "Renewed0!").await.unwrap();
    let user = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": email}),
    )
    .await
    .unwrap();
    assert_eq!(user["UserStatus"], "CONFIRMED");
}

#[tokio::test]
async fn an_administrator_signs_a_user_out_everywhere() {
    let s = state_of(SEED1);
    let (pool, _) = ids(&s);
    let email = "everywhere@example.com";
    let (one, two) = (
        signed_in(&s, email).await,
        sign_in(&s, email, "Passw0rd!").await.unwrap(),
    );
    let two = two["AuthenticationResult"].clone();
    api(
        &s,
        "AdminUserGlobalSignOut",
        json!({"UserPoolId": pool, "Username": email}),
    )
    .await
    .unwrap();
    for tokens in [&one, &two] {
        assert!(said(refresh(&s, tokens).await).starts_with("NotAuthorizedException"));
        assert!(said(get_user(&s, tokens).await).starts_with("NotAuthorizedException"));
    }
    sign_in(&s, email, "Passw0rd!").await.unwrap();
}
