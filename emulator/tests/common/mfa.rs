//! Sign-ins past the password step, for the MFA and device tests: the SRP (with a device key
//! when there is one), answers to challenges, TOTP codes at the emulator's clock.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use cognito_emulator::state::AppState;
use cognito_protocol::srp::{DeviceGroup, PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{totp, Password, SecretExponent, UserPoolId};
use serde_json::{json, Value};

use super::oneshot::{api, ids};

/// Cognito's answer or `(__type, message)`.
pub type Answer = Result<Value, (String, String)>;

/// The answer to a USER_SRP_AUTH sign-in's password step (`DEVICE_KEY` sent with the claim,
/// as Amplify v6 sends it).
pub async fn srp(
    s: &Arc<AppState>,
    login: &str,
    password: &str,
    device_key: Option<&str>,
) -> Answer {
    let (pool, client) = ids(s);
    let srp = SrpClient::new(&SecretExponent::new(vec![9; 32])).unwrap();
    let challenge = api(
        s,
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH",
               "AuthParameters": {"USERNAME": login, "SRP_A": srp.srp_a()}}),
    )
    .await?;
    let p = &challenge["ChallengeParameters"];
    let pvc = PasswordVerifierChallenge {
        salt: p["SALT"].as_str().unwrap().into(),
        srp_b: p["SRP_B"].as_str().unwrap().into(),
        secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
        user_id_for_srp: p["USER_ID_FOR_SRP"].as_str().unwrap().into(),
    };
    let claim = srp
        .respond(
            &UserPoolId::parse(&pool).unwrap(),
            &pvc,
            &Password::new(password),
            now(s),
        )
        .unwrap();
    let mut responses = json!({
        "USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
        "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature,
    });
    if let Some(key) = device_key {
        responses["DEVICE_KEY"] = json!(key);
    }
    api(
        s,
        "RespondToAuthChallenge",
        json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": responses}),
    )
    .await
}

/// Answers the challenge in `previous` with `responses` (USERNAME added).
pub async fn answer(s: &Arc<AppState>, previous: &Value, responses: Value) -> Answer {
    let (_, client) = ids(s);
    let mut responses = responses;
    responses["USERNAME"] = previous["ChallengeParameters"]["USER_ID_FOR_SRP"]
        .as_str()
        .or(previous["ChallengeParameters"]["USERNAME"].as_str())
        .map_or(Value::Null, |u| json!(u));
    api(
        s,
        "RespondToAuthChallenge",
        json!({"ClientId": client, "ChallengeName": previous["ChallengeName"],
               "Session": previous["Session"], "ChallengeResponses": responses}),
    )
    .await
}

/// The emulator's clock.
pub fn now(s: &Arc<AppState>) -> i64 {
    s.now()
}

/// The code an authenticator app shows for `secret` at the emulator's time.
pub fn totp_code(s: &Arc<AppState>, secret: &str) -> String {
    totp::code_at(&totp::secret_from_code(secret).unwrap(), now(s) as u64)
}

/// Moves the clock on.
pub fn wait(clock: &AtomicI64, seconds: i64) {
    clock.fetch_add(seconds, Ordering::SeqCst);
}

/// Device SRP after a `DEVICE_SRP_AUTH` challenge: the final answer.
pub async fn device_srp(
    s: &Arc<AppState>,
    previous: &Value,
    key: &str,
    group: &str,
    password: &Password,
) -> Answer {
    assert_eq!(previous["ChallengeName"], "DEVICE_SRP_AUTH", "{previous}");
    let srp = SrpClient::new(&SecretExponent::new(vec![4; 32])).unwrap();
    let verifier = answer(
        s,
        previous,
        json!({"DEVICE_KEY": key, "SRP_A": srp.srp_a()}),
    )
    .await?;
    assert_eq!(verifier["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    let p = &verifier["ChallengeParameters"];
    let pvc = PasswordVerifierChallenge {
        salt: p["SALT"].as_str().unwrap().into(),
        srp_b: p["SRP_B"].as_str().unwrap().into(),
        secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
        user_id_for_srp: key.into(),
    };
    let claim = srp
        .respond(&DeviceGroup(group.into()), &pvc, password, now(s))
        .unwrap();
    answer(
        s,
        &verifier,
        json!({"DEVICE_KEY": key, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
               "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature}),
    )
    .await
}

/// `(__type: message)` of a refusal.
pub fn said(r: Answer) -> String {
    let (kind, message) = r.expect_err("refused");
    format!("{kind}: {message}")
}

/// A user created by an administrator (verified e-mail) who set TOTP up at their first SRP
/// sign-in (`MFA_SETUP`): the tokens of that sign-in and the app's secret.
pub async fn totp_user(s: &Arc<AppState>, address: &str, password: &str) -> (Value, String) {
    let attributes =
        json!([{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}]);
    super::oneshot::admin_user(s, address, password, attributes).await;
    let setup = srp(s, address, password, None).await.unwrap();
    assert_eq!(setup["ChallengeName"], "MFA_SETUP", "{setup}");
    let associated = api(
        s,
        "AssociateSoftwareToken",
        json!({"Session": setup["Session"]}),
    )
    .await
    .unwrap();
    let secret = associated["SecretCode"].as_str().unwrap().to_owned();
    let verified = api(
        s,
        "VerifySoftwareToken",
        json!({"Session": associated["Session"], "UserCode": totp_code(s, &secret), "FriendlyDeviceName": "Pixel"}),
    )
    .await
    .unwrap();
    assert_eq!(verified["Status"], "SUCCESS");
    let mut done = setup.clone();
    done["Session"] = verified["Session"].clone();
    let tokens = answer(s, &done, json!({})).await.unwrap();
    (tokens["AuthenticationResult"].clone(), secret)
}
