//! The administrator operations the seeds and their tooling use.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use common::{srp_sign_in, start};
use serde_json::json;

#[test]
fn admin_created_user_must_choose_a_password() {
    let emu = start(&["seed1-cdk-ts.template.json"]);
    let (pool, client) = emu.first_pool();
    let created = emu
        .call("AdminCreateUser", json!({
            "UserPoolId": pool, "Username": "john@example.com", "DesiredDeliveryMediums": ["EMAIL"],
            "UserAttributes": [{"Name": "given_name", "Value": "john"}, {"Name": "family_name", "Value": "smith"}]
        }))
        .unwrap();
    assert_eq!(created["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD");
    let outbox = emu.get("/_emulator/outbox");
    let invite = outbox.as_array().unwrap().last().unwrap();
    assert_eq!(invite["kind"], "INVITATION");
    let temporary = invite["code"].as_str().unwrap().to_owned();
    assert!(invite["body"].as_str().unwrap().contains(&temporary));

    let challenge = srp_sign_in(&emu, &pool, &client, "john@example.com", &temporary).unwrap();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    let params = &challenge["ChallengeParameters"];
    let attrs: serde_json::Value =
        serde_json::from_str(params["userAttributes"].as_str().unwrap()).unwrap();
    assert_eq!(attrs["email"], "john@example.com");
    let weak = emu.call("RespondToAuthChallenge", json!({
        "ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": challenge["Session"],
        "ChallengeResponses": {"USERNAME": params["USER_ID_FOR_SRP"], "NEW_PASSWORD": "abc"}
    }));
    assert_eq!(weak.unwrap_err().0, "InvalidPasswordException");
    let again = srp_sign_in(&emu, &pool, &client, "john@example.com", &temporary).unwrap();
    let done = emu
        .call("RespondToAuthChallenge", json!({
            "ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": again["Session"],
            "ChallengeResponses": {"USERNAME": params["USER_ID_FOR_SRP"], "NEW_PASSWORD": "chosen1"}
        }))
        .unwrap();
    assert!(done["AuthenticationResult"]["IdToken"].is_string());
    let user = emu
        .call(
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": "john@example.com"}),
        )
        .unwrap();
    assert_eq!(user["UserStatus"], "CONFIRMED");
    srp_sign_in(&emu, &pool, &client, "john@example.com", "chosen1").unwrap();
}

#[test]
fn seed_admin_commands() {
    let emu = start(&["seed1-cdk-ts.template.json"]);
    let (pool, client) = emu.first_pool();
    emu.call("SignUp", json!({"ClientId": client, "Username": "eve@example.com", "Password": "secret1", "UserAttributes": [
        {"Name": "given_name", "Value": "Eve"}, {"Name": "family_name", "Value": "X"}]})).unwrap();
    emu.call(
        "AdminConfirmSignUp",
        json!({"UserPoolId": pool, "Username": "eve@example.com"}),
    )
    .unwrap();
    let err = emu
        .call(
            "AdminConfirmSignUp",
            json!({"UserPoolId": pool, "Username": "eve@example.com"}),
        )
        .unwrap_err();
    assert_eq!(
        err.1,
        "User cannot be confirmed. Current status is CONFIRMED"
    );
    emu.call("AdminUpdateUserAttributes", json!({"UserPoolId": pool, "Username": "eve@example.com", "UserAttributes": [
        {"Name": "email_verified", "Value": "true"}, {"Name": "custom:isAdmin", "Value": "yes"}, {"Name": "gender", "Value": "f"}]})).unwrap();
    let user = emu
        .call(
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": "eve@example.com"}),
        )
        .unwrap();
    let attrs = user["UserAttributes"].as_array().unwrap();
    assert!(attrs.contains(&json!({"Name": "custom:isAdmin", "Value": "yes"})));
    assert!(attrs.contains(&json!({"Name": "email_verified", "Value": "true"})));

    let auth = emu
        .call(
            "AdminInitiateAuth",
            json!({"UserPoolId": pool, "ClientId": client, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "eve@example.com", "PASSWORD": "secret1"}}),
        )
        .unwrap();
    assert!(auth["AuthenticationResult"]["AccessToken"].is_string());

    emu.call("AdminSetUserPassword", json!({"UserPoolId": pool, "Username": "eve@example.com", "Password": "perman1", "Permanent": true})).unwrap();
    srp_sign_in(&emu, &pool, &client, "eve@example.com", "perman1").unwrap();

    let list = emu
        .call(
            "ListUsers",
            json!({"UserPoolId": pool, "Filter": "email ^= \"eve\""}),
        )
        .unwrap();
    assert_eq!(list["Users"].as_array().unwrap().len(), 1);
    let none = emu
        .call(
            "ListUsers",
            json!({"UserPoolId": pool, "Filter": "email = \"eve\""}),
        )
        .unwrap();
    assert!(none["Users"].as_array().unwrap().is_empty());
    let described = emu
        .call("DescribeUserPool", json!({"UserPoolId": pool}))
        .unwrap();
    assert_eq!(described["UserPool"]["Name"], "my-user-pool");
    assert_eq!(described["UserPool"]["EstimatedNumberOfUsers"], 1);
    assert_eq!(
        described["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"],
        6
    );
    let client_info = emu
        .call(
            "DescribeUserPoolClient",
            json!({"UserPoolId": pool, "ClientId": client}),
        )
        .unwrap();
    assert!(client_info["UserPoolClient"]["ExplicitAuthFlows"]
        .as_array()
        .unwrap()
        .contains(&json!("ALLOW_USER_SRP_AUTH")));
    assert_eq!(
        emu.call("ListUserPools", json!({"MaxResults": 10}))
            .unwrap()["UserPools"][0]["Id"],
        pool
    );
    assert_eq!(
        emu.call("ListUserPoolClients", json!({"UserPoolId": pool}))
            .unwrap()["UserPoolClients"][0]["ClientId"],
        client
    );

    emu.call(
        "AdminDeleteUser",
        json!({"UserPoolId": pool, "Username": "eve@example.com"}),
    )
    .unwrap();
    let err = emu
        .call(
            "AdminGetUser",
            json!({"UserPoolId": pool, "Username": "eve@example.com"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "UserNotFoundException");
}

#[test]
fn admin_only_pools_refuse_sign_up() {
    let emu = start(&["seed3-sam.template.yaml"]);
    let (pool, client) = emu.first_pool();
    let err = emu
        .call(
            "SignUp",
            json!({"ClientId": client, "Username": "a@example.com", "Password": "Passw0rd"}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "SignUp is not permitted for this user pool".into()
        )
    );
    emu.call("AdminCreateUser", json!({"UserPoolId": pool, "Username": "a@example.com", "TemporaryPassword": "Temp0rary", "MessageAction": "SUPPRESS"})).unwrap();
    assert!(
        emu.get("/_emulator/outbox").as_array().unwrap().is_empty(),
        "SUPPRESS sends nothing"
    );
    let err = emu
        .call(
            "AdminCreateUser",
            json!({"UserPoolId": pool, "Username": "a@example.com"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "UsernameExistsException");
    // Temporary passwords expire (30 days in this template's dev condition).
    emu.clock
        .fetch_add(31 * 86_400, std::sync::atomic::Ordering::SeqCst);
    let err = srp_sign_in(&emu, &pool, &client, "a@example.com", "Temp0rary").unwrap_err();
    assert_eq!(
        err.1,
        "Temporary password has expired and must be reset by an administrator."
    );
}
