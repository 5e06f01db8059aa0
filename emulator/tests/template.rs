//! The loader on real-world templates: the seeds' CDK output and a SAM template.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_emulator::template::{load, parse, Environment, Loaded};
use cognito_protocol::pool::{AttributeType, RecoveryMechanism, SignInAttribute};

fn env() -> Environment {
    Environment {
        region: "us-east-1".into(),
        account: "000000000000".into(),
        secret_key: b"test-key".to_vec(),
        parameters: Default::default(),
        taken_clients: Default::default(),
    }
}

fn fixture(name: &str) -> Loaded {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    load(&parse(&text).unwrap(), &env(), "Stack").unwrap()
}

#[test]
fn seed1_cdk_template() {
    let t = fixture("seed1-cdk-ts.template.json");
    assert_eq!(t.pools.len(), 1);
    let pool = &t.pools[0];
    assert_eq!(pool.name, "my-user-pool");
    assert!(pool.id.starts_with("us-east-1_") && pool.id.len() == "us-east-1_".len() + 9);
    assert_eq!(pool.username_attributes, vec![SignInAttribute::Email]);
    assert_eq!(pool.auto_verified_attributes, vec![SignInAttribute::Email]);
    assert_eq!(pool.password_policy.minimum_length, 6);
    assert!(pool.password_policy.require_lowercase && !pool.password_policy.require_uppercase);
    assert_eq!(pool.recovery, vec![RecoveryMechanism::VerifiedEmail]);
    assert_eq!(pool.verification.email_subject, "Verify your new account");
    let given = pool.schema.iter().find(|a| a.name == "given_name").unwrap();
    assert!(given.required && given.mutable);
    let country = pool
        .schema
        .iter()
        .find(|a| a.name == "custom:country")
        .unwrap();
    assert_eq!(country.data_type, AttributeType::String);
    assert!(country.mutable && !country.required);
    assert!(pool.case_sensitive);

    let client = &t.clients[0].config;
    assert_eq!(client.pool_id, pool.id);
    assert_eq!(client.id.len(), 26);
    assert!(client.auth_flows.user_srp && client.auth_flows.admin_user_password);
    assert!(!client.auth_flows.user_password);
    assert!(!client.has_secret && t.clients[0].secret.is_none());
    let read = client.read_attributes.as_ref().unwrap();
    assert!(read.contains(&"custom:isAdmin".to_owned()));
    assert_eq!(client.access_token_seconds, 3600);
    assert_eq!(client.refresh_token_seconds, 30 * 86_400);
    // CDK's DeletionPolicy, Metadata and the CDKMetadata resource are not properties: no noise.
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn seed2_custom_attribute_constraints_and_aliases() {
    let t = fixture("seed2-cdk-ts.template.json");
    let pool = &t.pools[0];
    assert_eq!(pool.alias_attributes, vec![SignInAttribute::Email]);
    let attr = |n: &str| pool.schema.iter().find(|a| a.name == n).unwrap().clone();
    let tenant = attr("custom:tenant_id");
    assert_eq!(
        (tenant.min, tenant.max, tenant.mutable),
        (Some(10), Some(15), false)
    );
    let employee = attr("custom:employee_id");
    assert_eq!(employee.data_type, AttributeType::Number);
    assert_eq!((employee.min, employee.max), (Some(1), Some(100)));
    assert!(
        !attr("custom:created_at").mutable,
        "Mutable omitted in Schema means immutable"
    );
    assert!(attr("custom:is_admin").mutable);
    let family = attr("family_name");
    assert!(family.required && !family.mutable);
    assert!(pool.verification.email_message.contains("{username}"));
    let client = &t.clients[0].config;
    assert!(client.auth_flows.user_password && client.auth_flows.refresh_token);
    assert!(!client.auth_flows.user_srp);
    assert!(client.read_attributes.is_none());
}

#[test]
fn seed3_sam_yaml_with_short_form_intrinsics() {
    let t = fixture("seed3-sam.template.yaml");
    let pool = &t.pools[0];
    assert_eq!(
        pool.name, "my-app-user-pool",
        "!Sub with a parameter default"
    );
    assert!(pool.admin_create_user_only);
    assert_eq!(pool.invitation.email_subject, "Welcome to my-app");
    assert_eq!(
        pool.password_policy.temporary_password_validity_days, 30,
        "!If on a condition"
    );
    let client = &t.clients[0].config;
    assert_eq!(client.name, "my-app");
    // Legacy ADMIN_NO_SRP_AUTH: the admin password flow, with SRP and refresh implied.
    assert!(client.auth_flows.admin_user_password && client.auth_flows.user_srp);
    assert!(client.auth_flows.refresh_token && !client.auth_flows.user_password);
    // LambdaConfig is not modelled: listed once, not dropped silently.
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].starts_with("UserPool.LambdaConfig"));
}

#[test]
fn ids_and_secrets_are_stable_and_secrets_depend_on_the_data_dir_key() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/seed1-cdk-ts.template.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        "\"UserPoolId\": {",
        "\"GenerateSecret\": true, \"UserPoolId\": {",
    );
    let template = parse(&text).unwrap();
    let a = load(&template, &env(), "S").unwrap();
    let b = load(&template, &env(), "S").unwrap();
    assert_eq!(a.pools[0].id, b.pools[0].id);
    assert_eq!(a.clients[0].config.id, b.clients[0].config.id);
    let secret = a.clients[0].secret.clone().unwrap();
    assert_eq!(Some(secret.clone()), b.clients[0].secret);
    assert_eq!(secret.secret().len(), 51);
    let other_dir = Environment {
        secret_key: b"another".to_vec(),
        ..env()
    };
    let c = load(&template, &other_dir, "S").unwrap();
    assert_ne!(c.clients[0].secret, Some(secret));
}

#[test]
fn errors_name_the_resource_and_property() {
    let cases = [
        (
            r#"{"Resources":{"P":{"Type":"AWS::Cognito::UserPool","Properties":{"UsernameAttributes":["nickname"]}}}}"#,
            "P.UsernameAttributes",
        ),
        (
            r#"{"Resources":{"P":{"Type":"AWS::Cognito::UserPool","Properties":{"Schema":[{"Name":"x"}]}}}}"#,
            "P.Schema",
        ),
        (
            r#"{"Resources":{"P":{"Type":"AWS::Cognito::UserPool","Properties":{"UserPoolName":{"Ref":"Missing"}}}}}"#,
            "P.UserPoolName",
        ),
        (
            r#"{"Resources":{"P":{"Type":"AWS::Cognito::UserPool"},"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"UserPoolId":"us-east-1_nope"}}}}"#,
            "C.UserPoolId",
        ),
        (
            r#"{"Resources":{"P":{"Type":"AWS::Cognito::UserPool"},"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"UserPoolId":{"Ref":"P"},"ExplicitAuthFlows":["ALLOW_MAGIC"]}}}}"#,
            "C.ExplicitAuthFlows",
        ),
        (r#"{"Resources":{}}"#, "no AWS::Cognito::UserPool"),
    ];
    for (text, want) in cases {
        let err = load(&parse(text).unwrap(), &env(), "S").unwrap_err();
        assert!(err.to_string().contains(want), "{err} should name {want}");
    }
    assert!(parse("Resources: [").is_err());
}

#[test]
fn seed003_construct_library_examples() {
    let t = fixture("seed003-cdk-library.template.json");
    let pool = &t.pools[0];
    assert_eq!(pool.alias_attributes, vec![SignInAttribute::Email]);
    assert_eq!(
        pool.auto_verified_attributes,
        vec![SignInAttribute::Email, SignInAttribute::PhoneNumber]
    );
    let policy = &pool.password_policy;
    assert_eq!(
        (
            policy.minimum_length,
            policy.temporary_password_validity_days
        ),
        (12, 3)
    );
    assert!(policy.require_symbols && policy.require_uppercase && policy.require_numbers);
    assert_eq!(
        pool.invitation.email_subject,
        "Invite to join our awesome app!"
    );
    assert!(pool
        .verification
        .email_message
        .starts_with("Hello {username}, Thanks"));
    let attr = |n: &str| pool.schema.iter().find(|a| a.name == n).unwrap().clone();
    assert!(attr("name").required && attr("address").required);
    let id = attr("custom:myappid");
    assert_eq!((id.min, id.max, id.mutable), (Some(5), Some(15), false));
    assert_eq!(attr("custom:callingcode").data_type, AttributeType::Number);
    assert_eq!(attr("custom:joined_on").data_type, AttributeType::DateTime);
    let flows = &t.clients[0].config.auth_flows;
    assert!(flows.user_password && flows.user_srp && flows.refresh_token);
    // The SMS role is not modelled (no SMS leaves the emulator): said once, by name.
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(
        t.warnings[0].contains("SmsConfiguration"),
        "{:?}",
        t.warnings
    );
}

/// Seed 000's template as JSON, to edit.
fn seed1_json() -> serde_json::Value {
    let path = format!(
        "{}/tests/fixtures/seed1-cdk-ts.template.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resource_of_type<'a>(t: &'a mut serde_json::Value, ty: &str) -> &'a mut serde_json::Value {
    t["Resources"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .find(|r| r["Type"] == ty)
        .unwrap()
}

#[test]
fn a_condition_that_cannot_be_evaluated_is_an_error_naming_it() {
    let mut t = seed1_json();
    t["Conditions"] = serde_json::json!({"IsProd": {"Fn::Equals": [{"Ref": "Nowhere"}, "prod"]}});
    resource_of_type(&mut t, "AWS::Cognito::UserPoolClient")["Condition"] = "IsProd".into();
    let e = load(&t, &env(), "S").unwrap_err().0;
    assert!(
        e.starts_with("Conditions.IsProd: cannot be evaluated"),
        "{e}"
    );
    assert!(e.contains("Nowhere"), "{e}");
}

#[test]
fn parameters_can_be_overridden_within_their_allowed_values() {
    let mut t = seed1_json();
    t["Parameters"] = serde_json::json!({"Stage": {"Type": "String", "Default": "dev",
        "AllowedValues": ["dev", "prod"]}});
    resource_of_type(&mut t, "AWS::Cognito::UserPool")["Properties"]["UserPoolName"] =
        serde_json::json!({"Fn::Sub": "pool-${Stage}"});
    assert_eq!(load(&t, &env(), "S").unwrap().pools[0].name, "pool-dev");
    let prod = Environment {
        parameters: [("Stage".to_owned(), "prod".to_owned())].into(),
        ..env()
    };
    assert_eq!(load(&t, &prod, "S").unwrap().pools[0].name, "pool-prod");
    let bad = Environment {
        parameters: [("Stage".to_owned(), "qa".to_owned())].into(),
        ..env()
    };
    let e = load(&t, &bad, "S").unwrap_err().0;
    assert_eq!(
        e,
        "Parameters.Stage: \"qa\" is not one of its AllowedValues"
    );
    // A name no template declares is refused where all templates are known.
    let text = t.to_string();
    let unknown = cognito_emulator::build_state_with(
        &[("t.json".into(), text)],
        &std::env::temp_dir().join(format!("param-{}", std::process::id())),
        "us-east-1",
        "http://127.0.0.1:9229",
        Box::new(|| 0),
        &cognito_emulator::Options {
            parameters: [("Stag".to_owned(), "prod".to_owned())].into(),
            ..Default::default()
        },
    );
    let e = unknown.err().unwrap();
    assert!(e.contains("--parameter Stag"), "{e}");
}

#[test]
fn properties_the_emulator_ignores_never_stop_the_load() {
    let mut t = seed1_json();
    // A CloudFront distribution this template does not have (the emulator models none).
    resource_of_type(&mut t, "AWS::Cognito::UserPoolClient")["Properties"]["CallbackURLs"] =
        serde_json::json!([{"Fn::Sub": "https://${Dist.DomainName}/callback"}]);
    let loaded = load(&t, &env(), "S").unwrap();
    assert_eq!(loaded.clients.len(), 1);
}

#[test]
fn two_templates_with_one_client_logical_id_get_two_clients() {
    let text = seed1_json().to_string();
    let (state, warnings) = cognito_emulator::build_state(
        &[
            ("first.json".into(), text.clone()),
            ("second.json".into(), {
                // Another pool (logical id changed), the same client logical id.
                text.replace("userpool0AC4AA96", "otherpool0AC4AA96")
            }),
        ],
        &std::env::temp_dir().join(format!("dup-{}", std::process::id())),
        "us-east-1",
        "http://127.0.0.1:9229",
        Box::new(|| 0),
    )
    .unwrap();
    assert_eq!(state.clients.len(), 2, "neither replaced the other");
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("second.json: ") && w.contains("another template has a client")),
        "{warnings:?}"
    );
}
