//! The configuration file's one JSON form: what is written reads back the same, defaults are
//! filled, and a wrong member is named by its path.

use super::WidgetConfig;
use crate::pool::AttributeType;

fn read(text: &str) -> Result<WidgetConfig, String> {
    WidgetConfig::parse(text)
}

const FULL: &str = r#"{
  "endpoint": "http://127.0.0.1:9229/",
  "amplify_outputs": {"version": "1.4", "auth": {
    "aws_region": "us-east-1", "user_pool_id": "us-east-1_Abc", "user_pool_client_id": "c1",
    "password_policy": {"min_length": 12, "require_lowercase": true, "require_symbols": false},
    "standard_required_attributes": ["email", "given_name"],
    "username_attributes": ["email"], "user_verification_types": ["email"],
    "identity_pool_id": "us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01",
    "unauthenticated_identities_enabled": true,
    "unknown_member": {"ignored": [1, 2]}}},
  "cdk_outputs": {"Stack": {"UserPoolId": "us-east-1_Abc", "Count": 3}},
  "auth": {"user_pool_client_id": "c2", "username_attributes": ["phone_number"]},
  "custom_attributes": [
    {"name": "custom:tenant_id", "data_type": "String", "mutable": false, "required": false,
     "min": 10, "max": 15},
    {"name": "custom:age", "data_type": "Number", "min": -1}],
  "auth_flow": "USER_PASSWORD_AUTH", "storage": "memory", "language": "de",
  "initial_screen": "sign-up", "hide_sign_up": true,
  "request_timeout_ms": 4000, "expose_refresh_token": true,
  "remember_devices": "on-prompt", "totp_issuer": "Example",
  "heading_level": 3, "sign_up_attributes": ["given_name", "custom:age"],
  "write_attributes": ["given_name", "custom:age"],
  "hide_account_sections": ["delete-account"]
}"#;

#[test]
fn every_member_is_read() {
    let c = read(FULL).unwrap();
    assert_eq!(c.endpoint.as_deref(), Some("http://127.0.0.1:9229/"));
    assert_eq!(c.heading_level, Some(3));
    assert_eq!(
        c.sign_up_attributes.as_deref(),
        Some(&["given_name".to_owned(), "custom:age".to_owned()][..])
    );
    let auth = &c.amplify_outputs.as_ref().unwrap().auth;
    assert_eq!(auth.user_pool_client_id, "c1");
    assert_eq!(auth.password_policy.as_ref().unwrap().min_length, Some(12));
    assert_eq!(auth.standard_required_attributes, ["email", "given_name"]);
    assert_eq!(
        c.auth.as_ref().unwrap().user_pool_client_id.as_deref(),
        Some("c2")
    );
    assert_eq!(c.custom_attributes[0].max, Some(15));
    assert!(!c.custom_attributes[0].mutable);
    let age = &c.custom_attributes[1];
    assert_eq!(
        (age.data_type, age.min, age.max),
        (AttributeType::Number, Some(-1), None)
    );
    assert!(age.mutable && !age.required, "the defaults");
    assert_eq!(
        c.cdk_outputs.as_ref().unwrap().get("Stack").unwrap()["Count"].as_u64(),
        Some(3)
    );
    assert!(c.hide_sign_up);
    assert_eq!(c.request_timeout_ms, Some(4000));
    assert!(c.expose_refresh_token);
    assert_eq!(c.resolved_auth().unwrap().user_pool_client_id, "c2");
    assert_eq!(
        c.write_attributes.as_deref(),
        Some(&["given_name".to_owned(), "custom:age".to_owned()][..])
    );
    assert_eq!(c.hide_account_sections, ["delete-account"]);
    assert_eq!(
        auth.identity_pool_id.as_deref(),
        Some("us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01")
    );
    assert_eq!(auth.unauthenticated_identities_enabled, Some(true));
}

#[test]
fn the_identity_pool_comes_from_any_of_the_three_sources() {
    let cdk = read(
        r#"{"cdk_outputs": {"Auth": {"UserPoolId": "us-east-1_Abc", "UserPoolClientId": "c1",
            "IdentityPoolId": "us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01"}}}"#,
    )
    .unwrap()
    .resolved_auth()
    .unwrap();
    assert_eq!(
        (cdk.user_pool_id.as_str(), cdk.identity_pool_id.as_deref()),
        (
            "us-east-1_Abc",
            Some("us-east-1:0b6f5c1e-1d2c-4b4e-9a57-3f0c2a1b9d01")
        )
    );
    assert_eq!(cdk.unauthenticated_identities_enabled, None);
    let explicit = read(
        r#"{"amplify_outputs": {"auth": {"user_pool_id": "us-east-1_Abc",
            "user_pool_client_id": "c1", "identity_pool_id": "us-east-1:aaaa",
            "unauthenticated_identities_enabled": true}},
           "auth": {"identity_pool_id": "us-east-1:bbbb",
            "unauthenticated_identities_enabled": false}}"#,
    )
    .unwrap()
    .resolved_auth()
    .unwrap();
    assert_eq!(
        (
            explicit.identity_pool_id.as_deref(),
            explicit.unauthenticated_identities_enabled
        ),
        (Some("us-east-1:bbbb"), Some(false)),
        "explicit options override the file's"
    );
    let none = read(r#"{"auth": {"user_pool_id": "us-east-1_Abc"}}"#)
        .unwrap()
        .resolved_auth()
        .unwrap();
    assert_eq!(none.identity_pool_id, None);
    assert_eq!(
        read(r#"{"auth": {"unauthenticated_identities_enabled": "yes"}}"#).unwrap_err(),
        "auth.unauthenticated_identities_enabled is not true or false"
    );
}

#[test]
fn what_is_written_reads_back_the_same() {
    let c = read(FULL).unwrap();
    assert_eq!(read(&c.to_json().to_string()).unwrap(), c);
    let empty = read("{}").unwrap();
    assert_eq!(
        empty.to_json().to_string(),
        "{}",
        "absent options are left out"
    );
    assert_eq!(read("{}").unwrap(), empty);
}

#[test]
fn null_is_absent_and_unknown_members_are_ignored() {
    let c =
        read(r#"{"endpoint": null, "storage": null, "extra": 1, "hide_sign_up": null}"#).unwrap();
    assert_eq!((c.endpoint, c.storage, c.hide_sign_up), (None, None, false));
}

#[test]
fn a_wrong_member_is_named_by_its_path() {
    let cases = [
        ("[]", "the configuration is not a JSON object"),
        ("{\"endpoint\": 1}", "endpoint is not text"),
        (
            "{\"hide_sign_up\": \"yes\"}",
            "hide_sign_up is not true or false",
        ),
        (
            "{\"amplify_outputs\": {}}",
            "amplify_outputs.auth is missing",
        ),
        (
            r#"{"amplify_outputs": {"auth": {"user_pool_client_id": "c"}}}"#,
            "amplify_outputs.auth.user_pool_id is missing",
        ),
        (
            r#"{"amplify_outputs": {"auth": {"user_pool_id": 5, "user_pool_client_id": "c"}}}"#,
            "amplify_outputs.auth.user_pool_id is not text",
        ),
        (
            r#"{"auth": {"password_policy": {"min_length": -3}}}"#,
            "auth.password_policy.min_length is not a length",
        ),
        (
            r#"{"auth": {"password_policy": {"min_length": 8.5}}}"#,
            "auth.password_policy.min_length is not a whole number",
        ),
        (
            r#"{"auth": {"username_attributes": ["email", 7]}}"#,
            "auth.username_attributes is not a list of texts",
        ),
        (
            "{\"custom_attributes\": {}}",
            "custom_attributes is not a list",
        ),
        (
            r#"{"custom_attributes": [{"name": "custom:a"}, {"data_type": "String"}]}"#,
            "custom_attributes[1].name is missing",
        ),
        (
            r#"{"custom_attributes": [{"name": "custom:a", "data_type": "Text"}]}"#,
            "custom_attributes[0].data_type is Text, not String, Number, DateTime or Boolean",
        ),
        (
            r#"{"cdk_outputs": {"Stack": "us-east-1_Abc"}}"#,
            "cdk_outputs.Stack is not an object",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).unwrap_err(), want, "{text}");
    }
    assert!(read("{nope").unwrap_err().starts_with("not JSON: "));
}
