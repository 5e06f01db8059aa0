//! Every `Call` gives the exact target and body.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use cognito_protocol::srp::PasswordClaim;
use cognito_protocol::wire::{Call, Request};
use cognito_protocol::{AccessToken, ClientSecret, Password, RefreshToken};
use serde_json::json;

pub(crate) const CLIENT: &str = "5015ncg0dvmsd4vbmskke3j1tv";

pub(crate) fn s(text: &str) -> String {
    text.to_owned()
}

pub(crate) fn hash() -> Option<String> {
    Some(s("q0f9Ln5mY3Jk2v4x8WcT1Zr6sHuB7eDgAaPoQiMnKl0="))
}

fn assert_request(call: Call, target: &str, body: serde_json::Value) -> Request {
    let request = call.request();
    assert_eq!(request.target, target);
    // Compared as serde_json reads the text we send: the writer is under test too.
    let sent: serde_json::Value = serde_json::from_str(&request.body.to_string()).unwrap();
    assert_eq!(sent, body);
    request
}

#[test]
fn sign_up_with_and_without_secret_hash() {
    let call = |secret_hash| Call::SignUp {
        client_id: s(CLIENT),
        username: s("alice@example.com"),
        password: Password::new("Passw0rd!"),
        user_attributes: vec![
            (s("email"), s("alice@example.com")),
            (s("given_name"), s("Alice")),
        ],
        secret_hash,
    };
    let plain = json!({
        "ClientId": CLIENT,
        "Username": "alice@example.com",
        "Password": "Passw0rd!",
        "UserAttributes": [
            {"Name": "email", "Value": "alice@example.com"},
            {"Name": "given_name", "Value": "Alice"}
        ]
    });
    let r = assert_request(
        call(None),
        "AWSCognitoIdentityProviderService.SignUp",
        plain.clone(),
    );
    assert_eq!(r.op(), "SignUp");
    let mut hashed = plain;
    hashed["SecretHash"] = json!(hash().unwrap());
    assert_request(
        call(hash()),
        "AWSCognitoIdentityProviderService.SignUp",
        hashed,
    );
}

#[test]
fn sign_up_without_attributes_leaves_them_out() {
    let call = Call::SignUp {
        client_id: s(CLIENT),
        username: s("bob"),
        password: Password::new("pw"),
        user_attributes: vec![],
        secret_hash: None,
    };
    let body = json!({"ClientId": CLIENT, "Username": "bob", "Password": "pw"});
    assert_request(call, "AWSCognitoIdentityProviderService.SignUp", body);
}

#[test]
fn confirm_resend_forgot_and_confirm_forgot() {
    let r = assert_request(
        Call::ConfirmSignUp {
            client_id: s(CLIENT),
            username: s("bob"),
            code: s("123456"),
            secret_hash: None,
        },
        "AWSCognitoIdentityProviderService.ConfirmSignUp",
        json!({"ClientId": CLIENT, "Username": "bob", "ConfirmationCode": "123456"}),
    );
    assert_eq!(r.op(), "ConfirmSignUp");
    assert_request(
        Call::ResendConfirmationCode {
            client_id: s(CLIENT),
            username: s("bob"),
            secret_hash: hash(),
        },
        "AWSCognitoIdentityProviderService.ResendConfirmationCode",
        json!({"ClientId": CLIENT, "Username": "bob", "SecretHash": hash().unwrap()}),
    );
    assert_request(
        Call::ForgotPassword {
            client_id: s(CLIENT),
            username: s("bob"),
            secret_hash: None,
        },
        "AWSCognitoIdentityProviderService.ForgotPassword",
        json!({"ClientId": CLIENT, "Username": "bob"}),
    );
    assert_request(
        Call::ConfirmForgotPassword {
            client_id: s(CLIENT),
            username: s("bob"),
            code: s("654321"),
            password: Password::new("N3w-Passw0rd"),
            secret_hash: hash(),
        },
        "AWSCognitoIdentityProviderService.ConfirmForgotPassword",
        json!({
            "ClientId": CLIENT, "Username": "bob", "ConfirmationCode": "654321",
            "Password": "N3w-Passw0rd", "SecretHash": hash().unwrap()
        }),
    );
}

#[test]
fn initiate_auth_flows() {
    let r = assert_request(
        Call::InitiateSrp {
            client_id: s(CLIENT),
            username: s("mary"),
            srp_a: s("5a3f"),
            secret_hash: None,
        },
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json!({
            "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
            "AuthParameters": {"USERNAME": "mary", "SRP_A": "5a3f"}
        }),
    );
    assert_eq!(r.op(), "InitiateAuth");
    assert_request(
        Call::InitiatePassword {
            client_id: s(CLIENT),
            username: s("mary"),
            password: Password::new("Passw0rd!"),
            secret_hash: hash(),
        },
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
            "AuthParameters": {
                "USERNAME": "mary", "PASSWORD": "Passw0rd!", "SECRET_HASH": hash().unwrap()
            }
        }),
    );
    assert_request(
        Call::InitiateRefresh {
            client_id: s(CLIENT),
            refresh_token: RefreshToken::new("eyJjdHkiOiJKV1QiLCJlbmMi.refresh"),
            secret_hash: None,
        },
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json!({
            "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": CLIENT,
            "AuthParameters": {"REFRESH_TOKEN": "eyJjdHkiOiJKV1QiLCJlbmMi.refresh"}
        }),
    );
}

fn claim() -> PasswordClaim {
    PasswordClaim {
        username: s("711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f"),
        secret_block: s("c2VjcmV0LWJsb2Nr"),
        timestamp: s("Tue Mar 4 05:06:07 UTC 2025"),
        signature: s("c2lnbmF0dXJl"),
    }
}

#[test]
fn password_verifier_sends_a_session_only_when_there_is_one() {
    let call = |session| Call::RespondPasswordVerifier {
        client_id: s(CLIENT),
        session,
        claim: claim(),
        secret_hash: None,
        device_key: None,
    };
    let answers = json!({
        "USERNAME": "711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f",
        "PASSWORD_CLAIM_SECRET_BLOCK": "c2VjcmV0LWJsb2Nr",
        "PASSWORD_CLAIM_SIGNATURE": "c2lnbmF0dXJl",
        "TIMESTAMP": "Tue Mar 4 05:06:07 UTC 2025"
    });
    let without = assert_request(
        call(None),
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
        json!({
            "ChallengeName": "PASSWORD_VERIFIER", "ClientId": CLIENT, "ChallengeResponses": answers
        }),
    );
    assert!(without.body.get("Session").is_none());
    assert_eq!(without.op(), "RespondToAuthChallenge");
    let with = call(Some(s("AYABeEx-session"))).request();
    assert_eq!(with.body["Session"].as_str(), Some("AYABeEx-session"));
    let hashed = Call::RespondPasswordVerifier {
        client_id: s(CLIENT),
        session: None,
        claim: claim(),
        secret_hash: hash(),
        device_key: None,
    }
    .request();
    assert_eq!(
        hashed.body["ChallengeResponses"]["SECRET_HASH"].as_str(),
        hash().as_deref()
    );
}

#[test]
fn new_password_required_prefixes_attributes() {
    assert_request(
        Call::RespondNewPassword {
            client_id: s(CLIENT),
            session: s("AYABeNewPw"),
            username: s("carol"),
            new_password: Password::new("Fresh-Passw0rd"),
            attributes: vec![(s("given_name"), s("Carol")), (s("family_name"), s("Day"))],
            secret_hash: hash(),
        },
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
        json!({
            "ChallengeName": "NEW_PASSWORD_REQUIRED", "ClientId": CLIENT, "Session": "AYABeNewPw",
            "ChallengeResponses": {
                "USERNAME": "carol", "NEW_PASSWORD": "Fresh-Passw0rd",
                "userAttributes.given_name": "Carol", "userAttributes.family_name": "Day",
                "SECRET_HASH": hash().unwrap()
            }
        }),
    );
}

#[test]
fn token_calls() {
    let token = || AccessToken::new("eyJraWQiOiJhY2Nlc3MifQ.access");
    let body = json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access"});
    let r = assert_request(
        Call::GetUser {
            access_token: token(),
        },
        "AWSCognitoIdentityProviderService.GetUser",
        body.clone(),
    );
    assert_eq!(r.op(), "GetUser");
    assert_request(
        Call::GlobalSignOut {
            access_token: token(),
        },
        "AWSCognitoIdentityProviderService.GlobalSignOut",
        body.clone(),
    );
    assert_request(
        Call::DeleteUser {
            access_token: token(),
        },
        "AWSCognitoIdentityProviderService.DeleteUser",
        body,
    );
    assert_request(
        Call::ListDevices {
            access_token: token(),
        },
        "AWSCognitoIdentityProviderService.ListDevices",
        json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access", "Limit": 60}),
    );
    assert_request(
        Call::ChangePassword {
            access_token: token(),
            previous: Password::new("Old-Passw0rd"),
            proposed: Password::new("New-Passw0rd"),
        },
        "AWSCognitoIdentityProviderService.ChangePassword",
        json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access",
               "PreviousPassword": "Old-Passw0rd", "ProposedPassword": "New-Passw0rd"}),
    );
    assert_request(
        Call::UpdateUserAttributes {
            access_token: token(),
            attributes: vec![(s("given_name"), s("Mary")), (s("custom:team"), s(""))],
        },
        "AWSCognitoIdentityProviderService.UpdateUserAttributes",
        json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access", "UserAttributes": [
            {"Name": "given_name", "Value": "Mary"}, {"Name": "custom:team", "Value": ""}]}),
    );
    assert_request(
        Call::GetUserAttributeVerificationCode {
            access_token: token(),
            attribute: s("phone_number"),
        },
        "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode",
        json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access", "AttributeName": "phone_number"}),
    );
    assert_request(
        Call::VerifyUserAttribute {
            access_token: token(),
            attribute: s("email"),
            code: s("123456"),
        },
        "AWSCognitoIdentityProviderService.VerifyUserAttribute",
        json!({"AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.access", "AttributeName": "email",
               "Code": "123456"}),
    );
    let revoke = |client_secret| Call::RevokeToken {
        client_id: s(CLIENT),
        token: RefreshToken::new("opaque-refresh"),
        client_secret,
    };
    assert_request(
        revoke(None),
        "AWSCognitoIdentityProviderService.RevokeToken",
        json!({"ClientId": CLIENT, "Token": "opaque-refresh"}),
    );
    assert_request(
        revoke(Some(ClientSecret::new("client-secret-value-0123456789"))),
        "AWSCognitoIdentityProviderService.RevokeToken",
        json!({
            "ClientId": CLIENT, "Token": "opaque-refresh",
            "ClientSecret": "client-secret-value-0123456789"
        }),
    );
    let tokens = |client_secret| Call::GetTokensFromRefreshToken {
        client_id: s(CLIENT),
        refresh_token: RefreshToken::new("opaque-refresh"),
        client_secret,
        device_key: None,
    };
    assert_request(
        tokens(None),
        "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken",
        json!({"ClientId": CLIENT, "RefreshToken": "opaque-refresh"}),
    );
    assert_request(
        tokens(Some(ClientSecret::new("client-secret-value-0123456789"))),
        "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken",
        json!({
            "ClientId": CLIENT, "RefreshToken": "opaque-refresh",
            "ClientSecret": "client-secret-value-0123456789"
        }),
    );
}
