//! The calls of second factors and devices give the exact target and body.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::wire::{Call, TokenOrSession};
use cognito_protocol::{AccessToken, RefreshToken};
use serde_json::json;

use super::requests::{s, CLIENT};

fn body(call: Call, target: &str) -> serde_json::Value {
    let request = call.request();
    assert_eq!(
        request.target,
        format!("AWSCognitoIdentityProviderService.{target}")
    );
    serde_json::from_str(&request.body.to_string()).unwrap()
}

fn token() -> AccessToken {
    AccessToken::new("eyJ.access")
}

#[test]
fn challenge_answers_name_the_challenge_and_session() {
    let call = Call::Respond {
        client_id: s(CLIENT),
        challenge: s("SOFTWARE_TOKEN_MFA"),
        session: Some(s("S1")),
        answers: vec![
            (s("USERNAME"), s("u")),
            (s("SOFTWARE_TOKEN_MFA_CODE"), s("123456")),
        ],
    };
    assert_eq!(
        body(call, "RespondToAuthChallenge"),
        json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "ClientId": CLIENT, "Session": "S1",
               "ChallengeResponses": {"USERNAME": "u", "SOFTWARE_TOKEN_MFA_CODE": "123456"}})
    );
}

#[test]
fn software_token_calls_go_by_token_or_session() {
    let by_session = Call::AssociateSoftwareToken {
        by: TokenOrSession::Session(s("S1")),
    };
    assert_eq!(
        body(by_session, "AssociateSoftwareToken"),
        json!({"Session": "S1"})
    );
    let verify = Call::VerifySoftwareToken {
        by: TokenOrSession::Token(token()),
        code: s("123456"),
        device_name: s("Pixel"),
    };
    assert_eq!(
        body(verify, "VerifySoftwareToken"),
        json!({"AccessToken": "eyJ.access", "UserCode": "123456", "FriendlyDeviceName": "Pixel"})
    );
}

#[test]
fn preferences_send_only_the_factors_named() {
    let call = Call::SetUserMfaPreference {
        access_token: token(),
        settings: vec![
            (MfaFactor::Email, true, true),
            (MfaFactor::SoftwareToken, false, false),
        ],
    };
    assert_eq!(
        body(call, "SetUserMFAPreference"),
        json!({"AccessToken": "eyJ.access",
               "EmailMfaSettings": {"Enabled": true, "PreferredMfa": true},
               "SoftwareTokenMfaSettings": {"Enabled": false, "PreferredMfa": false}})
    );
}

#[test]
fn device_calls() {
    let confirm = Call::ConfirmDevice {
        access_token: token(),
        device_key: s("us-east-1_d1"),
        verifier: s("dmVyaWZpZXI="),
        salt: s("c2FsdA=="),
        name: s("Firefox"),
    };
    assert_eq!(
        body(confirm, "ConfirmDevice"),
        json!({"AccessToken": "eyJ.access", "DeviceKey": "us-east-1_d1", "DeviceName": "Firefox",
               "DeviceSecretVerifierConfig": {"PasswordVerifier": "dmVyaWZpZXI=", "Salt": "c2FsdA=="}})
    );
    let status = Call::UpdateDeviceStatus {
        access_token: token(),
        device_key: s("us-east-1_d1"),
        remembered: true,
    };
    assert_eq!(
        body(status, "UpdateDeviceStatus"),
        json!({"AccessToken": "eyJ.access", "DeviceKey": "us-east-1_d1", "DeviceRememberedStatus": "remembered"})
    );
    let forget = Call::ForgetDevice {
        access_token: token(),
        device_key: s("us-east-1_d1"),
    };
    assert_eq!(
        body(forget, "ForgetDevice"),
        json!({"AccessToken": "eyJ.access", "DeviceKey": "us-east-1_d1"})
    );
    let refresh = Call::GetTokensFromRefreshToken {
        client_id: s(CLIENT),
        refresh_token: RefreshToken::new("r"),
        client_secret: None,
        device_key: Some(s("us-east-1_d1")),
    };
    assert_eq!(
        body(refresh, "GetTokensFromRefreshToken"),
        json!({"ClientId": CLIENT, "RefreshToken": "r", "DeviceKey": "us-east-1_d1"})
    );
}
