//! The pool's password history (`PasswordHistorySize`) on ChangePassword, AdminSetUserPassword
//! and ConfirmForgotPassword, and the pause after wrong current passwords in ChangePassword.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use cognito_emulator::state::AppState;
use common::fixture;
use common::oneshot::{admin_sign_in, admin_user, api, code_for, ids, state_from};
use serde_json::{json, Value};

const EMAIL: &str = "history@example.com";

/// Seed 000 with a history of `size` passwords, a user with password `Passw0rd!A`: their
/// access token.
async fn user_with_history(size: Option<u32>) -> (Arc<AppState>, Value) {
    let (name, text) = fixture("seed1-cdk-ts.template.json");
    let mut template: Value = serde_json::from_str(&text).unwrap();
    if let Some(size) = size {
        template["Resources"]["userpool0AC4AA96"]["Properties"]["Policies"]["PasswordPolicy"]
            ["PasswordHistorySize"] = json!(size);
    }
    let (s, _) = state_from((name, template.to_string()));
    let attributes = json!([{"Name": "email", "Value": EMAIL}, {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"}]);
    admin_user(&s, EMAIL, "Passw0rd!A", attributes).await;
    let tokens = admin_sign_in(&s, EMAIL, "Passw0rd!A").await.unwrap();
    let access = tokens["AuthenticationResult"]["AccessToken"].clone();
    (s, access)
}

async fn change(s: &Arc<AppState>, access: &Value, from: &str, to: &str) -> Result<Value, String> {
    api(
        s,
        "ChangePassword",
        json!({"AccessToken": access, "PreviousPassword": from, "ProposedPassword": to}),
    )
    .await
    .map_err(|(kind, _)| kind)
}

#[tokio::test]
async fn the_last_passwords_cannot_come_back() {
    let (s, access) = user_with_history(Some(2)).await;
    let violation = Err("PasswordHistoryPolicyViolationException".to_owned());
    assert_eq!(
        change(&s, &access, "Passw0rd!A", "Passw0rd!A").await,
        violation,
        "the current one"
    );
    assert!(change(&s, &access, "Passw0rd!A", "Passw0rd!B")
        .await
        .is_ok());
    assert_eq!(
        change(&s, &access, "Passw0rd!B", "Passw0rd!A").await,
        violation,
        "one back"
    );
    assert!(change(&s, &access, "Passw0rd!B", "Passw0rd!C")
        .await
        .is_ok());
    // Two passwords are remembered, the current one among them: A is now three back.
    assert!(change(&s, &access, "Passw0rd!C", "Passw0rd!A")
        .await
        .is_ok());

    let (pool, client) = ids(&s);
    let admin = api(
        &s,
        "AdminSetUserPassword",
        json!({"UserPoolId": pool, "Username": EMAIL, "Password": "Passw0rd!C", "Permanent": true}),
    )
    .await;
    assert_eq!(
        admin.unwrap_err().0,
        "PasswordHistoryPolicyViolationException"
    );

    api(
        &s,
        "ForgotPassword",
        json!({"ClientId": client, "Username": EMAIL}),
    )
    .await
    .unwrap();
    let code = code_for(&s, EMAIL).await;
    let reset = |password: &str| json!({"ClientId": client, "Username": EMAIL, "ConfirmationCode": code, "Password": password});
    let reused = api(&s, "ConfirmForgotPassword", reset("Passw0rd!A")).await;
    assert_eq!(
        reused.unwrap_err().0,
        "PasswordHistoryPolicyViolationException"
    );
    // The refusal did not use the code up.
    api(&s, "ConfirmForgotPassword", reset("Passw0rd!D"))
        .await
        .unwrap();
    assert!(admin_sign_in(&s, EMAIL, "Passw0rd!D").await.is_ok());
}

#[tokio::test]
async fn without_a_history_a_password_may_return_and_wrong_current_passwords_pause() {
    let (s, access) = user_with_history(None).await;
    assert!(change(&s, &access, "Passw0rd!A", "Passw0rd!A")
        .await
        .is_ok());
    for _ in 0..5 {
        assert_eq!(
            change(&s, &access, "not it 1A!", "Passw0rd!B").await,
            Err("NotAuthorizedException".to_owned())
        );
    }
    assert_eq!(
        change(&s, &access, "Passw0rd!A", "Passw0rd!B").await,
        Err("LimitExceededException".to_owned()),
        "a pause, even for the right password"
    );
}
