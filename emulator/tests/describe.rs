//! DescribeUserPool reports what the template says, including what the emulator does not
//! enforce yet (MFA).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::oneshot::{api, ids, state_from};
use serde_json::{json, Value};

#[tokio::test]
async fn describe_user_pool_reports_the_template() {
    let (name, text) = common::fixture("seed1-cdk-ts.template.json");
    let mut t: Value = serde_json::from_str(&text).unwrap();
    for r in t["Resources"].as_object_mut().unwrap().values_mut() {
        if r["Type"] == "AWS::Cognito::UserPool" {
            r["Properties"]["MfaConfiguration"] = json!("OPTIONAL");
            r["Properties"]["DeletionProtection"] = json!("ACTIVE");
            r["Properties"]["VerificationMessageTemplate"]["DefaultEmailOption"] =
                json!("CONFIRM_WITH_LINK");
        }
    }
    let (s, _) = state_from((name, t.to_string()));
    let (pool, _) = ids(&s);
    let described = api(&s, "DescribeUserPool", json!({"UserPoolId": pool}))
        .await
        .unwrap();
    let p = &described["UserPool"];
    assert_eq!(p["MfaConfiguration"], "OPTIONAL");
    assert_eq!(p["DeletionProtection"], "ACTIVE");
    assert_eq!(
        p["VerificationMessageTemplate"]["DefaultEmailOption"],
        "CONFIRM_WITH_LINK"
    );
    assert_eq!(p["Policies"]["PasswordPolicy"]["MinimumLength"], 6);
    assert_eq!(p["UsernameAttributes"], json!(["email"]));
}

#[tokio::test]
async fn the_pool_arn_names_the_account_given() {
    let (_, text) = common::fixture("seed1-cdk-ts.template.json");
    for (account, expected) in [
        (None, "000000000000"),
        (Some("123456789012"), "123456789012"),
    ] {
        let dir = std::env::temp_dir().join(format!(
            "arn-{}-{}",
            std::process::id(),
            account.unwrap_or("default")
        ));
        let options = cognito_emulator::Options {
            account: account.map_or_else(
                || cognito_emulator::DEFAULT_ACCOUNT.to_owned(),
                str::to_owned,
            ),
            ..Default::default()
        };
        let (state, _) = cognito_emulator::build_state_with(
            &[("seed1.json".into(), text.clone())],
            &dir,
            "us-east-1",
            "http://127.0.0.1:9229",
            Box::new(|| 1_796_000_000),
            &options,
        )
        .unwrap();
        let s = std::sync::Arc::new(state);
        let (pool, _) = ids(&s);
        let described = api(&s, "DescribeUserPool", json!({"UserPoolId": pool}))
            .await
            .unwrap();
        assert_eq!(
            described["UserPool"]["Arn"],
            json!(format!(
                "arn:aws:cognito-idp:us-east-1:{expected}:userpool/{pool}"
            ))
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
