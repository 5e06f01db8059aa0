//! What a signed-in user and a forgetful one can do: forgot password, change password,
//! attributes and their verification, sign-out everywhere, token revocation, deletion.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use common::{claims, confirmed_user, srp_sign_in, start};
use serde_json::json;

const SEED1: &str = "seed1-cdk-ts.template.json";

#[test]
fn forgot_password_resets_with_the_emailed_code() {
    let emu = start(&[SEED1]);
    let (pool, client, _) = confirmed_user(&emu, "ada@example.com", "secret1");
    let out = emu
        .call(
            "ForgotPassword",
            json!({"ClientId": client, "Username": "ada@example.com"}),
        )
        .unwrap();
    assert_eq!(out["CodeDeliveryDetails"]["Destination"], "a***@e***");
    let code = emu.last_code("ada@example.com");
    let weak = emu
        .call("ConfirmForgotPassword", json!({"ClientId": client, "Username": "ada@example.com", "ConfirmationCode": code, "Password": "short"}))
        .unwrap_err();
    assert_eq!(weak.0, "InvalidPasswordException");
    emu.call("ConfirmForgotPassword", json!({"ClientId": client, "Username": "ada@example.com", "ConfirmationCode": code, "Password": "newpass9"}))
        .unwrap();
    let reused = emu
        .call("ConfirmForgotPassword", json!({"ClientId": client, "Username": "ada@example.com", "ConfirmationCode": code, "Password": "newpass8"}))
        .unwrap_err();
    assert_eq!(reused.0, "ExpiredCodeException", "codes are single use");
    assert_eq!(
        srp_sign_in(&emu, &pool, &client, "ada@example.com", "secret1")
            .unwrap_err()
            .0,
        "NotAuthorizedException"
    );
    srp_sign_in(&emu, &pool, &client, "ada@example.com", "newpass9").unwrap();

    emu.call(
        "ForgotPassword",
        json!({"ClientId": client, "Username": "ada@example.com"}),
    )
    .unwrap();
    emu.clock
        .fetch_add(3601, std::sync::atomic::Ordering::SeqCst);
    let late = emu
        .call("ConfirmForgotPassword", json!({"ClientId": client, "Username": "ada@example.com", "ConfirmationCode": emu.last_code("ada@example.com"), "Password": "newpass7"}))
        .unwrap_err();
    assert_eq!(late.0, "ExpiredCodeException", "reset codes last an hour");
}

#[test]
fn unverified_users_cannot_reset() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    emu.call("SignUp", json!({"ClientId": client, "Username": "u@example.com", "Password": "secret1", "UserAttributes": [
        {"Name": "given_name", "Value": "U"}, {"Name": "family_name", "Value": "V"}]})).unwrap();
    let err = emu
        .call(
            "ForgotPassword",
            json!({"ClientId": client, "Username": "u@example.com"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "InvalidParameterException");
    let err = emu
        .call(
            "ForgotPassword",
            json!({"ClientId": client, "Username": "none@example.com"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "UserNotFoundException");
}

#[test]
fn change_password_and_attributes() {
    let emu = start(&[SEED1]);
    let (pool, client, tokens) = confirmed_user(&emu, "bob@example.com", "secret1");
    let access = tokens["AccessToken"].as_str().unwrap();
    let err = emu.call("ChangePassword", json!({"AccessToken": access, "PreviousPassword": "wrong11", "ProposedPassword": "secret2"})).unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");
    emu.call("ChangePassword", json!({"AccessToken": access, "PreviousPassword": "secret1", "ProposedPassword": "secret2"})).unwrap();
    srp_sign_in(&emu, &pool, &client, "bob@example.com", "secret2").unwrap();

    // Seed 1's client may write country but not isAdmin.
    let err = emu
        .call("UpdateUserAttributes", json!({"AccessToken": access, "UserAttributes": [{"Name": "custom:isAdmin", "Value": "yes"}]}))
        .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");
    let out = emu
        .call("UpdateUserAttributes", json!({"AccessToken": access, "UserAttributes": [{"Name": "custom:country", "Value": "Chile"}, {"Name": "email", "Value": "robert@example.com"}]}))
        .unwrap();
    assert_eq!(out["CodeDeliveryDetailsList"][0]["AttributeName"], "email");
    let user = emu.call("GetUser", json!({"AccessToken": access})).unwrap();
    let attrs = user["UserAttributes"].as_array().unwrap();
    assert!(attrs.contains(&json!({"Name": "email_verified", "Value": "false"})));
    assert!(attrs.contains(&json!({"Name": "custom:country", "Value": "Chile"})));
    let code = emu.last_code("robert@example.com");
    emu.call(
        "VerifyUserAttribute",
        json!({"AccessToken": access, "AttributeName": "email", "Code": code}),
    )
    .unwrap();
    let user = emu.call("GetUser", json!({"AccessToken": access})).unwrap();
    assert!(user["UserAttributes"]
        .as_array()
        .unwrap()
        .contains(&json!({"Name": "email_verified", "Value": "true"})));
}

#[test]
fn global_sign_out_revokes_tokens_and_delete_user_removes_the_account() {
    let emu = start(&[SEED1]);
    let (pool, client, tokens) = confirmed_user(&emu, "carol@example.com", "secret1");
    let access = tokens["AccessToken"].as_str().unwrap();
    emu.call("GlobalSignOut", json!({"AccessToken": access}))
        .unwrap();
    let err = emu
        .call("GetUser", json!({"AccessToken": access}))
        .unwrap_err();
    assert_eq!(err.1, "Access Token has been revoked");
    let err = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"]}}))
        .unwrap_err();
    assert_eq!(err.1, "Refresh Token has been revoked");

    let fresh = srp_sign_in(&emu, &pool, &client, "carol@example.com", "secret1").unwrap();
    let r = &fresh["AuthenticationResult"];
    emu.call(
        "RevokeToken",
        json!({"ClientId": client, "Token": r["RefreshToken"]}),
    )
    .unwrap();
    let err = emu
        .call("GetUser", json!({"AccessToken": r["AccessToken"]}))
        .unwrap_err();
    assert_eq!(
        err.1, "Access Token has been revoked",
        "revoking a refresh token kills its access tokens"
    );

    let again = srp_sign_in(&emu, &pool, &client, "carol@example.com", "secret1").unwrap();
    let refreshed = emu
        .call("GetTokensFromRefreshToken", json!({"ClientId": client, "RefreshToken": again["AuthenticationResult"]["RefreshToken"]}))
        .unwrap();
    let id = claims(
        refreshed["AuthenticationResult"]["IdToken"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(id["email"], "carol@example.com");
    emu.call(
        "DeleteUser",
        json!({"AccessToken": again["AuthenticationResult"]["AccessToken"]}),
    )
    .unwrap();
    assert_eq!(
        srp_sign_in(&emu, &pool, &client, "carol@example.com", "secret1")
            .unwrap_err()
            .0,
        "UserNotFoundException"
    );
}
