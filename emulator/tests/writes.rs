//! One write rule on every path a user writes attributes (SignUp, the NEW_PASSWORD_REQUIRED
//! answer, UpdateUserAttributes): the client's WriteAttributes, never `sub` or a verified flag.
//! An administrator (AdminCreateUser) may set the verified flags, never `sub`. Seed 000's client
//! lists its write attributes and leaves `custom:isAdmin` out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::oneshot::{api, ids, state_of};
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

fn refused(r: Result<Value, (String, String)>) -> String {
    let (kind, message) = r.expect_err("refused");
    format!("{kind}: {message}")
}

fn names(extra: &[(&str, &str)]) -> Value {
    let mut list = vec![
        json!({"Name": "given_name", "Value": "Ada"}),
        json!({"Name": "family_name", "Value": "Lovelace"}),
    ];
    list.extend(extra.iter().map(|(n, v)| json!({"Name": n, "Value": v})));
    Value::from(list)
}

#[tokio::test]
async fn a_self_sign_up_writes_only_what_the_client_may() {
    let s = state_of(SEED1);
    let (_, client) = ids(&s);
    for (attribute, value) in [("custom:isAdmin", "yes"), ("email_verified", "true")] {
        let sign_up = json!({"ClientId": client, "Username": "mallory@example.com",
            "Password": "Passw0rd!", "UserAttributes": names(&[(attribute, value)])});
        assert_eq!(
            refused(api(&s, "SignUp", sign_up).await),
            format!("NotAuthorizedException: A client attempted to write unauthorized attribute {attribute}")
        );
    }
    // Listed custom attributes are fine.
    let sign_up = json!({"ClientId": client, "Username": "ada@example.com",
        "Password": "Passw0rd!", "UserAttributes": names(&[("custom:city", "Santiago")])});
    api(&s, "SignUp", sign_up).await.unwrap();
}

/// An administrator-created user signed in with the temporary password: the challenge session.
async fn new_password_challenge(
    s: &std::sync::Arc<cognito_emulator::state::AppState>,
    email: &str,
) -> String {
    let (pool, client) = ids(s);
    api(
        s,
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": email,
        "TemporaryPassword": "Temp0rary!", "MessageAction": "SUPPRESS",
        "UserAttributes": names(&[("email", email), ("email_verified", "true")])}),
    )
    .await
    .unwrap();
    let challenge = api(
        s,
        "AdminInitiateAuth",
        json!({"UserPoolId": pool, "ClientId": client,
        "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": email, "PASSWORD": "Temp0rary!"}}),
    )
    .await
    .unwrap();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    challenge["Session"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_new_password_answer_writes_only_what_the_client_may() {
    let s = state_of(SEED1);
    let (pool, client) = ids(&s);
    for (i, attribute) in ["sub", "custom:isAdmin", "email_verified"]
        .into_iter()
        .enumerate()
    {
        let email = format!("new{i}@example.com");
        let session = new_password_challenge(&s, &email).await;
        let answer = json!({"ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": session, "ChallengeResponses": {"USERNAME": email,
            "NEW_PASSWORD": "Chosen0ne!", format!("userAttributes.{attribute}"): "true"}});
        assert_eq!(
            refused(api(&s, "RespondToAuthChallenge", answer).await),
            format!("NotAuthorizedException: A client attempted to write unauthorized attribute {attribute}")
        );
        let user = api(
            &s,
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": email}),
        )
        .await
        .unwrap();
        assert_eq!(
            user["UserStatus"], "FORCE_CHANGE_PASSWORD",
            "nothing was written"
        );
    }
}

#[tokio::test]
async fn an_update_writes_only_what_the_client_may_and_an_administrator_sets_verified_flags() {
    let s = state_of(SEED1);
    let (pool, client) = ids(&s);
    let email = "admin-made@example.com";
    // The administrator set email_verified (allowed for them).
    let session = new_password_challenge(&s, email).await;
    let signed_in = api(
        &s,
        "RespondToAuthChallenge",
        json!({"ClientId": client,
        "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": session,
        "ChallengeResponses": {"USERNAME": email, "NEW_PASSWORD": "Chosen0ne!"}}),
    )
    .await
    .unwrap();
    let access = signed_in["AuthenticationResult"]["AccessToken"].clone();
    for attribute in ["custom:isAdmin", "email_verified", "sub"] {
        let update =
            json!({"AccessToken": access, "UserAttributes": [{"Name": attribute, "Value": "x"}]});
        let said = refused(api(&s, "UpdateUserAttributes", update).await);
        assert!(said.contains(attribute), "{said}");
    }
    api(
        &s,
        "UpdateUserAttributes",
        json!({"AccessToken": access,
        "UserAttributes": [{"Name": "custom:city", "Value": "Lima"}]}),
    )
    .await
    .unwrap();
    let sub = json!({"UserPoolId": pool, "Username": "with-sub@example.com", "MessageAction": "SUPPRESS",
        "UserAttributes": [{"Name": "sub", "Value": "00000000-0000-0000-0000-000000000000"}]});
    assert!(refused(api(&s, "AdminCreateUser", sub).await).starts_with("InvalidParameterException"));
}

/// Seed 000 whose pool keeps a verified e-mail until a new one is verified.
fn seed1_verifying_before_update() -> std::sync::Arc<cognito_emulator::state::AppState> {
    let (name, text) = common::fixture(SEED1);
    let mut t: Value = serde_json::from_str(&text).unwrap();
    for r in t["Resources"].as_object_mut().unwrap().values_mut() {
        if r["Type"] == "AWS::Cognito::UserPool" {
            r["Properties"]["UserAttributeUpdateSettings"] =
                json!({"AttributesRequireVerificationBeforeUpdate": ["email"]});
        }
    }
    common::oneshot::state_from((name, t.to_string())).0
}

fn attribute(user: &Value, name: &str) -> Option<String> {
    user["UserAttributes"]
        .as_array()?
        .iter()
        .find(|a| a["Name"] == name)
        .and_then(|a| a["Value"].as_str())
        .map(str::to_owned)
}

/// A user of the first pool with a verified e-mail, signed in: the access token.
async fn verified_user(
    s: &std::sync::Arc<cognito_emulator::state::AppState>,
    email: &str,
) -> Value {
    common::oneshot::admin_user(
        s,
        email,
        "Passw0rd!",
        json!([
        {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "V"}, {"Name": "family_name", "Value": "W"}]),
    )
    .await;
    common::oneshot::admin_sign_in(s, email, "Passw0rd!")
        .await
        .unwrap()["AuthenticationResult"]["AccessToken"]
        .clone()
}

#[tokio::test]
async fn with_verification_before_update_the_old_address_stays_until_the_code() {
    let s = seed1_verifying_before_update();
    let (pool, _) = ids(&s);
    let described = api(&s, "DescribeUserPool", json!({"UserPoolId": pool}))
        .await
        .unwrap();
    assert_eq!(
        described["UserPool"]["UserAttributeUpdateSettings"],
        json!({"AttributesRequireVerificationBeforeUpdate": ["email"]})
    );
    let access = verified_user(&s, "old@example.com").await;
    let updated = api(
        &s,
        "UpdateUserAttributes",
        json!({"AccessToken": access,
        "UserAttributes": [{"Name": "email", "Value": "new@example.com"}]}),
    )
    .await
    .unwrap();
    assert_eq!(
        updated["CodeDeliveryDetailsList"][0]["Destination"], "n***@e***",
        "the code goes to the new address"
    );
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        attribute(&user, "email").as_deref(),
        Some("old@example.com")
    );
    assert_eq!(attribute(&user, "email_verified").as_deref(), Some("true"));
    let code = common::oneshot::code_for(&s, "new@example.com").await;
    api(
        &s,
        "VerifyUserAttribute",
        json!({"AccessToken": access, "AttributeName": "email", "Code": code}),
    )
    .await
    .unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        attribute(&user, "email").as_deref(),
        Some("new@example.com")
    );
    assert_eq!(attribute(&user, "email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn without_it_the_new_address_is_unverified_at_once() {
    let s = state_of(SEED1);
    let access = verified_user(&s, "plain@example.com").await;
    api(
        &s,
        "UpdateUserAttributes",
        json!({"AccessToken": access,
        "UserAttributes": [{"Name": "email", "Value": "changed@example.com"}]}),
    )
    .await
    .unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        attribute(&user, "email").as_deref(),
        Some("changed@example.com")
    );
    assert_eq!(attribute(&user, "email_verified").as_deref(), Some("false"));
}

#[tokio::test]
async fn deleting_attributes_follows_the_same_rules_and_spares_required_ones() {
    let s = state_of(SEED1);
    let (pool, _) = ids(&s);
    let access = verified_user(&s, "deleting@example.com").await;
    api(&s, "AdminUpdateUserAttributes", json!({"UserPoolId": pool, "Username": "deleting@example.com",
        "UserAttributes": [{"Name": "custom:city", "Value": "Lima"}, {"Name": "custom:isAdmin", "Value": "no"}]}))
        .await
        .unwrap();
    let delete = |names: Value| json!({"AccessToken": access, "UserAttributeNames": names});
    assert_eq!(
        refused(api(&s, "DeleteUserAttributes", delete(json!(["given_name"]))).await),
        "InvalidParameterException: Attributes did not conform to the schema: given_name: The attribute is required"
    );
    assert!(refused(
        api(
            &s,
            "DeleteUserAttributes",
            delete(json!(["custom:isAdmin"]))
        )
        .await
    )
    .starts_with("NotAuthorizedException"));
    api(&s, "DeleteUserAttributes", delete(json!(["custom:city"])))
        .await
        .unwrap();
    api(
        &s,
        "AdminDeleteUserAttributes",
        json!({"UserPoolId": pool, "Username": "deleting@example.com",
        "UserAttributeNames": ["custom:isAdmin"]}),
    )
    .await
    .unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(attribute(&user, "custom:city"), None);
    assert_eq!(attribute(&user, "given_name").as_deref(), Some("V"));
}

#[tokio::test]
async fn a_new_phone_number_gets_its_code_by_sms_and_waits_for_it_when_the_pool_says_so() {
    let (name, text) = common::fixture(SEED1);
    let mut t: Value = serde_json::from_str(&text).unwrap();
    for r in t["Resources"].as_object_mut().unwrap().values_mut() {
        if r["Type"] == "AWS::Cognito::UserPool" {
            r["Properties"]["AutoVerifiedAttributes"] = json!(["email", "phone_number"]);
            r["Properties"]["UserAttributeUpdateSettings"] =
                json!({"AttributesRequireVerificationBeforeUpdate": ["phone_number"]});
        }
    }
    let s = common::oneshot::state_from((name, t.to_string())).0;
    let access = verified_user(&s, "phone@example.com").await;
    let set = |phone: &str| {
        json!({"AccessToken": access,
               "UserAttributes": [{"Name": "phone_number", "Value": phone}]})
    };
    // A first number: nothing verified to keep, so it is the user's at once, unverified.
    let first = api(&s, "UpdateUserAttributes", set("+14155550100"))
        .await
        .unwrap();
    let sent = &first["CodeDeliveryDetailsList"][0];
    assert_eq!(
        (
            sent["AttributeName"].as_str(),
            sent["DeliveryMedium"].as_str()
        ),
        (Some("phone_number"), Some("SMS"))
    );
    assert!(
        sent["Destination"].as_str().unwrap().ends_with("0100")
            && !sent["Destination"].as_str().unwrap().contains("415"),
        "masked: {sent}"
    );
    let code = common::oneshot::code_for(&s, "+14155550100").await;
    let verify = |code: String| json!({"AccessToken": access, "AttributeName": "phone_number", "Code": code});
    api(&s, "VerifyUserAttribute", verify(code)).await.unwrap();
    // A second: the verified one stays until the new one's code (sent again on request).
    api(&s, "UpdateUserAttributes", set("+14155550199"))
        .await
        .unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        (
            attribute(&user, "phone_number").as_deref(),
            attribute(&user, "phone_number_verified").as_deref()
        ),
        (Some("+14155550100"), Some("true"))
    );
    let again = api(
        &s,
        "GetUserAttributeVerificationCode",
        json!({"AccessToken": access, "AttributeName": "phone_number"}),
    )
    .await
    .unwrap();
    assert_eq!(again["CodeDeliveryDetails"]["DeliveryMedium"], "SMS");
    assert!(again["CodeDeliveryDetails"]["Destination"]
        .as_str()
        .unwrap()
        .ends_with("0199"));
    let code = common::oneshot::code_for(&s, "+14155550199").await;
    api(&s, "VerifyUserAttribute", verify(code)).await.unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        attribute(&user, "phone_number").as_deref(),
        Some("+14155550199")
    );
}
