//! Cognito Identity's two browser calls: their exact bodies, their answers (an `Expiration`
//! with or without a fraction), their errors, and a `Debug` that never shows the ID token.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use cognito_protocol::wire::identity::{
    provider_name, AwsCredentials, IdentityCall, IdentityId, Login,
};
use cognito_protocol::wire::parse;
use cognito_protocol::{AwsSecret, ErrorKind, IdToken};
use serde_json::json;

const POOL: &str = "us-east-1:0b9f4c51-3c7d-4a8e-9a39-2f1d6e5b7a10";
const IDENTITY: &str = "us-east-1:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

fn login() -> Login {
    Login {
        provider: provider_name("us-east-1_Abc123"),
        id_token: IdToken::new("eyJ.id-token-secret"),
    }
}

fn body_of(call: &IdentityCall) -> (String, serde_json::Value) {
    let request = call.request();
    let body = serde_json::from_str(&request.body.to_string()).unwrap();
    (request.target.to_owned(), body)
}

#[test]
fn get_id_with_a_login_or_as_a_guest() {
    assert_eq!(
        provider_name("us-east-1_Abc123"),
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123"
    );
    let signed_in = IdentityCall::GetId {
        identity_pool_id: POOL.into(),
        login: Some(login()),
    };
    assert_eq!(
        body_of(&signed_in),
        (
            "AWSCognitoIdentityService.GetId".to_owned(),
            json!({"IdentityPoolId": POOL,
                   "Logins": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123": "eyJ.id-token-secret"}})
        )
    );
    let guest = IdentityCall::GetId {
        identity_pool_id: POOL.into(),
        login: None,
    };
    assert_eq!(body_of(&guest).1, json!({"IdentityPoolId": POOL}));
}

#[test]
fn credentials_for_an_identity() {
    let call = IdentityCall::GetCredentialsForIdentity {
        identity_id: IDENTITY.into(),
        login: Some(login()),
    };
    assert_eq!(
        body_of(&call),
        (
            "AWSCognitoIdentityService.GetCredentialsForIdentity".to_owned(),
            json!({"IdentityId": IDENTITY,
                   "Logins": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123": "eyJ.id-token-secret"}})
        )
    );
    let shown = format!("{call:?}");
    assert!(
        !shown.contains("id-token-secret") && shown.contains("[redacted]"),
        "{shown}"
    );
}

#[test]
fn answers_are_read_and_secrets_kept_out_of_debug() {
    assert_eq!(
        parse::<IdentityId>(200, &format!(r#"{{"IdentityId":"{IDENTITY}"}}"#)).unwrap(),
        IdentityId(IDENTITY.into())
    );
    // Expiration is epoch seconds; the AWS SDKs read it as a double, the emulator writes a
    // whole number.
    for expiration in ["1796205600", "1796205600.123", "1.7962056001E9"] {
        let body = format!(
            r#"{{"IdentityId":"{IDENTITY}","Credentials":{{"AccessKeyId":"ASIAEXAMPLE","SecretKey":"secret-key-value","SessionToken":"session-token-value","Expiration":{expiration}}}}}"#
        );
        let credentials: AwsCredentials = parse(200, &body).unwrap();
        assert_eq!(credentials.expiration, 1_796_205_600, "{expiration}");
        assert_eq!(credentials.access_key_id, "ASIAEXAMPLE");
        assert_eq!(credentials.secret_key, AwsSecret::new("secret-key-value"));
        let shown = format!("{credentials:?}");
        assert!(
            !shown.contains("secret-key-value") && !shown.contains("session-token-value"),
            "{shown}"
        );
    }
    let incomplete = parse::<AwsCredentials>(200, &format!(r#"{{"IdentityId":"{IDENTITY}"}}"#));
    assert!(incomplete.is_err());
}

#[test]
fn errors_keep_their_kind() {
    let refused = parse::<IdentityId>(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Invalid login token. Token expired: 1796205600 >= 1796202000"}"#,
    )
    .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::NotAuthorized);
    let gone = parse::<AwsCredentials>(
        400,
        r#"{"__type":"ResourceNotFoundException","message":"Identity 'us-east-1:x' not found."}"#,
    )
    .unwrap_err();
    assert_eq!(gone.name, "ResourceNotFoundException");
}
