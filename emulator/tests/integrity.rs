//! Limits Cognito has and integrity it keeps: a code dies after five wrong tries, a verified
//! alias names one user (AliasExistsException, or moved with ForceAliasCreation), and the
//! lockout after wrong passwords decays after quiet time. Through the router, no socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::Ordering;

use common::oneshot::{api, code_for, ids, state_of, state_with_clock};
use serde_json::json;

const SEED1: &str = "seed1-cdk-ts.template.json";
const SEED3: &str = "seed003-cdk-library.template.json";

fn kind<T>(r: Result<T, (String, String)>) -> String {
    r.err().map(|e| e.0).unwrap_or_else(|| "ok".into())
}

#[tokio::test]
async fn a_code_dies_after_five_wrong_tries_even_for_the_right_one() {
    let s = state_of(SEED1);
    let (_, client) = ids(&s);
    let email = "guess@example.com";
    api(&s, "SignUp", json!({"ClientId": client, "Username": email, "Password": "Passw0rd!",
        "UserAttributes": [{"Name": "given_name", "Value": "G"}, {"Name": "family_name", "Value": "H"}]}))
        .await
        .unwrap();
    let code = code_for(&s, email).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let confirm =
        |code: &str| json!({"ClientId": client, "Username": email, "ConfirmationCode": code});
    for _ in 0..5 {
        assert_eq!(
            kind(api(&s, "ConfirmSignUp", confirm(wrong)).await),
            "CodeMismatchException"
        );
    }
    assert_eq!(
        kind(api(&s, "ConfirmSignUp", confirm(&code)).await),
        "LimitExceededException",
        "the right code, after five wrong ones"
    );
    // A new code starts afresh.
    api(
        &s,
        "ResendConfirmationCode",
        json!({"ClientId": client, "Username": email}),
    )
    .await
    .unwrap();
    let fresh = code_for(&s, email).await;
    api(&s, "ConfirmSignUp", confirm(&fresh)).await.unwrap();
}

/// Signs up `username` with `email` in seed 003's pool (e-mail alias) and confirms them.
async fn confirmed(
    s: &std::sync::Arc<cognito_emulator::state::AppState>,
    username: &str,
    email: &str,
    force: bool,
) -> Result<(), (String, String)> {
    let (_, client) = ids(s);
    api(
        s,
        "SignUp",
        json!({"ClientId": client, "Username": username, "Password": "Passw0rd!long",
        "UserAttributes": [{"Name": "email", "Value": email}, {"Name": "name", "Value": username},
            {"Name": "address", "Value": "1 Main St"}]}),
    )
    .await?;
    let code = code_for(s, email).await;
    api(
        s,
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": username,
        "ConfirmationCode": code, "ForceAliasCreation": force}),
    )
    .await
    .map(|_| ())
}

#[tokio::test]
async fn a_verified_alias_names_one_user() {
    let s = state_of(SEED3);
    let (pool, _) = ids(&s);
    confirmed(&s, "first", "shared@example.com", false)
        .await
        .unwrap();
    let taken = confirmed(&s, "second", "shared@example.com", false).await;
    assert_eq!(
        taken,
        Err((
            "AliasExistsException".into(),
            "An account with the given email already exists.".into()
        ))
    );
    // The code was not spent: the same user may confirm again, moving the alias.
    let (_, client) = ids(&s);
    let code = code_for(&s, "shared@example.com").await;
    api(
        &s,
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": "second",
        "ConfirmationCode": code, "ForceAliasCreation": true}),
    )
    .await
    .unwrap();
    let verified = |user: serde_json::Value| {
        user["UserAttributes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["Name"] == "email_verified")
            .map(|a| a["Value"].clone())
    };
    let first = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": "first"}),
    )
    .await
    .unwrap();
    let second = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": "second"}),
    )
    .await
    .unwrap();
    assert_eq!(
        verified(first),
        Some(json!("false")),
        "the alias moved away"
    );
    assert_eq!(verified(second), Some(json!("true")));
}

#[tokio::test]
async fn the_lockout_after_wrong_passwords_decays_after_quiet_time() {
    let (s, clock) = state_with_clock(SEED1);
    let (pool, client) = ids(&s);
    let email = "locked@example.com";
    api(
        &s,
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": email, "MessageAction": "SUPPRESS"}),
    )
    .await
    .unwrap();
    api(
        &s,
        "AdminSetUserPassword",
        json!({"UserPoolId": pool, "Username": email, "Password": "Passw0rd!", "Permanent": true}),
    )
    .await
    .unwrap();
    let sign_in = |password: &str| {
        json!({"UserPoolId": pool, "ClientId": client,
        "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": email, "PASSWORD": password}})
    };
    for _ in 0..4 {
        assert_eq!(
            kind(api(&s, "AdminInitiateAuth", sign_in("wrong 1x")).await),
            "NotAuthorizedException"
        );
    }
    // Four failures, then 16 quiet minutes: they no longer count, so four more do not lock.
    clock.fetch_add(16 * 60, Ordering::SeqCst);
    for _ in 0..4 {
        let _ = api(&s, "AdminInitiateAuth", sign_in("wrong 1x")).await;
    }
    api(&s, "AdminInitiateAuth", sign_in("Passw0rd!"))
        .await
        .unwrap();
    // Five in a row lock at once (1 s), even with the right password.
    for _ in 0..5 {
        let _ = api(&s, "AdminInitiateAuth", sign_in("wrong 1x")).await;
    }
    assert_eq!(
        api(&s, "AdminInitiateAuth", sign_in("Passw0rd!"))
            .await
            .unwrap_err()
            .1,
        "Password attempts exceeded"
    );
}

#[tokio::test]
async fn no_two_users_hold_one_sign_in_name_whatever_the_path() {
    let s = state_of(SEED3);
    let (pool, _) = ids(&s);
    confirmed(&s, "holder", "held@example.com", false)
        .await
        .unwrap();
    confirmed(&s, "other", "other@example.com", false)
        .await
        .unwrap();
    // An administrator's update checks no alias itself; the store's unique names refuse it.
    let taken = api(&s, "AdminUpdateUserAttributes", json!({"UserPoolId": pool, "Username": "other",
        "UserAttributes": [{"Name": "email", "Value": "HELD@example.com"}, {"Name": "email_verified", "Value": "true"}]}))
        .await;
    assert_eq!(taken.unwrap_err().0, "AliasExistsException");
    let other = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": "other"}),
    )
    .await
    .unwrap();
    let email = other["UserAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["Name"] == "email")
        .unwrap()["Value"]
        .clone();
    assert_eq!(
        email, "other@example.com",
        "nothing of the refused update stayed"
    );
    // The alias still signs its holder in.
    let found = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": "held@example.com"}),
    )
    .await
    .unwrap();
    assert_eq!(found["Username"], "holder");
}
