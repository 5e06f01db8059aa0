//! Identity pools from seed 000's template (its `CfnIdentityPool` and role attachment): guest
//! and signed-in identities, their merge, every role rule, token checks, the IAM-side
//! operations, and the record of credentials at `/_emulator/credentials`. Through the router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cognito_emulator::state::AppState;
use common::fixture;
use common::mfa::{said, Answer};
use common::oneshot::{
    admin_sign_in, admin_user, api, get, ids, send, state_from, HOST, SIGNED_HEADERS,
};
use serde_json::{json, Value};

const SEED: &str = "seed1-identity-pool-cdk-ts.template.json";
/// A Cognito Identity call (signed when `signed`).
async fn identity(s: &Arc<AppState>, op: &str, body: Value, signed: bool) -> Answer {
    let mut request = Request::post("/")
        .header("host", HOST)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("AWSCognitoIdentityService.{op}"));
    if signed {
        for (k, v) in SIGNED_HEADERS {
            request = request.header(k, v);
        }
    }
    let (status, _, answer) = send(s, request.body(Body::from(body.to_string())).unwrap()).await;
    match status {
        StatusCode::OK => Ok(answer),
        _ => Err((
            answer["__type"].as_str().unwrap_or_default().to_owned(),
            answer["message"].as_str().unwrap_or_default().to_owned(),
        )),
    }
}

/// Seed 000's template, changed by `change` (its resources by logical id).
fn seed(change: impl FnOnce(&mut Value)) -> (Arc<AppState>, Arc<AtomicI64>) {
    let (name, text) = fixture(SEED);
    let mut template: Value = serde_json::from_str(&text).unwrap();
    change(&mut template["Resources"]);
    state_from((name, template.to_string()))
}

fn pool_id(s: &AppState) -> String {
    s.identity_pools.keys().next().unwrap().clone()
}

/// The provider name of the seed's user pool.
fn provider(s: &AppState) -> String {
    let (pool, _) = ids(s);
    format!("cognito-idp.us-east-1.amazonaws.com/{pool}")
}

/// A user of the seed's pool, signed in: their tokens.
async fn signed_in(s: &Arc<AppState>, email: &str) -> Value {
    let attributes = json!([{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"}]);
    admin_user(s, email, "Passw0rd!", attributes).await;
    admin_sign_in(s, email, "Passw0rd!").await.unwrap()["AuthenticationResult"].clone()
}

fn logins(s: &AppState, tokens: &Value) -> Value {
    json!({provider(s): tokens["IdToken"]})
}

async fn credentials(s: &Arc<AppState>, identity_id: &str, logins: Option<Value>) -> Answer {
    let mut body = json!({"IdentityId": identity_id});
    if let Some(l) = logins {
        body["Logins"] = l;
    }
    identity(s, "GetCredentialsForIdentity", body, false).await
}

#[tokio::test]
async fn the_seed_pool_is_built_with_its_roles() {
    let (s, _) = seed(|_| {});
    let id = pool_id(&s);
    assert!(id.starts_with("us-east-1:") && id.len() == 46, "{id}");
    let described = identity(
        &s,
        "DescribeIdentityPool",
        json!({"IdentityPoolId": id}),
        true,
    )
    .await
    .unwrap();
    assert_eq!(described["IdentityPoolName"], "my-identity-pool");
    assert_eq!(described["AllowUnauthenticatedIdentities"], true);
    let (pool, client) = ids(&s);
    assert_eq!(
        described["CognitoIdentityProviders"],
        json!([{"ProviderName": format!("cognito-idp.us-east-1.amazonaws.com/{pool}"), "ClientId": client, "ServerSideTokenCheck": false}])
    );
    let roles = identity(
        &s,
        "GetIdentityPoolRoles",
        json!({"IdentityPoolId": id}),
        true,
    )
    .await
    .unwrap();
    let auth = roles["Roles"]["authenticated"].as_str().unwrap();
    assert!(
        auth.starts_with("arn:aws:iam::000000000000:role/") && auth.contains("usersgrouprole"),
        "{auth}"
    );
    let mapping =
        &roles["RoleMappings"][format!("cognito-idp.us-east-1.amazonaws.com/{pool}:{client}")];
    assert_eq!(
        mapping,
        &json!({"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"})
    );
    let listed = identity(&s, "ListIdentityPools", json!({"MaxResults": 10}), true)
        .await
        .unwrap();
    assert_eq!(
        listed["IdentityPools"],
        json!([{"IdentityPoolId": id, "IdentityPoolName": "my-identity-pool"}])
    );
    // The administrative side needs a signature, as in AWS.
    let unsigned = identity(&s, "ListIdentityPools", json!({"MaxResults": 10}), false).await;
    assert!(said(unsigned).starts_with("MissingAuthenticationTokenException"));
    // The same template gives the same id on another start.
    let (again, _) = seed(|_| {});
    assert_eq!(pool_id(&again), id);
}

#[tokio::test]
async fn guests_get_an_identity_each_time_and_the_unauthenticated_role() {
    let (s, _) = seed(|_| {});
    let pool = pool_id(&s);
    let first = identity(&s, "GetId", json!({"IdentityPoolId": pool}), false)
        .await
        .unwrap();
    let second = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool, "Logins": {}}),
        false,
    )
    .await
    .unwrap();
    assert_ne!(
        first["IdentityId"], second["IdentityId"],
        "a new guest each call (Amplify sends {{}})"
    );
    let guest = first["IdentityId"].as_str().unwrap();
    let got = credentials(&s, guest, None).await.unwrap();
    let key = got["Credentials"]["AccessKeyId"].as_str().unwrap();
    assert!(key.starts_with("ASIA") && key.len() == 20, "{key}");
    assert_eq!(got["Credentials"]["Expiration"], json!(s.now() + 3600));
    assert!(got["Credentials"]["SecretKey"].as_str().unwrap().len() == 40);
    let (_, _, issued) = send(&s, get("/_emulator/credentials", &[])).await;
    let record = &issued["credentials"][0];
    assert_eq!(record["access_key_id"], key);
    assert_eq!(record["identity_id"], guest);
    assert_eq!(record["authenticated"], false);
    assert!(record["role_arn"]
        .as_str()
        .unwrap()
        .contains("anonymousgrouprole"));
    assert!(
        record.get("secret_key").is_none(),
        "no secret in the record"
    );

    let (closed, _) =
        seed(|r| r["identitypool"]["Properties"]["AllowUnauthenticatedIdentities"] = json!(false));
    let refused = identity(
        &closed,
        "GetId",
        json!({"IdentityPoolId": pool_id(&closed)}),
        false,
    )
    .await;
    assert_eq!(
        said(refused),
        "NotAuthorizedException: Unauthenticated access is not supported for this identity pool."
    );
    let unknown = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": "us-east-1:00000000-0000-4000-8000-000000000000"}),
        false,
    )
    .await;
    assert_eq!(said(unknown), "ResourceNotFoundException: IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.");
}

#[tokio::test]
async fn a_signed_in_user_has_one_identity_and_the_authenticated_role() {
    let (s, clock) = seed(|_| {});
    let pool = pool_id(&s);
    let tokens = signed_in(&s, "grace@example.com").await;
    let body = json!({"IdentityPoolId": pool, "Logins": logins(&s, &tokens)});
    let id = identity(&s, "GetId", body.clone(), false).await.unwrap()["IdentityId"].clone();
    assert_eq!(
        identity(&s, "GetId", body, false).await.unwrap()["IdentityId"],
        id,
        "one per user"
    );
    // The emulator's own issuer (what Amplify derives from `iss`) names the provider too.
    let issuer = format!("{}/{}", HOST, ids(&s).0);
    let by_issuer = json!({"IdentityPoolId": pool, "Logins": {issuer: tokens["IdToken"]}});
    assert_eq!(
        identity(&s, "GetId", by_issuer, false).await.unwrap()["IdentityId"],
        id
    );
    let got = credentials(&s, id.as_str().unwrap(), Some(logins(&s, &tokens)))
        .await
        .unwrap();
    assert_eq!(got["IdentityId"], id);
    let (_, _, issued) = send(&s, get("/_emulator/credentials", &[])).await;
    assert!(issued["credentials"][0]["role_arn"]
        .as_str()
        .unwrap()
        .contains("usersgrouprole"));
    assert_eq!(issued["credentials"][0]["authenticated"], true);
    // One key's record, as the widget asks for the role its credentials are for.
    let key = got["Credentials"]["AccessKeyId"].as_str().unwrap();
    let (_, _, one) = send(
        &s,
        get(&format!("/_emulator/credentials?access_key_id={key}"), &[]),
    )
    .await;
    assert_eq!(one["credentials"].as_array().unwrap().len(), 1);
    assert_eq!(one["credentials"][0]["identity_id"], id);
    let (_, _, none) = send(
        &s,
        get("/_emulator/credentials?access_key_id=ASIANOTISSUED", &[]),
    )
    .await;
    assert_eq!(none["credentials"], json!([]));
    // An authenticated identity without its logins is refused.
    let bare = credentials(&s, id.as_str().unwrap(), None).await;
    assert!(said(bare).starts_with("NotAuthorizedException: Logins don't match."));

    // Token checks.
    let access = json!({"IdentityPoolId": pool, "Logins": {provider(&s): tokens["AccessToken"]}});
    assert_eq!(
        said(identity(&s, "GetId", access, false).await),
        "NotAuthorizedException: Invalid login token. Missing a required claim: aud"
    );
    let wrong_key = json!({"IdentityPoolId": pool, "Logins": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Other": tokens["IdToken"]}});
    assert_eq!(
        said(identity(&s, "GetId", wrong_key, false).await),
        "NotAuthorizedException: Invalid login token. Issuer doesn't match providerName"
    );
    let forged = json!({"IdentityPoolId": pool, "Logins": {provider(&s): format!("{}x", tokens["IdToken"].as_str().unwrap())}});
    assert!(
        said(identity(&s, "GetId", forged, false).await).contains("Couldn't verify signed token")
    );
    clock.fetch_add(3601, Ordering::SeqCst);
    let late = json!({"IdentityPoolId": pool, "Logins": logins(&s, &tokens)});
    assert!(said(identity(&s, "GetId", late, false).await)
        .starts_with("NotAuthorizedException: Invalid login token. Token expired:"));
}

#[tokio::test]
async fn identities_are_kept_across_a_restart() {
    let dir = common::temp_dir("identity-restart");
    let start = || {
        let (state, _) = cognito_emulator::build_state(
            &[fixture(SEED)],
            &dir,
            "us-east-1",
            &format!("http://{HOST}"),
            Box::new(|| 1_790_000_000),
        )
        .unwrap();
        Arc::new(state)
    };
    let s = start();
    let pool = pool_id(&s);
    let tokens = signed_in(&s, "kept@example.com").await;
    let user = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool, "Logins": logins(&s, &tokens)}),
        false,
    )
    .await
    .unwrap()["IdentityId"]
        .clone();
    let guest = identity(&s, "GetId", json!({"IdentityPoolId": pool}), false)
        .await
        .unwrap()["IdentityId"]
        .clone();
    drop(s);

    let again = start();
    assert_eq!(pool_id(&again), pool, "the same identity pool id");
    let body = json!({"IdentityPoolId": pool, "Logins": logins(&again, &tokens)});
    assert_eq!(
        identity(&again, "GetId", body, false).await.unwrap()["IdentityId"],
        user,
        "the user's identity is the one given before the restart"
    );
    let got = credentials(&again, guest.as_str().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(
        got["IdentityId"], guest,
        "the guest's identity is still known"
    );
}

#[tokio::test]
async fn the_widget_configuration_names_the_identity_pool_that_takes_the_clients_tokens() {
    let (s, _) = seed(|_| {});
    let (pool, client) = ids(&s);
    let (status, _, config) = send(
        &s,
        get(&format!("/_emulator/pools/{pool}/widget-config"), &[]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let auth = &config["amplify_outputs"]["auth"];
    assert_eq!(auth["user_pool_client_id"], client.as_str());
    assert_eq!(auth["identity_pool_id"], pool_id(&s).as_str());
    assert_eq!(auth["unauthenticated_identities_enabled"], true);
    // A pool without an identity pool has no such members.
    let (other, _) = state_from(fixture("seed1-cdk-ts.template.json"));
    let (pool, _) = ids(&other);
    let (_, _, config) = send(
        &other,
        get(&format!("/_emulator/pools/{pool}/widget-config"), &[]),
    )
    .await;
    assert!(config["amplify_outputs"]["auth"]
        .get("identity_pool_id")
        .is_none());
}

#[tokio::test]
async fn a_guest_signing_in_is_upgraded_or_merged() {
    let (s, _) = seed(|_| {});
    let pool = pool_id(&s);
    let guest = |s: &Arc<AppState>| {
        let s = s.clone();
        let pool = pool.clone();
        async move {
            identity(&s, "GetId", json!({"IdentityPoolId": pool}), false)
                .await
                .unwrap()["IdentityId"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let tokens = signed_in(&s, "hedy@example.com").await;
    // A new user: the guest identity becomes theirs (same id).
    let first = guest(&s).await;
    let upgraded = credentials(&s, &first, Some(logins(&s, &tokens)))
        .await
        .unwrap();
    assert_eq!(upgraded["IdentityId"], first.as_str());
    // Later, another guest of the same browser signs in as them: merged into their identity,
    // and the guest id is refused from then on.
    let second = guest(&s).await;
    let merged = credentials(&s, &second, Some(logins(&s, &tokens)))
        .await
        .unwrap();
    assert_eq!(merged["IdentityId"], first.as_str());
    assert_eq!(
        said(credentials(&s, &second, None).await),
        format!("NotAuthorizedException: Access to Identity '{second}' is forbidden.")
    );
    let described = identity(&s, "DescribeIdentity", json!({"IdentityId": first}), true)
        .await
        .unwrap();
    assert_eq!(described["Logins"], json!([provider(&s)]));
    let listed = identity(
        &s,
        "ListIdentities",
        json!({"IdentityPoolId": pool, "MaxResults": 60, "HideDisabled": true}),
        true,
    )
    .await
    .unwrap();
    assert_eq!(listed["Identities"].as_array().unwrap().len(), 1);
    // Unlinked, the login makes a new identity next time; deleted, the identity is gone.
    let unlink = json!({"IdentityId": first, "Logins": logins(&s, &tokens), "LoginsToRemove": [provider(&s)]});
    identity(&s, "UnlinkIdentity", unlink, false).await.unwrap();
    let fresh = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool, "Logins": logins(&s, &tokens)}),
        false,
    )
    .await
    .unwrap();
    assert_ne!(fresh["IdentityId"], first.as_str());
    identity(
        &s,
        "DeleteIdentities",
        json!({"IdentityIdsToDelete": [first]}),
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        said(credentials(&s, &first, None).await),
        format!("ResourceNotFoundException: Identity '{first}' not found.")
    );
}

/// The seed with its role mapping replaced.
fn mapped(mapping: Value) -> (Arc<AppState>, Arc<AtomicI64>) {
    seed(|r| {
        let m = &mut r["identitypoolroleattachment"]["Properties"]["RoleMappings"]["mapping"];
        let provider = m["IdentityProvider"].clone();
        *m = mapping;
        m["IdentityProvider"] = provider;
    })
}

#[tokio::test]
async fn roles_follow_the_mapping_rules() {
    // Deny when the token says nothing.
    let (s, _) = mapped(json!({"Type": "Token", "AmbiguousRoleResolution": "Deny"}));
    let tokens = signed_in(&s, "deny@example.com").await;
    let id = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool_id(&s), "Logins": logins(&s, &tokens)}),
        false,
    )
    .await
    .unwrap();
    let denied = credentials(
        &s,
        id["IdentityId"].as_str().unwrap(),
        Some(logins(&s, &tokens)),
    )
    .await;
    let (pool, client) = ids(&s);
    assert_eq!(
        said(denied),
        format!("NotAuthorizedException: The ambiguous role mapping rules for: cognito-idp.us-east-1.amazonaws.com/{pool}:{client} denied this request.")
    );
    // A group with a role: its role (cognito:preferred_role), even under Deny.
    let admins = "arn:aws:iam::000000000000:role/admins";
    api(
        &s,
        "CreateGroup",
        json!({"UserPoolId": pool, "GroupName": "admins", "RoleArn": admins, "Precedence": 1}),
    )
    .await
    .unwrap();
    api(
        &s,
        "AdminAddUserToGroup",
        json!({"UserPoolId": pool, "GroupName": "admins", "Username": "deny@example.com"}),
    )
    .await
    .unwrap();
    let tokens = admin_sign_in(&s, "deny@example.com", "Passw0rd!")
        .await
        .unwrap()["AuthenticationResult"]
        .clone();
    let got = credentials(
        &s,
        id["IdentityId"].as_str().unwrap(),
        Some(logins(&s, &tokens)),
    )
    .await;
    assert!(got.is_ok(), "{got:?}");
    let (_, _, issued) = send(&s, get("/_emulator/credentials", &[])).await;
    assert_eq!(issued["credentials"][0]["role_arn"], admins);
    // A custom role the token does not carry is refused.
    let custom = json!({"IdentityId": id["IdentityId"], "Logins": logins(&s, &tokens), "CustomRoleArn": "arn:aws:iam::000000000000:role/other"});
    assert!(
        said(identity(&s, "GetCredentialsForIdentity", custom, false).await)
            .contains("denied this request")
    );

    // Rules: the first matching claim rule.
    let editors = "arn:aws:iam::000000000000:role/editors";
    let (s, _) = mapped(json!({"Type": "Rules", "AmbiguousRoleResolution": "Deny",
        "RulesConfiguration": {"Rules": [{"Claim": "email", "MatchType": "StartsWith", "Value": "ed", "RoleARN": editors}]}}));
    let tokens = signed_in(&s, "edith@example.com").await;
    let id = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool_id(&s), "Logins": logins(&s, &tokens)}),
        false,
    )
    .await
    .unwrap();
    credentials(
        &s,
        id["IdentityId"].as_str().unwrap(),
        Some(logins(&s, &tokens)),
    )
    .await
    .unwrap();
    let (_, _, issued) = send(&s, get("/_emulator/credentials", &[])).await;
    assert_eq!(issued["credentials"][0]["role_arn"], editors);
    let other = signed_in(&s, "otto@example.com").await;
    let id = identity(
        &s,
        "GetId",
        json!({"IdentityPoolId": pool_id(&s), "Logins": logins(&s, &other)}),
        false,
    )
    .await
    .unwrap();
    assert!(said(
        credentials(
            &s,
            id["IdentityId"].as_str().unwrap(),
            Some(logins(&s, &other))
        )
        .await
    )
    .contains("denied this request"));
}

#[tokio::test]
async fn server_side_token_check_refuses_signed_out_users_and_classic_flow_is_off_by_default() {
    let (s, _) = seed(|r| {
        r["identitypool"]["Properties"]["CognitoIdentityProviders"][0]["ServerSideTokenCheck"] =
            json!(true);
    });
    let tokens = signed_in(&s, "katherine@example.com").await;
    let body = json!({"IdentityPoolId": pool_id(&s), "Logins": logins(&s, &tokens)});
    let id = identity(&s, "GetId", body.clone(), false).await.unwrap();
    api(
        &s,
        "GlobalSignOut",
        json!({"AccessToken": tokens["AccessToken"]}),
    )
    .await
    .unwrap();
    assert_eq!(
        said(identity(&s, "GetId", body, false).await),
        "NotAuthorizedException: Not Authorized"
    );
    let classic = identity(
        &s,
        "GetOpenIdToken",
        json!({"IdentityId": id["IdentityId"]}),
        false,
    )
    .await;
    assert_eq!(
        said(classic),
        "InvalidParameterException: Basic (classic) flow is not enabled, please use enhanced flow."
    );

    let (s, _) = seed(|r| r["identitypool"]["Properties"]["AllowClassicFlow"] = json!(true));
    let guest = identity(&s, "GetId", json!({"IdentityPoolId": pool_id(&s)}), false)
        .await
        .unwrap();
    let token = identity(
        &s,
        "GetOpenIdToken",
        json!({"IdentityId": guest["IdentityId"]}),
        false,
    )
    .await
    .unwrap();
    let claims =
        cognito_emulator::tokens::unverified_claims(token["Token"].as_str().unwrap()).unwrap();
    assert_eq!(claims["sub"], guest["IdentityId"]);
    assert_eq!(claims["aud"], json!(pool_id(&s)));
    assert_eq!(claims["amr"], json!(["unauthenticated"]));
}
