//! The PASSWORD_VERIFIER challenge InitiateAuth sends for USER_SRP_AUTH, real or, for a user
//! who does not exist when PreventUserExistenceErrors is on, a phantom that can only fail.

use base64::{engine::general_purpose::STANDARD, Engine};
use cognito_protocol::pool::PoolConfig;
use cognito_protocol::srp::{ServerChallenge, Verifier};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::Action;
use crate::random;
use crate::state::{AppState, Pending};
use crate::template::LoadedClient;

/// Draws b (256 bits: twice the group's strength, as the widget's a; NIST SP 800-56A) and a
/// secret block, keeps them in a session keyed by the secret block, and answers with SALT,
/// SRP_B and SECRET_BLOCK.
pub(super) fn password_verifier(
    state: &AppState,
    client: &LoadedClient,
    username: String,
    verifier: &Verifier,
    srp_a: &str,
    device_key: Option<String>,
) -> Action {
    let challenge = ServerChallenge::new(verifier, srp_a, &SecretExponent::new(random::bytes(32)))
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let secret_block = random::bytes(64);
    let key = STANDARD.encode(&secret_block);
    let params = json!({
        "SALT": verifier.salt_hex(),
        "SRP_B": challenge.srp_b(),
        "SECRET_BLOCK": key,
        "USERNAME": username,
        "USER_ID_FOR_SRP": username,
    });
    let pending = Pending::PasswordVerifier {
        username,
        challenge: Box::new(challenge),
        secret_block,
        device_key,
    };
    // Like Cognito, no `Session`: the client's PASSWORD_CLAIM_SECRET_BLOCK finds the challenge.
    state.open_session_as(&client.config, key, pending);
    Ok(json!({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": params}))
}

/// A challenge that looks real for a login name nobody has: the same salt and user id every
/// time for that name, and a verifier for a password no one knows.
pub(super) fn phantom(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    login: &str,
    srp_a: &str,
) -> Action {
    let seed = Sha256::digest(format!("{}:{login}", pool.id).as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(&seed[..16]);
    let user_id = random::uuid_from(id);
    let pool_id = UserPoolId::parse(&pool.id).map_err(|e| ApiError::invalid(e.to_string()))?;
    let unknowable = Password::new(String::from_utf8_lossy(&random::bytes(32)).into_owned());
    let verifier = Verifier::new(&pool_id, &user_id, &unknowable, &seed[16..]);
    password_verifier(state, client, user_id, &verifier, srp_a, None)
}
