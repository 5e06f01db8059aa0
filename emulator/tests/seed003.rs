//! The construct library's examples (seed 003) served: username pool with an e-mail alias,
//! `{username}` in the messages, custom attribute constraints, the invitation template.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use common::start;
use serde_json::json;

const TEMPLATE: &str = "seed003-cdk-library.template.json";

#[test]
fn sign_up_by_username_then_sign_in_by_e_mail_alias() {
    let emu = start(&[TEMPLATE]);
    let (pool, client) = emu.first_pool();
    let attributes = |code: &str| {
        json!([
            {"Name": "email", "Value": "grace@example.com"}, {"Name": "name", "Value": "Grace Hopper"},
            {"Name": "address", "Value": "Arlington"}, {"Name": "custom:myappid", "Value": "app-123"},
            {"Name": "custom:callingcode", "Value": code}
        ])
    };
    let sign_up = |code: &str| {
        emu.call(
            "SignUp",
            json!({"ClientId": client, "Username": "grace", "Password": "Correct-Horse-42",
                   "UserAttributes": attributes(code)}),
        )
    };
    let err = sign_up("7").unwrap_err();
    assert_eq!(err.0, "InvalidParameterException");
    assert!(err.1.contains("custom:callingcode"), "{}", err.1);
    sign_up("2").unwrap();
    let outbox = emu.get("/_emulator/outbox");
    let message = outbox.as_array().unwrap().last().unwrap();
    assert_eq!(message["subject"], "Verify your email for our awesome app!");
    let code = message["code"].as_str().unwrap();
    assert_eq!(
        message["body"],
        format!("Hello grace, Thanks for signing up to our awesome app! Your verification code is {code}")
    );
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": "grace", "ConfirmationCode": code}),
    )
    .unwrap();
    let tokens = emu
        .call(
            "InitiateAuth",
            json!({"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
                   "AuthParameters": {"USERNAME": "grace@example.com", "PASSWORD": "Correct-Horse-42"}}),
        )
        .unwrap();
    let id = common::claims(tokens["AuthenticationResult"]["IdToken"].as_str().unwrap());
    assert_eq!(id["cognito:username"], "grace");

    emu.call(
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": "alan", "DesiredDeliveryMediums": ["EMAIL"],
               "UserAttributes": [{"Name": "email", "Value": "alan@example.com"},
                                  {"Name": "name", "Value": "Alan"}, {"Name": "address", "Value": "Bletchley"}]}),
    )
    .unwrap();
    let outbox = emu.get("/_emulator/outbox");
    let invitation = outbox.as_array().unwrap().last().unwrap();
    assert_eq!(invitation["subject"], "Invite to join our awesome app!");
    let body = invitation["body"].as_str().unwrap();
    let temporary = invitation["code"].as_str().unwrap();
    assert_eq!(
        body,
        format!("Hello alan, you have been invited to join our awesome app! Your temporary password is {temporary}")
    );
    assert!(
        temporary.chars().count() >= 12,
        "the pool's minimum length holds: {temporary}"
    );
}
