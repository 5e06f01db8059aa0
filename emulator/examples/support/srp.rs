//! An SRP sign-in as a browser makes it (InitiateAuth, the client's proof,
//! RespondToAuthChallenge), for the load generators.
#![allow(dead_code)] // each generator uses what it needs

use cognito_protocol::srp::{PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use serde_json::{json, Value};

use super::http::call;

/// 32 random bytes.
pub(crate) fn random32() -> Vec<u8> {
    let mut b = vec![0u8; 32];
    getrandom::fill(&mut b).unwrap_or_else(|e| panic!("{e}"));
    b
}

/// A fresh SRP client (its A computed now).
pub(crate) fn client() -> SrpClient {
    SrpClient::new(&SecretExponent::new(random32())).unwrap_or_else(|e| panic!("{e}"))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// One SRP sign-in with `srp` (A computed beforehand, as a browser does while the form is
/// shown): the `AuthenticationResult`.
pub(crate) fn sign_in(
    port: u16,
    pool: &UserPoolId,
    client: &str,
    user: &str,
    password: &str,
    srp: &SrpClient,
) -> Result<Value, String> {
    let c = call(
        port,
        "InitiateAuth",
        &json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH",
        "AuthParameters": {"USERNAME": user, "SRP_A": srp.srp_a()}}),
    )?;
    let p = &c["ChallengeParameters"];
    let s = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let challenge = PasswordVerifierChallenge {
        salt: s("SALT"),
        srp_b: s("SRP_B"),
        secret_block: s("SECRET_BLOCK"),
        user_id_for_srp: s("USER_ID_FOR_SRP"),
    };
    let claim = srp
        .respond(pool, &challenge, &Password::new(password), now())
        .map_err(|e| e.to_string())?;
    let r = call(
        port,
        "RespondToAuthChallenge",
        &json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {"USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
            "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature}}),
    )?;
    let result = r["AuthenticationResult"].clone();
    if result["AccessToken"].is_string() {
        Ok(result)
    } else {
        Err(format!("no tokens: {r}"))
    }
}
