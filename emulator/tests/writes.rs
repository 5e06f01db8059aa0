//! One write rule on every path a user writes attributes (SignUp, the NEW_PASSWORD_REQUIRED
//! answer, UpdateUserAttributes): the client's WriteAttributes, never `sub` or a verified flag.
//! An administrator (AdminCreateUser) may set the verified flags, never `sub`. Seed 000's client
//! lists its write attributes and leaves `custom:isAdmin` out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::oneshot::{api, ids, state_of};
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

fn refused(r: Result<Value, (String, String)>) -> String {
    let (kind, message) = r.expect_err("refused");
    format!("{kind}: {message}")
}

fn names(extra: &[(&str, &str)]) -> Value {
    let mut list = vec![
        json!({"Name": "given_name", "Value": "Ada"}),
        json!({"Name": "family_name", "Value": "Lovelace"}),
    ];
    list.extend(extra.iter().map(|(n, v)| json!({"Name": n, "Value": v})));
    Value::from(list)
}

#[tokio::test]
async fn a_self_sign_up_writes_only_what_the_client_may() {
    let s = state_of(SEED1);
    let (_, client) = ids(&s);
    for (attribute, value) in [("custom:isAdmin", "yes"), ("email_verified", "true")] {
        let sign_up = json!({"ClientId": client, "Username": "mallory@example.com",
            "Password": "Passw0rd!", "UserAttributes": names(&[(attribute, value)])});
        assert_eq!(
            refused(api(&s, "SignUp", sign_up).await),
            format!("NotAuthorizedException: A client attempted to write unauthorized attribute {attribute}")
        );
    }
    // Listed custom attributes are fine.
    let sign_up = json!({"ClientId": client, "Username": "ada@example.com",
        "Password": "Passw0rd!", "UserAttributes": names(&[("custom:city", "Santiago")])});
    api(&s, "SignUp", sign_up).await.unwrap();
}

/// An administrator-created user signed in with the temporary password: the challenge session.
async fn new_password_challenge(
    s: &std::sync::Arc<cognito_emulator::state::AppState>,
    email: &str,
) -> String {
    let (pool, client) = ids(s);
    api(
        s,
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": email,
        "TemporaryPassword": "Temp0rary!", "MessageAction": "SUPPRESS",
        "UserAttributes": names(&[("email", email), ("email_verified", "true")])}),
    )
    .await
    .unwrap();
    let challenge = api(
        s,
        "AdminInitiateAuth",
        json!({"UserPoolId": pool, "ClientId": client,
        "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": email, "PASSWORD": "Temp0rary!"}}),
    )
    .await
    .unwrap();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    challenge["Session"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_new_password_answer_writes_only_what_the_client_may() {
    let s = state_of(SEED1);
    let (pool, client) = ids(&s);
    for (i, attribute) in ["sub", "custom:isAdmin", "email_verified"]
        .into_iter()
        .enumerate()
    {
        let email = format!("new{i}@example.com");
        let session = new_password_challenge(&s, &email).await;
        let answer = json!({"ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": session, "ChallengeResponses": {"USERNAME": email,
            "NEW_PASSWORD": "Chosen0ne!", format!("userAttributes.{attribute}"): "true"}});
        assert_eq!(
            refused(api(&s, "RespondToAuthChallenge", answer).await),
            format!("NotAuthorizedException: A client attempted to write unauthorized attribute {attribute}")
        );
        let user = api(
            &s,
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": email}),
        )
        .await
        .unwrap();
        assert_eq!(
            user["UserStatus"], "FORCE_CHANGE_PASSWORD",
            "nothing was written"
        );
    }
}

#[tokio::test]
async fn an_update_writes_only_what_the_client_may_and_an_administrator_sets_verified_flags() {
    let s = state_of(SEED1);
    let (pool, client) = ids(&s);
    let email = "admin-made@example.com";
    // The administrator set email_verified (allowed for them).
    let session = new_password_challenge(&s, email).await;
    let signed_in = api(
        &s,
        "RespondToAuthChallenge",
        json!({"ClientId": client,
        "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": session,
        "ChallengeResponses": {"USERNAME": email, "NEW_PASSWORD": "Chosen0ne!"}}),
    )
    .await
    .unwrap();
    let access = signed_in["AuthenticationResult"]["AccessToken"].clone();
    for attribute in ["custom:isAdmin", "email_verified", "sub"] {
        let update =
            json!({"AccessToken": access, "UserAttributes": [{"Name": attribute, "Value": "x"}]});
        let said = refused(api(&s, "UpdateUserAttributes", update).await);
        assert!(said.contains(attribute), "{said}");
    }
    api(
        &s,
        "UpdateUserAttributes",
        json!({"AccessToken": access,
        "UserAttributes": [{"Name": "custom:city", "Value": "Lima"}]}),
    )
    .await
    .unwrap();
    let sub = json!({"UserPoolId": pool, "Username": "with-sub@example.com", "MessageAction": "SUPPRESS",
        "UserAttributes": [{"Name": "sub", "Value": "00000000-0000-0000-0000-000000000000"}]});
    assert!(refused(api(&s, "AdminCreateUser", sub).await).starts_with("InvalidParameterException"));
}
