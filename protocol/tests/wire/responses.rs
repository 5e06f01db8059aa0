//! Real-looking success bodies read into the typed responses.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::collections::BTreeMap;

use cognito_protocol::json::Map;
use cognito_protocol::wire::{
    parse, password_verifier, required_attributes, user_attributes, AuthResponse, CodeDelivery,
    CodeDeliveryList, GetUserResponse, SignUpResponse,
};
use cognito_protocol::{AccessToken, ErrorKind, IdToken, RefreshToken};

fn email_delivery() -> CodeDelivery {
    CodeDelivery {
        destination: "b***@g***".to_owned(),
        medium: "EMAIL".to_owned(),
        attribute: "email".to_owned(),
    }
}

#[test]
fn sign_up_answer() {
    let body = r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"b***@g***"},"UserConfirmed":false,"UserSub":"744bf586-8e4c-4d2a-9f7b-1a2b3c4d5e6f"}"#;
    let parsed: SignUpResponse = parse(200, body).unwrap();
    assert_eq!(
        parsed,
        SignUpResponse {
            user_confirmed: false,
            user_sub: "744bf586-8e4c-4d2a-9f7b-1a2b3c4d5e6f".to_owned(),
            code_delivery: Some(email_delivery()),
        }
    );
    let confirmed: SignUpResponse =
        parse(200, r#"{"UserConfirmed":true,"UserSub":"u-1"}"#).unwrap();
    assert!(confirmed.user_confirmed);
    assert_eq!(confirmed.code_delivery, None);
}

#[test]
fn sign_up_answer_without_sub_is_malformed() {
    let err = parse::<SignUpResponse>(200, r#"{"UserConfirmed":false}"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
    assert_eq!(err.message, "SignUp response without UserSub");
}

#[test]
fn code_delivery_answers() {
    let body = r#"{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"b***@g***"}}"#;
    assert_eq!(
        parse::<Option<CodeDelivery>>(200, body).unwrap(),
        Some(email_delivery())
    );
    assert_eq!(parse::<Option<CodeDelivery>>(200, "{}").unwrap(), None);
    parse::<()>(200, "").unwrap();
    parse::<()>(200, "{}").unwrap();
}

#[test]
fn update_user_attributes_answers_with_every_delivery() {
    let body = r#"{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"b***@g***"},{"AttributeName":"phone_number","DeliveryMedium":"SMS","Destination":"+*******1212"}]}"#;
    let CodeDeliveryList(list) = parse(200, body).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0], email_delivery());
    assert_eq!(
        (list[1].attribute.as_str(), list[1].medium.as_str()),
        ("phone_number", "SMS")
    );
    // Nothing to verify: no list, or an empty one.
    for body in ["{}", r#"{"CodeDeliveryDetailsList":[]}"#] {
        assert_eq!(parse::<CodeDeliveryList>(200, body).unwrap().0, vec![]);
    }
}

#[test]
fn password_verifier_challenge_has_no_session() {
    let body = r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"8a9f3e1c","SECRET_BLOCK":"AYADeD1x+block==","SRP_B":"d07c2a","USERNAME":"mary","USER_ID_FOR_SRP":"mary"}}"#;
    let AuthResponse::Challenge {
        name,
        session,
        parameters,
    } = parse(200, body).unwrap()
    else {
        panic!("expected a challenge");
    };
    assert_eq!(name, "PASSWORD_VERIFIER");
    assert_eq!(session, None);
    assert_eq!(parameters.len(), 5);
    assert_eq!(parameters["USERNAME"], "mary");
    let challenge = password_verifier(&parameters).unwrap();
    assert_eq!(challenge.salt, "8a9f3e1c");
    assert_eq!(challenge.srp_b, "d07c2a");
    assert_eq!(challenge.secret_block, "AYADeD1x+block==");
    assert_eq!(challenge.user_id_for_srp, "mary");

    let mut short = parameters;
    short.remove("SRP_B");
    let err = password_verifier(&short).unwrap_err();
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
    assert_eq!(err.message, "PASSWORD_VERIFIER challenge without SRP_B");
}

#[test]
fn new_password_required_challenge() {
    let body = r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"AYABeNewPwSession","ChallengeParameters":{"USER_ID_FOR_SRP":"carol","requiredAttributes":"[\"userAttributes.given_name\",\"userAttributes.family_name\"]","userAttributes":"{\"email_verified\":\"true\",\"email\":\"carol@example.com\"}"}}"#;
    let AuthResponse::Challenge {
        name,
        session,
        parameters,
    } = parse(200, body).unwrap()
    else {
        panic!("expected a challenge");
    };
    assert_eq!(name, "NEW_PASSWORD_REQUIRED");
    assert_eq!(session.as_deref(), Some("AYABeNewPwSession"));
    assert_eq!(
        required_attributes(&parameters).unwrap(),
        vec!["given_name".to_owned(), "family_name".to_owned()]
    );
    let expected: BTreeMap<String, String> = [
        ("email".to_owned(), "carol@example.com".to_owned()),
        ("email_verified".to_owned(), "true".to_owned()),
    ]
    .into();
    assert_eq!(user_attributes(&parameters).unwrap(), expected);

    let none = Map::new();
    assert_eq!(required_attributes(&none).unwrap(), Vec::<String>::new());
    assert_eq!(user_attributes(&none).unwrap(), BTreeMap::new());
    let bad: Map<String> = [("requiredAttributes".to_owned(), "not json".to_owned())]
        .into_iter()
        .collect();
    assert_eq!(
        required_attributes(&bad).unwrap_err().kind,
        ErrorKind::MalformedResponse
    );
}

#[test]
fn tokens_after_sign_in_and_after_refresh() {
    let body = r#"{"AuthenticationResult":{"AccessToken":"eyJ.access.sig","ExpiresIn":3600,"IdToken":"eyJ.id.sig","RefreshToken":"eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh","TokenType":"Bearer"},"ChallengeParameters":{}}"#;
    let AuthResponse::Tokens(tokens) = parse(200, body).unwrap() else {
        panic!("expected tokens");
    };
    assert_eq!(tokens.id_token, IdToken::new("eyJ.id.sig"));
    assert_eq!(tokens.access_token, AccessToken::new("eyJ.access.sig"));
    assert_eq!(
        tokens.refresh_token,
        Some(RefreshToken::new(
            "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh"
        ))
    );
    assert_eq!(tokens.expires_in, 3600);
    assert_eq!(tokens.token_type, "Bearer");
    let shown = format!("{tokens:?}");
    assert!(
        !shown.contains("eyJ.access.sig") && !shown.contains("eyJ.id.sig"),
        "{shown}"
    );

    let refreshed = r#"{"AuthenticationResult":{"AccessToken":"a2","ExpiresIn":300,"IdToken":"i2","TokenType":"Bearer"},"ChallengeParameters":{}}"#;
    let AuthResponse::Tokens(tokens) = parse(200, refreshed).unwrap() else {
        panic!("expected tokens");
    };
    assert_eq!(tokens.refresh_token, None);
    assert_eq!(tokens.expires_in, 300);

    let err = parse::<AuthResponse>(200, r#"{"ChallengeParameters":{}}"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
}

#[test]
fn get_user_answer() {
    let body = r#"{"UserAttributes":[{"Name":"sub","Value":"711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f"},{"Name":"email_verified","Value":"true"},{"Name":"email","Value":"mary@example.com"}],"Username":"711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f"}"#;
    let user: GetUserResponse = parse(200, body).unwrap();
    let pair = |n: &str, v: &str| (n.to_owned(), v.to_owned());
    assert_eq!(
        user,
        GetUserResponse {
            username: "711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f".to_owned(),
            attributes: vec![
                pair("sub", "711e8fe5-3c4b-4a46-9d4e-0d1b2c3d4e5f"),
                pair("email_verified", "true"),
                pair("email", "mary@example.com"),
            ],
            mfa: Default::default(),
        }
    );
}

#[test]
fn get_user_reports_the_mfa_settings() {
    use cognito_protocol::mfa::{MfaFactor, UserMfa};
    let body = r#"{"UserAttributes":[],"Username":"u","UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"PreferredMfaSetting":"EMAIL_OTP"}"#;
    let user: GetUserResponse = parse(200, body).unwrap();
    let want = UserMfa {
        enabled: vec![MfaFactor::SoftwareToken, MfaFactor::Email],
        preferred: Some(MfaFactor::Email),
    };
    assert_eq!(user.mfa, want);
}

#[test]
fn list_devices_reads_name_last_use_and_remembered() {
    use cognito_protocol::wire::{DeviceInfo, DeviceList};
    let body = r#"{"Devices":[{"DeviceKey":"us-east-1_a","DeviceAttributes":[
        {"Name":"device_status","Value":"valid"},{"Name":"device_name","Value":"Firefox"},
        {"Name":"dev:device_remembered_status","Value":"remembered"}],
        "DeviceLastAuthenticatedDate":1.796191242123E9},
        {"DeviceKey":"us-east-1_b","DeviceAttributes":[
        {"Name":"dev:device_remembered_status","Value":"not_remembered"}]}]}"#;
    let list: DeviceList = parse(200, body).unwrap();
    assert_eq!(
        list.0,
        vec![
            DeviceInfo {
                key: "us-east-1_a".into(),
                name: "Firefox".into(),
                last_used: Some(1_796_191_242),
                remembered: true,
            },
            DeviceInfo {
                key: "us-east-1_b".into(),
                name: String::new(),
                last_used: None,
                remembered: false,
            },
        ]
    );
    let empty: DeviceList = parse(200, "{}").unwrap();
    assert!(empty.0.is_empty());
}
