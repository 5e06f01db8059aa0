//! Groups from the template (`AWS::Cognito::UserPoolGroup`, `UserPoolUserToGroupAttachment`)
//! and by API, and the claims they put in tokens. Through the router, no socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64URL, Engine};
use cognito_emulator::state::AppState;
use common::fixture;
use common::oneshot::{admin_sign_in, admin_user, api, ids, state_from};
use serde_json::{json, Value};

const ADMINS_ROLE: &str = "arn:aws:iam::000000000000:role/admins";
const EDITORS_ROLE: &str = "arn:aws:iam::000000000000:role/editors";

/// Seed 000 with three groups (two with roles) and a user attached to one.
fn seed1_with_groups() -> (Arc<AppState>, String) {
    let (name, text) = fixture("seed1-cdk-ts.template.json");
    let mut template: Value = serde_json::from_str(&text).unwrap();
    let pool = template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::Cognito::UserPool")
        .map(|(logical, _)| logical.clone())
        .unwrap();
    let resources = template["Resources"].as_object_mut().unwrap();
    let group = |name: &str, precedence: Option<i64>, role: Option<&str>| {
        let mut props = json!({"UserPoolId": {"Ref": pool}, "GroupName": name});
        if let Some(p) = precedence {
            props["Precedence"] = json!(p);
        }
        if let Some(r) = role {
            props["RoleArn"] = json!(r);
        }
        json!({"Type": "AWS::Cognito::UserPoolGroup", "Properties": props})
    };
    resources.insert("Admins".into(), group("admins", Some(1), Some(ADMINS_ROLE)));
    resources.insert(
        "Editors".into(),
        group("editors", Some(5), Some(EDITORS_ROLE)),
    );
    resources.insert("Readers".into(), group("readers", None, None));
    resources.insert(
        "TemplateMember".into(),
        json!({"Type": "AWS::Cognito::UserPoolUserToGroupAttachment", "Properties":
            {"UserPoolId": {"Ref": pool}, "GroupName": "readers", "Username": "templated@example.com"}}),
    );
    let (state, _) = state_from((name, template.to_string()));
    let (pool_id, _) = ids(&state);
    (state, pool_id)
}

fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&B64URL.decode(payload).unwrap()).unwrap()
}

/// The claims of `email`'s ID and access tokens, signed in now.
async fn tokens(s: &Arc<AppState>, email: &str) -> (Value, Value) {
    let sign_in = admin_sign_in(s, email, "Passw0rd!").await.unwrap();
    let r = &sign_in["AuthenticationResult"];
    (
        claims(r["IdToken"].as_str().unwrap()),
        claims(r["AccessToken"].as_str().unwrap()),
    )
}

async fn user(s: &Arc<AppState>, email: &str) {
    admin_user(s, email, "Passw0rd!", json!([])).await;
}

#[tokio::test]
async fn template_groups_and_membership_put_claims_in_tokens() {
    let (s, pool) = seed1_with_groups();
    let listed = api(&s, "ListGroups", json!({"UserPoolId": pool}))
        .await
        .unwrap();
    let names: Vec<&str> = listed["Groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["GroupName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admins", "editors", "readers"]);

    let email = "member@example.com";
    user(&s, email).await;
    let (id, access) = tokens(&s, email).await;
    assert!(
        id.get("cognito:groups").is_none() && access.get("cognito:groups").is_none(),
        "no groups, no claim"
    );

    for group in ["readers", "editors", "admins"] {
        api(
            &s,
            "AdminAddUserToGroup",
            json!({"UserPoolId": pool, "GroupName": group, "Username": email}),
        )
        .await
        .unwrap();
    }
    let (id, access) = tokens(&s, email).await;
    assert_eq!(
        id["cognito:groups"],
        json!(["admins", "editors", "readers"]),
        "by precedence, none last"
    );
    assert_eq!(access["cognito:groups"], id["cognito:groups"]);
    assert_eq!(id["cognito:roles"], json!([ADMINS_ROLE, EDITORS_ROLE]));
    assert_eq!(id["cognito:preferred_role"], ADMINS_ROLE);
    assert!(
        access.get("cognito:roles").is_none() && access.get("cognito:preferred_role").is_none()
    );

    let mine = api(
        &s,
        "AdminListGroupsForUser",
        json!({"UserPoolId": pool, "Username": email}),
    )
    .await
    .unwrap();
    assert_eq!(mine["Groups"].as_array().unwrap().len(), 3);
    let readers = api(
        &s,
        "ListUsersInGroup",
        json!({"UserPoolId": pool, "GroupName": "readers"}),
    )
    .await
    .unwrap();
    assert_eq!(
        readers["Users"].as_array().unwrap().len(),
        1,
        "the templated member does not exist yet"
    );

    api(
        &s,
        "AdminRemoveUserFromGroup",
        json!({"UserPoolId": pool, "GroupName": "admins", "Username": email}),
    )
    .await
    .unwrap();
    let (id, _) = tokens(&s, email).await;
    assert_eq!(id["cognito:groups"], json!(["editors", "readers"]));
    assert_eq!(id["cognito:preferred_role"], EDITORS_ROLE);

    // The template's attachment applies once that user exists.
    user(&s, "templated@example.com").await;
    let readers = api(
        &s,
        "ListUsersInGroup",
        json!({"UserPoolId": pool, "GroupName": "readers"}),
    )
    .await
    .unwrap();
    assert_eq!(readers["Users"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn groups_by_api_and_the_preferred_role_tie() {
    let (s, pool) = seed1_with_groups();
    let created = api(
        &s,
        "CreateGroup",
        json!({"UserPoolId": pool, "GroupName": "rivals",
        "Precedence": 1, "RoleArn": "arn:aws:iam::000000000000:role/rivals", "Description": "tie"}),
    )
    .await
    .unwrap();
    assert_eq!(created["Group"]["Precedence"], 1);
    let again = api(
        &s,
        "CreateGroup",
        json!({"UserPoolId": pool, "GroupName": "rivals"}),
    )
    .await;
    assert_eq!(
        again.unwrap_err(),
        (
            "GroupExistsException".into(),
            "A group with the name rivals already exists.".into()
        )
    );
    let email = "tied@example.com";
    user(&s, email).await;
    for group in ["admins", "rivals"] {
        api(
            &s,
            "AdminAddUserToGroup",
            json!({"UserPoolId": pool, "GroupName": group, "Username": email}),
        )
        .await
        .unwrap();
    }
    let (id, _) = tokens(&s, email).await;
    assert!(
        id.get("cognito:preferred_role").is_none(),
        "two roles at precedence 1: none preferred"
    );
    assert_eq!(id["cognito:roles"].as_array().unwrap().len(), 2);

    api(
        &s,
        "DeleteGroup",
        json!({"UserPoolId": pool, "GroupName": "rivals"}),
    )
    .await
    .unwrap();
    let gone = api(
        &s,
        "GetGroup",
        json!({"UserPoolId": pool, "GroupName": "rivals"}),
    )
    .await;
    assert_eq!(gone.unwrap_err().0, "ResourceNotFoundException");
    let (id, _) = tokens(&s, email).await;
    assert_eq!(id["cognito:preferred_role"], ADMINS_ROLE);
}
