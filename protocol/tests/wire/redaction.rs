//! `Debug` of a request or call never shows a password, token, client secret or secret hash.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use cognito_protocol::wire::Call;
use cognito_protocol::{AccessToken, ClientSecret, Password, RefreshToken};
use serde_json::json;

use crate::requests::{hash, s, CLIENT};

#[test]
fn debug_redacts_passwords_tokens_and_hashes() {
    let calls = [
        Call::InitiatePassword {
            client_id: s(CLIENT),
            username: s("mary"),
            password: Password::new("Sup3r-Secret-Pw"),
            secret_hash: hash(),
        },
        Call::GetUser {
            access_token: AccessToken::new("eyJ.secret-access-token"),
        },
        Call::RevokeToken {
            client_id: s(CLIENT),
            token: RefreshToken::new("secret-refresh-token"),
            client_secret: Some(ClientSecret::new("secret-client-secret")),
        },
        Call::GetTokensFromRefreshToken {
            client_id: s(CLIENT),
            refresh_token: RefreshToken::new("secret-refresh-token"),
            client_secret: Some(ClientSecret::new("secret-client-secret")),
            device_key: None,
        },
        Call::ConfirmDevice {
            access_token: AccessToken::new("secret-access-token"),
            device_key: s("us-east-1_d"),
            verifier: s("v"),
            salt: s("s"),
            name: s("n"),
        },
        Call::ConfirmForgotPassword {
            client_id: s(CLIENT),
            username: s("mary"),
            code: s("111222"),
            password: Password::new("Sup3r-Secret-Pw"),
            secret_hash: hash(),
        },
        Call::ChangePassword {
            access_token: AccessToken::new("secret-access-token"),
            previous: Password::new("Sup3r-Secret-Pw"),
            proposed: Password::new("Sup3r-Secret-Pw-2"),
        },
        Call::DeleteUser {
            access_token: AccessToken::new("secret-access-token"),
        },
    ];
    for call in calls {
        let request = format!("{:?}", call.request());
        let wrapped = format!("{call:?}");
        for shown in [&request, &wrapped] {
            for secret in [
                "Sup3r-Secret-Pw",
                "secret-access-token",
                "secret-refresh",
                "secret-client",
            ] {
                assert!(!shown.contains(secret), "{shown}");
            }
            assert!(!shown.contains(&hash().unwrap()), "{shown}");
            assert!(shown.contains("[redacted]"), "{shown}");
            assert!(
                shown.contains("AWSCognitoIdentityProviderService."),
                "{shown}"
            );
        }
    }
    let shown = format!(
        "{:?}",
        Call::InitiatePassword {
            client_id: s(CLIENT),
            username: s("mary"),
            password: Password::new("Sup3r-Secret-Pw"),
            secret_hash: None,
        }
        .request()
    );
    let prefix = "Request { target: \"AWSCognitoIdentityProviderService.InitiateAuth\", body: ";
    let body = shown
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(" }"));
    let body: serde_json::Value = serde_json::from_str(body.expect(&shown)).unwrap();
    assert_eq!(
        body,
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
            "AuthParameters": {"USERNAME": "mary", "PASSWORD": "[redacted]"}
        })
    );
}

#[test]
fn debug_redacts_one_time_codes() {
    let calls = [
        Call::VerifyUserAttribute {
            access_token: AccessToken::new("eyJ.secret-access-token"),
            attribute: s("email"),
            code: s("864209"),
        },
        Call::ConfirmSignUp {
            client_id: s(CLIENT),
            username: s("mary"),
            code: s("864209"),
            secret_hash: None,
        },
        Call::ConfirmForgotPassword {
            client_id: s(CLIENT),
            username: s("mary"),
            code: s("864209"),
            password: Password::new("Sup3r-Secret-Pw"),
            secret_hash: None,
        },
    ];
    for call in calls {
        let shown = format!("{call:?}");
        assert!(!shown.contains("864209"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
