//! The configuration file: amplify_outputs.json, cdk-outputs.json or explicit options, and a
//! plain error (never a panic) for each way it can be wrong.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_widget::config::{AuthFlow, Config, StorageChoice};
use cognito_widget::error::AuthError;
use serde_json::json;

fn config(value: serde_json::Value) -> Result<Config, AuthError> {
    Config::from_json(&value.to_string())
}

fn why(value: serde_json::Value) -> String {
    match config(value) {
        Err(AuthError::Config(why)) => why,
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn amplify_outputs_with_the_options_it_lacks() {
    let c = config(json!({
        "amplify_outputs": {"version": "1.4", "auth": {
            "aws_region": "eu-west-1", "user_pool_id": "eu-west-1_AbCdEf123",
            "user_pool_client_id": "client1", "username_attributes": ["email"],
            "standard_required_attributes": ["family_name"],
            "password_policy": {"min_length": 10, "require_symbols": true}}},
        "custom_attributes": [{"name": "custom:tenant_id", "data_type": "String", "mutable": false,
                               "required": false, "min": 10, "max": 15}],
        "auth_flow": "USER_PASSWORD_AUTH", "storage": "session", "language": "en-GB"
    }))
    .unwrap();
    assert_eq!(
        c.endpoint, "https://cognito-idp.eu-west-1.amazonaws.com/",
        "real Cognito by default"
    );
    assert_eq!(c.pool.pool_name(), "AbCdEf123");
    assert_eq!(
        (c.client_id.as_str(), c.flow, c.storage),
        ("client1", AuthFlow::Password, StorageChoice::Session)
    );
    assert_eq!(c.password_policy.minimum_length, 10);
    assert!(c.password_policy.require_symbols && !c.password_policy.require_uppercase);
    assert_eq!(c.custom_attributes[0].max, Some(15));
    assert_eq!(
        c.language,
        cognito_widget::i18n::Language::En,
        "en-GB is English"
    );
}

#[test]
fn cdk_outputs_name_the_pool_and_client() {
    // What `cdk deploy --outputs-file cdk-outputs.json` writes for the seeds' stacks.
    let c = config(json!({
        "cdk_outputs": {"CognitoUserPoolStack": {"userPoolId": "us-east-1_o9jNAIJe0",
                                                 "userPoolClientId": "4v140f6p0bghsau8dbg889bknc"},
                        "OtherStack": {"BucketName": "b"}},
        "auth": {"username_attributes": ["email"], "password_policy": {"min_length": 8}},
        "endpoint": "http://127.0.0.1:9229"
    }))
    .unwrap();
    assert_eq!(c.pool.as_str(), "us-east-1_o9jNAIJe0");
    assert_eq!(c.client_id, "4v140f6p0bghsau8dbg889bknc");
    assert_eq!(c.endpoint, "http://127.0.0.1:9229/");
    assert_eq!(c.username_attributes, vec!["email".to_owned()]);
    assert_eq!(
        (c.flow, c.storage),
        (AuthFlow::Srp, StorageChoice::Local),
        "the defaults"
    );
}

#[test]
fn explicit_options_alone() {
    let c = config(json!({"auth": {"user_pool_id": "ap-south-1_Xyz", "user_pool_client_id": "c"}}))
        .unwrap();
    assert_eq!(c.pool.region(), "ap-south-1");
}

#[test]
fn each_mistake_is_named() {
    let pool = |id: &str| json!({"auth": {"user_pool_id": id, "user_pool_client_id": "c"}});
    assert!(why(json!({"storage": "local"})).starts_with("no user pool"));
    assert!(why(pool("not-a-pool-id")).starts_with("auth.user_pool_id"));
    let mut wrong_region = pool("us-east-1_Abc");
    wrong_region["auth"]["aws_region"] = json!("eu-west-1");
    assert_eq!(
        why(wrong_region),
        "auth.aws_region is eu-west-1 but the pool us-east-1_Abc is in us-east-1"
    );
    let mut storage = pool("us-east-1_Abc");
    storage["storage"] = json!("cookies");
    assert_eq!(
        why(storage),
        "storage cookies is not local, session or memory"
    );
    let mut flow = pool("us-east-1_Abc");
    flow["auth_flow"] = json!("CUSTOM_AUTH");
    assert!(why(flow).starts_with("auth_flow CUSTOM_AUTH"));
    let mut language = pool("us-east-1_Abc");
    language["language"] = json!("tlh");
    assert_eq!(
        why(language),
        "language tlh is not available (en, de, fr and es are)"
    );
    let two = json!({"cdk_outputs": {
        "A": {"UserPoolId": "us-east-1_A", "UserPoolClientId": "a"},
        "B": {"UserPoolId": "us-east-1_B", "UserPoolClientId": "b"}}});
    assert!(why(two).contains("several stacks"));
    assert!(matches!(
        Config::from_json("{not json"),
        Err(AuthError::Config(_))
    ));
}

#[test]
fn the_host_chooses_the_heading_level_and_the_optional_sign_up_attributes() {
    let base = || {
        json!({
            "auth": {"aws_region": "us-east-1", "user_pool_id": "us-east-1_Abc",
                     "user_pool_client_id": "c1", "standard_required_attributes": ["given_name"]},
            "custom_attributes": [
                {"name": "custom:department", "data_type": "String"},
                {"name": "custom:is_admin", "data_type": "Boolean"}]
        })
    };
    // By default: no level chosen, every custom attribute, no optional standard one.
    let c = config(base()).unwrap();
    assert_eq!(c.heading_level, None);
    assert_eq!(c.custom_attributes.len(), 2);
    assert!(c.optional_attributes.is_empty());

    let mut chosen = base();
    chosen["heading_level"] = json!(3);
    chosen["sign_up_attributes"] = json!(["nickname", "custom:department"]);
    let c = config(chosen).unwrap();
    assert_eq!(c.heading_level, Some(3));
    let custom: Vec<_> = c
        .custom_attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        custom,
        ["custom:department"],
        "a public form need not offer is_admin"
    );
    assert_eq!(c.optional_attributes, ["nickname"]);
    assert_eq!(c.required_attributes, ["given_name"], "required ones stay");

    for (level, wrong) in [(json!(0), "0"), (json!(7), "7")] {
        let mut bad = base();
        bad["heading_level"] = level;
        assert_eq!(why(bad), format!("heading_level {wrong} is not 1 to 6"));
    }
    let mut bad = base();
    bad["sign_up_attributes"] = json!(["custom:unknown"]);
    assert_eq!(
        why(bad),
        "sign_up_attributes: custom:unknown is not an attribute"
    );
}

#[test]
fn the_identity_pool_and_where_cognito_identity_answers() {
    let amplify = |endpoint: Option<&str>| {
        let mut file = json!({"amplify_outputs": {"version": "1.4", "auth": {
            "aws_region": "eu-west-1", "user_pool_id": "eu-west-1_AbCdEf123",
            "user_pool_client_id": "client1",
            "identity_pool_id": "eu-west-1:7f0c2a1b-9d01-4b4e-9a57-0b6f5c1e1d2c",
            "unauthenticated_identities_enabled": true}}});
        if let Some(e) = endpoint {
            file["endpoint"] = json!(e);
        }
        config(file).unwrap().identity_pool.unwrap()
    };
    let real = amplify(None);
    assert_eq!(real.id, "eu-west-1:7f0c2a1b-9d01-4b4e-9a57-0b6f5c1e1d2c");
    assert!(real.guests);
    assert_eq!(
        real.endpoint, "https://cognito-identity.eu-west-1.amazonaws.com/",
        "the identity pool's region's Cognito Identity"
    );
    assert_eq!(
        amplify(Some("http://127.0.0.1:9229")).endpoint,
        "http://127.0.0.1:9229/",
        "the emulator answers both APIs on its one port"
    );
    let cdk = config(json!({"cdk_outputs": {"Stack": {
        "UserPoolId": "us-east-1_o9jNAIJe0", "UserPoolClientId": "c",
        "IdentityPoolId": "us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01"}}}))
    .unwrap()
    .identity_pool
    .unwrap();
    assert_eq!(cdk.id, "us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01");
    assert!(!cdk.guests, "guests only when the configuration says so");
    let none =
        config(json!({"auth": {"user_pool_id": "us-east-1_Abc", "user_pool_client_id": "c"}}));
    assert_eq!(none.unwrap().identity_pool, None);
    assert_eq!(
        why(
            json!({"auth": {"user_pool_id": "us-east-1_Abc", "user_pool_client_id": "c",
                            "identity_pool_id": "0b6f5c1e"}})
        ),
        "auth.identity_pool_id 0b6f5c1e is not <region>:<id>"
    );
}
