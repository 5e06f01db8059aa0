//! An app client with a secret: every public call needs SECRET_HASH, over the login name when
//! initiating and over the internal username when answering the challenge.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use cognito_protocol::secret_hash::secret_hash;
use cognito_protocol::srp::{PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{ClientSecret, Password, SecretExponent, UserPoolId};
use common::{fixture, start_with, temp_dir};
use serde_json::json;

#[test]
fn secret_hash_is_required_and_checked() {
    let (name, text) = fixture("seed1-cdk-ts.template.json");
    let text = text.replace(
        "\"UserPoolId\": {",
        "\"GenerateSecret\": true, \"UserPoolId\": {",
    );
    let emu = start_with(vec![(name, text)], temp_dir("secret"));
    let (pool, client) = emu.first_pool();
    let described = emu
        .call(
            "DescribeUserPoolClient",
            json!({"UserPoolId": pool, "ClientId": client}),
        )
        .unwrap();
    let secret = ClientSecret::new(
        described["UserPoolClient"]["ClientSecret"]
            .as_str()
            .unwrap(),
    );
    let email = "sam@example.com";
    let attrs =
        json!([{"Name": "given_name", "Value": "S"}, {"Name": "family_name", "Value": "T"}]);

    let err = emu.call("SignUp", json!({"ClientId": client, "Username": email, "Password": "secret1", "UserAttributes": attrs})).unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            format!("Unable to verify secret hash for client {client}")
        )
    );
    let hash = secret_hash(&secret, email, &client);
    emu.call("SignUp", json!({"ClientId": client, "Username": email, "Password": "secret1", "UserAttributes": attrs, "SecretHash": hash})).unwrap();
    emu.call("ConfirmSignUp", json!({"ClientId": client, "Username": email, "ConfirmationCode": emu.last_code(email), "SecretHash": hash})).unwrap();

    let srp = SrpClient::new(&SecretExponent::new(vec![7; 32])).unwrap();
    let initiate = |h: &str| {
        emu.call(
            "InitiateAuth",
            json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH",
            "AuthParameters": {"USERNAME": email, "SRP_A": srp.srp_a(), "SECRET_HASH": h}}),
        )
    };
    assert_eq!(
        initiate("bm9wZQ==").unwrap_err().0,
        "NotAuthorizedException"
    );
    let answer = |h: String| {
        let c = initiate(&hash).unwrap();
        let p = &c["ChallengeParameters"];
        let challenge = PasswordVerifierChallenge {
            salt: p["SALT"].as_str().unwrap().into(),
            srp_b: p["SRP_B"].as_str().unwrap().into(),
            secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
            user_id_for_srp: p["USER_ID_FOR_SRP"].as_str().unwrap().into(),
        };
        let now = emu.clock.load(std::sync::atomic::Ordering::SeqCst);
        let claim = srp
            .respond(
                &UserPoolId::parse(&pool).unwrap(),
                &challenge,
                &Password::new("secret1"),
                now,
            )
            .unwrap();
        let h = if h.is_empty() {
            secret_hash(&secret, &claim.username, &client)
        } else {
            h
        };
        emu.call("RespondToAuthChallenge", json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {"USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature, "SECRET_HASH": h}}))
    };
    // Over the login name on the respond step: refused, as real Cognito does.
    assert_eq!(
        answer(hash.clone()).unwrap_err().0,
        "NotAuthorizedException"
    );
    let tokens = answer(String::new()).unwrap();
    assert!(tokens["AuthenticationResult"]["IdToken"].is_string());
}
