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
