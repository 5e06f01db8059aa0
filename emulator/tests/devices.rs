//! Remembered devices: `NewDeviceMetadata`, ConfirmDevice with a verifier computed as the
//! JavaScript clients compute it, device SRP verified for real, a remembered device standing in
//! for MFA, the device operations, and refresh with a device key.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use cognito_emulator::state::AppState;
use cognito_protocol::srp::{device_secret, DeviceGroup};
use cognito_protocol::Password;
use common::mfa::{answer, device_srp, said, srp, totp_code, wait};
use common::oneshot::{api, ids, state_with_clock};
use serde_json::{json, Value};

const MFA: &str = "../../../www/mfa-pool.template.json";
const PASSWORD: &str = "Passw0rdA";

struct Remembered {
    key: String,
    group: String,
    password: Password,
}

/// A TOTP user signed in once: tokens, the app secret, and the device key the sign-in issued.
async fn first_sign_in(s: &Arc<AppState>, address: &str) -> (Value, String) {
    common::mfa::totp_user(s, address, PASSWORD).await
}

/// ConfirmDevice for the device the tokens came with.
async fn confirm(s: &Arc<AppState>, tokens: &Value) -> (Remembered, Value) {
    let meta = &tokens["NewDeviceMetadata"];
    let key = meta["DeviceKey"]
        .as_str()
        .expect("a new device key")
        .to_owned();
    let group = meta["DeviceGroupKey"].as_str().unwrap().to_owned();
    let secret = device_secret(&DeviceGroup(group.clone()), &key, &[0x42; 40], &[0x9c; 16]);
    let confirmed = api(
        s,
        "ConfirmDevice",
        json!({"AccessToken": tokens["AccessToken"], "DeviceKey": key, "DeviceName": "Firefox on Linux",
               "DeviceSecretVerifierConfig": {"PasswordVerifier": secret.verifier, "Salt": secret.salt}}),
    )
    .await
    .unwrap();
    let device = Remembered {
        key,
        group,
        password: secret.password,
    };
    (device, confirmed)
}

#[tokio::test]
async fn a_remembered_device_skips_mfa_with_device_srp() {
    let (s, clock) = state_with_clock(MFA);
    let address = "device@example.com";
    let (tokens, secret) = first_sign_in(&s, address).await;
    let key_shape = tokens["NewDeviceMetadata"]["DeviceKey"].as_str().unwrap();
    assert!(
        key_shape.starts_with("us-east-1_") && key_shape.len() == 46,
        "{key_shape}"
    );
    let (device, confirmed) = confirm(&s, &tokens).await;
    // This pool remembers a device only when the user says so.
    assert_eq!(confirmed, json!({"UserConfirmationNecessary": true}));
    let again = api(
        &s,
        "ConfirmDevice",
        json!({"AccessToken": tokens["AccessToken"], "DeviceKey": device.key,
               "DeviceSecretVerifierConfig": {"PasswordVerifier": "AAAA", "Salt": "AAAA"}}),
    )
    .await;
    assert!(said(again).starts_with("DeviceKeyExistsException"));

    // Not remembered yet: the password, then MFA, then the device proves itself (no new key).
    wait(&clock, 30);
    let mfa = srp(&s, address, PASSWORD, Some(&device.key)).await.unwrap();
    assert_eq!(mfa["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let device_step = answer(
        &s,
        &mfa,
        json!({"SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, &secret), "DEVICE_KEY": device.key}),
    )
    .await
    .unwrap();
    let done = device_srp(
        &s,
        &device_step,
        &device.key,
        &device.group,
        &device.password,
    )
    .await
    .unwrap();
    assert!(done["AuthenticationResult"]
        .get("NewDeviceMetadata")
        .is_none());

    // "Remember this device": the next sign-in asks for no code.
    api(
        &s,
        "UpdateDeviceStatus",
        json!({"AccessToken": tokens["AccessToken"], "DeviceKey": device.key, "DeviceRememberedStatus": "remembered"}),
    )
    .await
    .unwrap();
    let straight = srp(&s, address, PASSWORD, Some(&device.key)).await.unwrap();
    assert_eq!(straight["ChallengeName"], "DEVICE_SRP_AUTH", "{straight}");
    let done = device_srp(&s, &straight, &device.key, &device.group, &device.password)
        .await
        .unwrap();
    let access = done["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap();
    let claims = cognito_emulator::tokens::unverified_claims(access).unwrap();
    assert_eq!(claims["device_key"], json!(device.key));

    // A device that does not know its password is refused.
    let straight = srp(&s, address, PASSWORD, Some(&device.key)).await.unwrap();
    let impostor = Password::new("bm90IHRoZSBkZXZpY2UgcGFzc3dvcmQ=");
    let refused = device_srp(&s, &straight, &device.key, &device.group, &impostor).await;
    assert_eq!(
        said(refused),
        "NotAuthorizedException: Incorrect username or password."
    );

    // Forgotten: the key is unknown, and the sign-in goes on without it.
    api(
        &s,
        "ForgetDevice",
        json!({"AccessToken": access, "DeviceKey": device.key}),
    )
    .await
    .unwrap();
    let unknown = srp(&s, address, PASSWORD, Some(&device.key)).await;
    assert_eq!(
        said(unknown),
        "ResourceNotFoundException: Device does not exist."
    );
}

#[tokio::test]
async fn an_unknown_device_key_leaves_the_password_challenge_open() {
    let (s, _) = state_with_clock(MFA);
    let address = "retry@example.com";
    first_sign_in(&s, address).await;
    let (pool, client) = ids(&s);
    // The password step by hand, so the same claim can be sent twice (identity-js's retry).
    let srp_client =
        cognito_protocol::srp::SrpClient::new(&cognito_protocol::SecretExponent::new(vec![9; 32]))
            .unwrap();
    let challenge = api(
        &s,
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH",
               "AuthParameters": {"USERNAME": address, "SRP_A": srp_client.srp_a()}}),
    )
    .await
    .unwrap();
    let p = &challenge["ChallengeParameters"];
    let pvc = cognito_protocol::srp::PasswordVerifierChallenge {
        salt: p["SALT"].as_str().unwrap().into(),
        srp_b: p["SRP_B"].as_str().unwrap().into(),
        secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
        user_id_for_srp: p["USER_ID_FOR_SRP"].as_str().unwrap().into(),
    };
    let claim = srp_client
        .respond(
            &cognito_protocol::UserPoolId::parse(&pool).unwrap(),
            &pvc,
            &Password::new(PASSWORD),
            s.now(),
        )
        .unwrap();
    let mut responses = json!({"USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
        "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature,
        "DEVICE_KEY": "us-east-1_00000000-0000-4000-8000-000000000000"});
    let request = |responses: &Value| json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": responses});
    let unknown = api(&s, "RespondToAuthChallenge", request(&responses)).await;
    assert_eq!(
        said(unknown),
        "ResourceNotFoundException: Device does not exist."
    );
    responses.as_object_mut().unwrap().remove("DEVICE_KEY");
    let next = api(&s, "RespondToAuthChallenge", request(&responses))
        .await
        .unwrap();
    assert_eq!(next["ChallengeName"], "SOFTWARE_TOKEN_MFA");
}

#[tokio::test]
async fn devices_are_listed_fetched_and_refresh_with_their_key() {
    let (s, _) = state_with_clock(MFA);
    let address = "list@example.com";
    let (tokens, _) = first_sign_in(&s, address).await;
    let access = tokens["AccessToken"].clone();
    // Not confirmed: not a device yet.
    let listed = api(&s, "ListDevices", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(listed["Devices"], json!([]));
    let (device, _) = confirm(&s, &tokens).await;
    let listed = api(
        &s,
        "ListDevices",
        json!({"AccessToken": access, "Limit": 60}),
    )
    .await
    .unwrap();
    let devices = listed["Devices"].as_array().unwrap();
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0]["DeviceKey"], json!(device.key));
    let attributes = devices[0]["DeviceAttributes"].as_array().unwrap();
    assert!(attributes.contains(&json!({"Name": "device_name", "Value": "Firefox on Linux"})));
    let got = api(
        &s,
        "GetDevice",
        json!({"AccessToken": access, "DeviceKey": device.key}),
    )
    .await
    .unwrap();
    assert_eq!(got["Device"]["DeviceKey"], json!(device.key));
    let (pool, client) = ids(&s);
    let admin = api(
        &s,
        "AdminListDevices",
        json!({"UserPoolId": pool, "Username": address}),
    )
    .await
    .unwrap();
    let admin_attributes = admin["Devices"][0]["DeviceAttributes"].as_array().unwrap();
    assert!(admin_attributes
        .contains(&json!({"Name": "dev:device_remembered_status", "Value": "not_remembered"})));

    // Refresh names the device; a key that is not the user's is refused.
    let refreshed = api(
        &s,
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH",
               "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"], "DEVICE_KEY": device.key}}),
    )
    .await
    .unwrap();
    assert!(refreshed["AuthenticationResult"]["AccessToken"].is_string());
    let null_key = api(
        &s,
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH",
               "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"], "DEVICE_KEY": null}}),
    )
    .await;
    assert!(
        null_key.is_ok(),
        "identity-js sends DEVICE_KEY: null when it has none"
    );
    let foreign = api(
        &s,
        "GetTokensFromRefreshToken",
        json!({"ClientId": client, "RefreshToken": tokens["RefreshToken"], "DeviceKey": "us-east-1_nope"}),
    )
    .await;
    assert_eq!(
        said(foreign),
        "NotAuthorizedException: Invalid Refresh Token"
    );

    api(
        &s,
        "AdminForgetDevice",
        json!({"UserPoolId": pool, "Username": address, "DeviceKey": device.key}),
    )
    .await
    .unwrap();
    let gone = api(
        &s,
        "GetDevice",
        json!({"AccessToken": access, "DeviceKey": device.key}),
    )
    .await;
    assert_eq!(
        said(gone),
        "ResourceNotFoundException: Device does not exist."
    );
}
