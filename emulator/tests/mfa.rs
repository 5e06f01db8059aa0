//! MFA: the pool's settings as DescribeUserPool reports them, TOTP set up during sign-in
//! (`MFA_SETUP`) and from a session, the `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`, `SMS_MFA` and
//! `SELECT_MFA_TYPE` challenges, wrong, reused and late codes, expired sessions, preferences.
//! TOTP codes come from `cognito-protocol`'s RFC 6238 code (checked against the RFC's vectors).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use cognito_emulator::state::AppState;
use common::fixture;
use common::mfa::{answer, said, srp, totp_code, wait};
use common::oneshot::{
    admin_sign_in, admin_user, api, code_for, get, ids, send, state_from, state_with_clock,
};
use serde_json::{json, Value};

const MFA: &str = "../../../www/mfa-pool.template.json";
const PASSWORD: &str = "Passw0rdA";

fn email(address: &str) -> Value {
    json!([{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}])
}

async fn totp_user(s: &Arc<AppState>, address: &str) -> (Value, String) {
    common::mfa::totp_user(s, address, PASSWORD).await
}

#[tokio::test]
async fn the_pool_reports_its_mfa_and_device_settings() {
    let (s, _) = state_with_clock(MFA);
    let (pool, client) = ids(&s);
    let described = api(&s, "DescribeUserPool", json!({"UserPoolId": pool}))
        .await
        .unwrap();
    assert_eq!(described["UserPool"]["MfaConfiguration"], "ON");
    assert_eq!(
        described["UserPool"]["DeviceConfiguration"],
        json!({"ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": true})
    );
    let config = api(&s, "GetUserPoolMfaConfig", json!({"UserPoolId": pool}))
        .await
        .unwrap();
    assert_eq!(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
    assert!(config["EmailMfaConfiguration"]["Message"]
        .as_str()
        .unwrap()
        .contains("{####}"));
    assert!(config.get("SmsMfaConfiguration").is_none());
    let described = api(
        &s,
        "DescribeUserPoolClient",
        json!({"UserPoolId": pool, "ClientId": client}),
    )
    .await
    .unwrap();
    assert_eq!(described["UserPoolClient"]["AuthSessionValidity"], 3);
    // The widget's configuration learns them, in amplify_outputs.json's words.
    let (_, _, pools) = send(&s, get("/_emulator/pools", &[])).await;
    let config = &pools["pools"][0]["clients"][0]["widget_config"];
    let auth = &config["amplify_outputs"]["auth"];
    assert_eq!(auth["mfa_configuration"], "REQUIRED");
    assert_eq!(auth["mfa_methods"], json!(["TOTP", "EMAIL"]));
    assert_eq!(config["remember_devices"], "on-prompt");
    assert_eq!(config["totp_issuer"], "mfa-demo");
}

#[tokio::test]
async fn a_new_user_sets_up_totp_during_sign_in_and_is_asked_for_it_after() {
    let (s, clock) = state_with_clock(MFA);
    let address = "totp@example.com";
    admin_user(&s, address, PASSWORD, email(address)).await;
    let setup = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(setup["ChallengeName"], "MFA_SETUP");
    assert_eq!(
        setup["ChallengeParameters"]["MFAS_CAN_SETUP"],
        "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"
    );
    // MFA_SETUP cannot be answered before a token is verified.
    let early = answer(&s, &setup, json!({})).await;
    assert!(said(early).starts_with("SoftwareTokenMFANotFoundException"));
    let associated = api(
        &s,
        "AssociateSoftwareToken",
        json!({"Session": setup["Session"]}),
    )
    .await
    .unwrap();
    let secret = associated["SecretCode"].as_str().unwrap();
    assert_eq!(secret.len(), 52, "32 random bytes in base32");
    // The old session was spent by the association.
    assert!(said(
        api(
            &s,
            "AssociateSoftwareToken",
            json!({"Session": setup["Session"]})
        )
        .await
    )
    .contains("session is expired"));
    let wrong = api(
        &s,
        "VerifySoftwareToken",
        json!({"Session": associated["Session"], "UserCode": "000000"}),
    )
    .await;
    assert_eq!(
        said(wrong),
        "EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA"
    );
    let malformed = api(
        &s,
        "VerifySoftwareToken",
        json!({"Session": associated["Session"], "UserCode": "12345"}),
    )
    .await;
    assert!(said(malformed).starts_with("InvalidParameterException"));
    let verified = api(
        &s,
        "VerifySoftwareToken",
        json!({"Session": associated["Session"], "UserCode": totp_code(&s, secret), "FriendlyDeviceName": "Pixel"}),
    )
    .await
    .unwrap();
    let mut done = setup.clone();
    done["Session"] = verified["Session"].clone();
    let tokens = answer(&s, &done, json!({})).await.unwrap();
    let access = &tokens["AuthenticationResult"]["AccessToken"];
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(user["UserMFASettingList"], json!(["SOFTWARE_TOKEN_MFA"]));
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");

    // The next sign-in asks for the app's code; the code just used is not taken again.
    let challenged = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(challenged["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(
        challenged["ChallengeParameters"]["FRIENDLY_DEVICE_NAME"],
        "Pixel"
    );
    let reused = answer(
        &s,
        &challenged,
        json!({"SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, secret)}),
    )
    .await;
    assert_eq!(
        said(reused),
        "CodeMismatchException: Invalid code or auth state for the user."
    );
    // The same session takes the next code (a wrong code keeps it).
    wait(&clock, 30);
    let signed_in = answer(
        &s,
        &challenged,
        json!({"SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, secret)}),
    )
    .await
    .unwrap();
    assert!(signed_in["AuthenticationResult"]["IdToken"].is_string());
}

#[tokio::test]
async fn a_totp_code_is_taken_one_step_either_side_and_not_further() {
    let (s, clock) = state_with_clock(MFA);
    let (_, secret) = totp_user(&s, "drift@example.com").await;
    for (offset, taken) in [(-30i64, true), (30, true), (-60, false), (60, false)] {
        wait(&clock, 90); // past every code used so far
        let code = {
            let bytes = cognito_protocol::totp::secret_from_code(&secret).unwrap();
            cognito_protocol::totp::code_at(&bytes, (s.now() + offset) as u64)
        };
        let challenged = srp(&s, "drift@example.com", PASSWORD, None).await.unwrap();
        let answered = answer(&s, &challenged, json!({"SOFTWARE_TOKEN_MFA_CODE": code})).await;
        assert_eq!(answered.is_ok(), taken, "a code from {offset} s away");
    }
}

#[tokio::test]
async fn three_wrong_codes_end_the_session_and_a_late_answer_finds_it_expired() {
    let (s, clock) = state_with_clock(MFA);
    let (_, secret) = totp_user(&s, "wrong@example.com").await;
    wait(&clock, 30);
    let challenged = srp(&s, "wrong@example.com", PASSWORD, None).await.unwrap();
    for _ in 0..3 {
        let wrong = answer(
            &s,
            &challenged,
            json!({"SOFTWARE_TOKEN_MFA_CODE": "000000"}),
        )
        .await;
        assert!(said(wrong).starts_with("CodeMismatchException"));
    }
    let right = answer(
        &s,
        &challenged,
        json!({"SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, &secret)}),
    )
    .await;
    assert_eq!(
        said(right),
        "NotAuthorizedException: Invalid session for the user, session is expired."
    );

    // AuthSessionValidity is 3 minutes.
    let challenged = srp(&s, "wrong@example.com", PASSWORD, None).await.unwrap();
    wait(&clock, 181);
    let late = answer(
        &s,
        &challenged,
        json!({"SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, &secret)}),
    )
    .await;
    assert_eq!(
        said(late),
        "NotAuthorizedException: Invalid session for the user, session is expired."
    );
}

#[tokio::test]
async fn email_codes_select_mfa_type_and_preferences() {
    let (s, clock) = state_with_clock(MFA);
    let address = "both@example.com";
    let (tokens, secret) = totp_user(&s, address).await;
    let access = tokens["AccessToken"].clone();
    // E-mail on as well, neither preferred: the user chooses.
    api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "EmailMfaSettings": {"Enabled": true},
               "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": false}}),
    )
    .await
    .unwrap();
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(
        user["UserMFASettingList"],
        json!(["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
    );
    assert!(user.get("PreferredMfaSetting").is_none());
    let select = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(select["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(
        select["ChallengeParameters"]["MFAS_CAN_CHOOSE"],
        "[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"
    );
    let bad = answer(&s, &select, json!({"ANSWER": "SMS_MFA"})).await;
    assert!(said(bad).starts_with("InvalidParameterException"));
    // The reference's own text says EMAIL_MFA; the enum and Amplify say EMAIL_OTP: both go.
    let emailed = answer(&s, &select, json!({"ANSWER": "EMAIL_MFA"}))
        .await
        .unwrap();
    assert_eq!(emailed["ChallengeName"], "EMAIL_OTP");
    assert_eq!(
        emailed["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "EMAIL"
    );
    assert_eq!(
        emailed["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "b***@e***"
    );
    let code = code_for(&s, address).await;
    let wrong = answer(&s, &emailed, json!({"EMAIL_OTP_CODE": "12345678"})).await;
    assert!(said(wrong).starts_with("CodeMismatchException"));
    let done = answer(&s, &emailed, json!({"EMAIL_OTP_CODE": code}))
        .await
        .unwrap();
    assert!(done["AuthenticationResult"]["AccessToken"].is_string());

    // Preferred e-mail: asked directly.
    api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "EmailMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    )
    .await
    .unwrap();
    let direct = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(direct["ChallengeName"], "EMAIL_OTP");
    // Two preferred at once, or none left in a pool that requires MFA: refused.
    let two = api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "EmailMfaSettings": {"Enabled": true, "PreferredMfa": true},
               "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    )
    .await;
    assert!(said(two).starts_with("InvalidParameterException"));
    let none = api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "EmailMfaSettings": {"Enabled": false},
               "SoftwareTokenMfaSettings": {"Enabled": false}}),
    )
    .await;
    assert!(said(none).starts_with("InvalidParameterException"));
    // The administrator's call sets TOTP preferred again.
    let (pool, _) = ids(&s);
    api(
        &s,
        "AdminSetUserMFAPreference",
        json!({"UserPoolId": pool, "Username": address,
               "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    )
    .await
    .unwrap();
    let admin_view = api(
        &s,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": address}),
    )
    .await
    .unwrap();
    assert_eq!(admin_view["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
    // …and the administrator's flow is challenged too.
    wait(&clock, 30);
    let challenged = admin_sign_in(&s, address, PASSWORD).await.unwrap();
    assert_eq!(challenged["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let (pool, client) = ids(&s);
    let done = api(
        &s,
        "AdminRespondToAuthChallenge",
        json!({"UserPoolId": pool, "ClientId": client, "ChallengeName": "SOFTWARE_TOKEN_MFA",
               "Session": challenged["Session"],
               "ChallengeResponses": {"USERNAME": challenged["ChallengeParameters"]["USER_ID_FOR_SRP"],
                                      "SOFTWARE_TOKEN_MFA_CODE": totp_code(&s, &secret)}}),
    )
    .await
    .unwrap();
    assert!(done["AuthenticationResult"]["IdToken"].is_string());
    assert!(
        done["AuthenticationResult"]
            .get("NewDeviceMetadata")
            .is_none(),
        "the administrator's flows do not track devices"
    );
}

#[tokio::test]
async fn mfa_setup_by_email_makes_the_address_the_users_factor() {
    let (s, _) = state_with_clock(MFA);
    let address = "mail-mfa@example.com";
    admin_user(&s, address, PASSWORD, email(address)).await;
    let setup = srp(&s, address, PASSWORD, None).await.unwrap();
    let emailed = answer(&s, &setup, json!({"EMAIL": address})).await.unwrap();
    assert_eq!(emailed["ChallengeName"], "EMAIL_OTP");
    let done = answer(
        &s,
        &emailed,
        json!({"EMAIL_OTP_CODE": code_for(&s, address).await}),
    )
    .await
    .unwrap();
    let access = &done["AuthenticationResult"]["AccessToken"];
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    assert_eq!(user["UserMFASettingList"], json!(["EMAIL_OTP"]));
}

/// The MFA pool with other settings.
fn variant(change: impl FnOnce(&mut Value)) -> Arc<AppState> {
    let (name, text) = fixture(MFA);
    let mut template: Value = serde_json::from_str(&text).unwrap();
    change(&mut template["Resources"]["MfaPool"]["Properties"]);
    state_from((name, template.to_string())).0
}

#[tokio::test]
async fn sms_codes_go_to_the_phone_masked_and_verify_it() {
    let s = variant(|p| {
        p["EnabledMfas"] = json!(["SMS_MFA"]);
        p["SmsConfiguration"] = json!({"SnsCallerArn": "arn:aws:iam::123456789012:role/sms"});
    });
    let address = "sms@example.com";
    let mut attributes = email(address);
    attributes
        .as_array_mut()
        .unwrap()
        .push(json!({"Name": "phone_number", "Value": "+14325554516"}));
    admin_user(&s, address, PASSWORD, attributes).await;
    // MFA is required and the pool sends SMS: a user with a phone is asked at once.
    let challenged = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(challenged["ChallengeName"], "SMS_MFA");
    assert_eq!(
        challenged["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "SMS"
    );
    assert_eq!(
        challenged["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "+*******4516"
    );
    let code = code_for(&s, "+14325554516").await;
    // amazon-cognito-identity-js sends SMS_MFA_CODE for every factor.
    let done = answer(&s, &challenged, json!({"SMS_MFA_CODE": code}))
        .await
        .unwrap();
    let access = &done["AuthenticationResult"]["AccessToken"];
    let user = api(&s, "GetUser", json!({"AccessToken": access}))
        .await
        .unwrap();
    let verified = user["UserAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["Name"] == "phone_number_verified" && a["Value"] == "true");
    assert!(
        verified,
        "a code that reached the phone verifies the number"
    );
}

#[tokio::test]
async fn an_optional_pool_asks_only_users_who_turned_mfa_on() {
    let s = variant(|p| p["MfaConfiguration"] = json!("OPTIONAL"));
    let address = "optional@example.com";
    admin_user(&s, address, PASSWORD, email(address)).await;
    let tokens = srp(&s, address, PASSWORD, None).await.unwrap();
    let access = tokens["AuthenticationResult"]["AccessToken"].clone();
    assert!(access.is_string(), "no MFA yet: {tokens}");
    // Turning TOTP on needs a verified token first.
    let early = api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "SoftwareTokenMfaSettings": {"Enabled": true}}),
    )
    .await;
    assert_eq!(
        said(early),
        "InvalidParameterException: User has not set up software token mfa"
    );
    let secret = api(&s, "AssociateSoftwareToken", json!({"AccessToken": access}))
        .await
        .unwrap();
    let secret = secret["SecretCode"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 16);
    let verified = api(
        &s,
        "VerifySoftwareToken",
        json!({"AccessToken": access, "UserCode": totp_code(&s, &secret)}),
    )
    .await
    .unwrap();
    assert_eq!(verified, json!({"Status": "SUCCESS"}));
    // Verified is not on: still no challenge.
    let still = srp(&s, address, PASSWORD, None).await.unwrap();
    assert!(still["AuthenticationResult"].is_object());
    api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    )
    .await
    .unwrap();
    let asked = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(asked["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    // And off again.
    api(
        &s,
        "SetUserMFAPreference",
        json!({"AccessToken": access, "SoftwareTokenMfaSettings": {"Enabled": false}}),
    )
    .await
    .unwrap();
    let off = srp(&s, address, PASSWORD, None).await.unwrap();
    assert!(off["AuthenticationResult"].is_object());
}

#[tokio::test]
async fn a_pool_without_totp_refuses_software_tokens() {
    let s = variant(|p| p["EnabledMfas"] = json!(["EMAIL_OTP"]));
    let address = "no-totp@example.com";
    admin_user(&s, address, PASSWORD, email(address)).await;
    let setup = srp(&s, address, PASSWORD, None).await.unwrap();
    assert_eq!(
        setup["ChallengeParameters"]["MFAS_CAN_SETUP"],
        "[\"EMAIL_OTP\"]"
    );
    let refused = api(
        &s,
        "AssociateSoftwareToken",
        json!({"Session": setup["Session"]}),
    )
    .await;
    assert_eq!(
        said(refused),
        "SoftwareTokenMFANotFoundException: Software Token MFA has not been enabled by the userPool"
    );
}
