//! The error path of every operation the other suites only drive to success: bad or revoked
//! tokens, wrong codes, unknown users, pools and clients, disabled flows, bad arguments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use common::{confirmed_user, srp_sign_in, start, Emulator};
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

/// A confirmed seed-1 user signed in; returns (pool, client, AuthenticationResult).
fn signed_in(emu: &Emulator, email: &str) -> (String, String, Value) {
    confirmed_user(emu, email, "secret1")
}

fn kind(result: Result<Value, (String, String)>) -> String {
    result.expect_err("the call must fail").0
}

#[test]
fn token_operations_refuse_a_token_that_is_not_ours() {
    let emu = start(&[SEED1]);
    let (_, _, tokens) = signed_in(&emu, "ada@example.com");
    let forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    for (op, extra) in [
        ("GetUser", json!({})),
        (
            "UpdateUserAttributes",
            json!({"UserAttributes": [{"Name": "name", "Value": "x"}]}),
        ),
        (
            "VerifyUserAttribute",
            json!({"AttributeName": "email", "Code": "123456"}),
        ),
        (
            "GetUserAttributeVerificationCode",
            json!({"AttributeName": "email"}),
        ),
        (
            "ChangePassword",
            json!({"PreviousPassword": "secret1", "ProposedPassword": "secret2"}),
        ),
        ("DeleteUser", json!({})),
        ("GlobalSignOut", json!({})),
    ] {
        let mut body = extra.clone();
        body["AccessToken"] = json!(forged);
        let err = emu.call(op, body).unwrap_err();
        assert_eq!(
            err,
            (
                "NotAuthorizedException".into(),
                "Invalid Access Token".into()
            ),
            "{op}"
        );
        // An ID token is not an access token either.
        let mut body = extra;
        body["AccessToken"] = tokens["IdToken"].clone();
        assert_eq!(
            kind(emu.call(op, body)),
            "NotAuthorizedException",
            "{op} with an ID token"
        );
    }
}

#[test]
fn attribute_verification_errors() {
    let emu = start(&[SEED1]);
    let (_, _, tokens) = signed_in(&emu, "ada@example.com");
    let access = tokens["AccessToken"].clone();
    // A code for an attribute the user does not have.
    let err = emu
        .call(
            "GetUserAttributeVerificationCode",
            json!({"AccessToken": access, "AttributeName": "phone_number"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "InvalidParameterException");
    // A new e-mail address must be verified; a wrong code is a mismatch, the right one works once.
    emu.call(
        "UpdateUserAttributes",
        json!({"AccessToken": access, "UserAttributes": [{"Name": "email", "Value": "ada@lovelace.example"}]}),
    )
    .unwrap();
    let code = emu.last_code("ada@lovelace.example");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let verify = |c: &str| {
        emu.call(
            "VerifyUserAttribute",
            json!({"AccessToken": access, "AttributeName": "email", "Code": c}),
        )
    };
    assert_eq!(kind(verify(wrong)), "CodeMismatchException");
    verify(&code).unwrap();
    assert_eq!(kind(verify(&code)), "ExpiredCodeException", "single use");
    // This client may not write custom:isAdmin or sub; an attribute the pool lacks is invalid.
    for (name, expected) in [
        ("custom:isAdmin", "NotAuthorizedException"),
        ("sub", "NotAuthorizedException"),
        ("custom:nosuch", "InvalidParameterException"),
    ] {
        let err = emu
            .call(
                "UpdateUserAttributes",
                json!({"AccessToken": access, "UserAttributes": [{"Name": name, "Value": "x"}]}),
            )
            .unwrap_err();
        assert_eq!(err.0, expected, "{name}: {}", err.1);
    }
}

#[test]
fn sign_out_revocation_and_deletion_end_what_they_end() {
    let emu = start(&[SEED1]);
    let (pool, client, tokens) = signed_in(&emu, "ada@example.com");
    let refresh = tokens["RefreshToken"].clone();
    // RevokeToken wants a refresh token of this client.
    let err = emu
        .call(
            "RevokeToken",
            json!({"ClientId": client, "Token": tokens["AccessToken"]}),
        )
        .unwrap_err();
    assert_eq!(err.0, "UnsupportedTokenTypeException");
    let err = emu
        .call(
            "RevokeToken",
            json!({"ClientId": "nosuchclient", "Token": refresh}),
        )
        .unwrap_err();
    assert_eq!(err.0, "ResourceNotFoundException", "{}", err.1);
    emu.call("RevokeToken", json!({"ClientId": client, "Token": refresh}))
        .unwrap();
    let err = emu
        .call(
            "GetTokensFromRefreshToken",
            json!({"ClientId": client, "RefreshToken": refresh}),
        )
        .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");
    let err = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": refresh}}))
        .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");
    // The access tokens issued with a revoked refresh token stop working too.
    let err = emu
        .call("GetUser", json!({"AccessToken": tokens["AccessToken"]}))
        .unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "Access Token has been revoked".into()
        )
    );

    // GlobalSignOut: every token of the user stops working.
    let again = srp_sign_in(&emu, &pool, &client, "ada@example.com", "secret1").unwrap();
    let access = again["AuthenticationResult"]["AccessToken"].clone();
    emu.call("GlobalSignOut", json!({"AccessToken": access}))
        .unwrap();
    assert_eq!(
        kind(emu.call("GetUser", json!({"AccessToken": access}))),
        "NotAuthorizedException"
    );
    let err = emu
        .call("GetTokensFromRefreshToken", json!({"ClientId": client, "RefreshToken": again["AuthenticationResult"]["RefreshToken"]}))
        .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");

    // DeleteUser: the user is gone; the token no longer names anyone.
    let last = srp_sign_in(&emu, &pool, &client, "ada@example.com", "secret1").unwrap();
    let access = last["AuthenticationResult"]["AccessToken"].clone();
    emu.call("DeleteUser", json!({"AccessToken": access}))
        .unwrap();
    let err = emu
        .call("DeleteUser", json!({"AccessToken": access}))
        .unwrap_err();
    assert_eq!(
        err,
        (
            "UserNotFoundException".into(),
            "User does not exist.".into()
        )
    );
    let err = srp_sign_in(&emu, &pool, &client, "ada@example.com", "secret1").unwrap_err();
    assert_eq!(err.0, "UserNotFoundException");
}

#[test]
fn admin_operations_name_what_is_wrong() {
    let emu = start(&[SEED1]);
    let (pool, client, _) = signed_in(&emu, "ada@example.com");
    let nobody = "nobody@example.com";
    for (op, body) in [
        (
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": nobody}),
        ),
        (
            "AdminDeleteUser",
            json!({"UserPoolId": pool, "Username": nobody}),
        ),
        (
            "AdminConfirmSignUp",
            json!({"UserPoolId": pool, "Username": nobody}),
        ),
        (
            "AdminSetUserPassword",
            json!({"UserPoolId": pool, "Username": nobody, "Password": "secret2", "Permanent": true}),
        ),
        (
            "AdminUpdateUserAttributes",
            json!({"UserPoolId": pool, "Username": nobody, "UserAttributes": [{"Name": "name", "Value": "x"}]}),
        ),
    ] {
        let err = emu.call(op, body).unwrap_err();
        assert_eq!(
            err,
            (
                "UserNotFoundException".into(),
                "User does not exist.".into()
            ),
            "{op}"
        );
    }
    let unknown_pool = "us-east-1_NoSuchPool";
    for (op, body) in [
        (
            "AdminGetUser",
            json!({"UserPoolId": unknown_pool, "Username": nobody}),
        ),
        ("DescribeUserPool", json!({"UserPoolId": unknown_pool})),
        ("ListUsers", json!({"UserPoolId": unknown_pool})),
        (
            "ListUserPoolClients",
            json!({"UserPoolId": unknown_pool, "MaxResults": 10}),
        ),
        (
            "DescribeUserPoolClient",
            json!({"UserPoolId": pool, "ClientId": "nosuchclient"}),
        ),
    ] {
        let err = emu.call(op, body).unwrap_err();
        assert_eq!(err.0, "ResourceNotFoundException", "{op}: {}", err.1);
    }
    let ada = "ada@example.com";
    let weak = emu
        .call(
            "AdminSetUserPassword",
            json!({"UserPoolId": pool, "Username": ada, "Password": "short", "Permanent": true}),
        )
        .unwrap_err();
    assert_eq!(weak.0, "InvalidPasswordException");
    let immutable = emu
        .call("AdminUpdateUserAttributes", json!({"UserPoolId": pool, "Username": ada, "UserAttributes": [{"Name": "sub", "Value": "x"}]}))
        .unwrap_err();
    assert_eq!(immutable.0, "InvalidParameterException");
    let exists = emu
        .call(
            "AdminCreateUser",
            json!({"UserPoolId": pool, "Username": ada, "UserAttributes": [
            {"Name": "given_name", "Value": "A"}, {"Name": "family_name", "Value": "L"}]}),
        )
        .unwrap_err();
    assert_eq!(exists.0, "UsernameExistsException");
    let confirmed = emu
        .call(
            "AdminConfirmSignUp",
            json!({"UserPoolId": pool, "Username": ada}),
        )
        .unwrap_err();
    assert_eq!(confirmed.0, "NotAuthorizedException", "{}", confirmed.1);

    // AdminInitiateAuth: a wrong password, a flow the client does not allow, a bad session.
    let admin_auth = |flow: &str, password: &str| {
        emu.call(
            "AdminInitiateAuth",
            json!({"UserPoolId": pool, "ClientId": client, "AuthFlow": flow,
            "AuthParameters": {"USERNAME": ada, "PASSWORD": password}}),
        )
    };
    assert_eq!(
        admin_auth("ADMIN_USER_PASSWORD_AUTH", "wrong1").unwrap_err(),
        (
            "NotAuthorizedException".into(),
            "Incorrect username or password.".into()
        )
    );
    assert!(
        admin_auth("ADMIN_NO_SRP_AUTH", "secret1").unwrap()["AuthenticationResult"]["IdToken"]
            .is_string()
    );
    assert_eq!(
        kind(admin_auth("USER_PASSWORD_AUTH", "secret1")),
        "InvalidParameterException"
    );
    let err = emu
        .call(
            "AdminRespondToAuthChallenge",
            json!({"UserPoolId": pool, "ClientId": client,
            "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "AAAAAAAAAAAAAAAAAAAAAAAA",
            "ChallengeResponses": {"USERNAME": ada, "NEW_PASSWORD": "secret2"}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "Invalid session for the user, session is expired.".into()
        )
    );

    // Listing: a filter Cognito cannot parse, and a missing MaxResults.
    let err = emu
        .call(
            "ListUsers",
            json!({"UserPoolId": pool, "Filter": "email ~ \"ada\""}),
        )
        .unwrap_err();
    assert_eq!(err.0, "InvalidParameterException", "{}", err.1);
    let err = emu.call("ListUserPools", json!({})).unwrap_err();
    assert_eq!(err.0, "InvalidParameterException", "{}", err.1);
}
