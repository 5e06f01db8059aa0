//! `DEVICE_SRP_AUTH` → `DEVICE_PASSWORD_VERIFIER`: a remembered device proves it holds the
//! random password whose verifier ConfirmDevice stored, by the user SRP with the device group
//! key in place of the pool name and the device key in place of the username.

use base64::{engine::general_purpose::STANDARD, Engine};
use cognito_protocol::pool::PoolConfig;
use cognito_protocol::srp::{parse_hex, DeviceGroup, ServerChallenge, SrpError, Verifier};
use cognito_protocol::SecretExponent;
use serde_json::{json, Value};

use super::error::ApiError;
use super::second_factor::{device_key_in, known_device, tokens, wrong_challenge};
use super::secret::check_secret_hash;
use super::Action;
use crate::random;
use crate::state::{AppState, Pending, Session, SignIn};
use crate::store::{Device, User};
use crate::template::LoadedClient;

/// How far a claim's TIMESTAMP may be from the server's clock (as for the user's SRP).
const CLOCK_SKEW_SECONDS: i64 = 300;

fn refused() -> ApiError {
    ApiError::not_authorized("Incorrect username or password.")
}

/// Asks the client to start device SRP (its parameters are unused by the clients).
pub(super) fn challenge(state: &AppState, client: &LoadedClient, sign_in: SignIn) -> Value {
    let params = json!({"USERNAME": sign_in.username});
    let session = state.open_session(&client.config, Pending::DeviceSrpAuth { sign_in });
    json!({"ChallengeName": "DEVICE_SRP_AUTH", "Session": session, "ChallengeParameters": params})
}

/// The device key the client answers with must be the one the sign-in named.
fn same_device(sign_in: &SignIn, responses: &Value) -> Result<String, ApiError> {
    let given = device_key_in(responses, "DEVICE_KEY")
        .ok_or_else(|| ApiError::invalid("Missing required parameter DEVICE_KEY"))?;
    if sign_in.device_key.as_deref() != Some(given.as_str()) {
        return Err(refused());
    }
    Ok(given)
}

/// The signing-in user and the device an answer names, which must be the sign-in's and theirs
/// (the client's SECRET_HASH checked first).
fn claimed_device(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    sign_in: &SignIn,
    responses: &Value,
) -> Result<(User, Device), ApiError> {
    check_secret_hash(client, responses["SECRET_HASH"].as_str(), &sign_in.username)?;
    let key = same_device(sign_in, responses)?;
    let user = state
        .store
        .user_by_username(&pool.id, &sign_in.username)?
        .ok_or_else(ApiError::user_not_found)?;
    let device = known_device(state, pool, &user, &key)?;
    Ok((user, device))
}

/// `DEVICE_SRP_AUTH` answered with `SRP_A`: B from the device's verifier.
pub(super) fn answer_srp_a(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    session: Session,
    responses: &Value,
) -> Action {
    let Pending::DeviceSrpAuth { sign_in } = session.pending else {
        return Err(wrong_challenge("DEVICE_SRP_AUTH"));
    };
    let (_, device) = claimed_device(state, pool, client, &sign_in, responses)?;
    let verifier = Verifier {
        salt: parse_hex("SALT", &device.salt_hex).map_err(|e| ApiError::invalid(e.to_string()))?,
        verifier: parse_hex("verifier", &device.verifier_hex)
            .map_err(|e| ApiError::invalid(e.to_string()))?,
    };
    let srp_a = responses["SRP_A"]
        .as_str()
        .ok_or_else(|| ApiError::invalid("Missing required parameter SRP_A"))?;
    let challenge = ServerChallenge::new(&verifier, srp_a, &SecretExponent::new(random::bytes(32)))
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let secret_block = random::bytes(64);
    let params = json!({
        "SALT": verifier.salt_hex(),
        "SRP_B": challenge.srp_b(),
        "SECRET_BLOCK": STANDARD.encode(&secret_block),
        "USERNAME": sign_in.username,
    });
    let pending = Pending::DevicePasswordVerifier {
        sign_in,
        challenge: Box::new(challenge),
        secret_block,
    };
    let session = state.open_session(&client.config, pending);
    Ok(
        json!({"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "Session": session, "ChallengeParameters": params}),
    )
}

/// `DEVICE_PASSWORD_VERIFIER` answered: the claim checked like a user's, then the tokens.
pub(super) fn answer_claim(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    session: Session,
    responses: &Value,
    admin: bool,
) -> Action {
    let Pending::DevicePasswordVerifier {
        sign_in,
        challenge,
        secret_block,
    } = session.pending
    else {
        return Err(wrong_challenge("DEVICE_PASSWORD_VERIFIER"));
    };
    let (user, mut device) = claimed_device(state, pool, client, &sign_in, responses)?;
    let response = |k: &str| {
        responses[k]
            .as_str()
            .ok_or_else(|| ApiError::invalid(format!("Missing required parameter {k}")))
    };
    let block = STANDARD
        .decode(response("PASSWORD_CLAIM_SECRET_BLOCK")?)
        .map_err(|_| ApiError::invalid("PASSWORD_CLAIM_SECRET_BLOCK is not base64"))?;
    if block != secret_block {
        return Err(refused());
    }
    let verified = challenge.verify(
        &DeviceGroup(device.group_key.clone()),
        &device.device_key,
        &block,
        response("TIMESTAMP")?,
        response("PASSWORD_CLAIM_SIGNATURE")?,
    );
    match verified {
        Ok(t) if (t - state.now()).abs() <= CLOCK_SKEW_SECONDS => {}
        Err(SrpError::TimestampFormat) => {
            return Err(ApiError::invalid(
                "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
            ))
        }
        _ => return Err(refused()),
    }
    device.last_authenticated = state.now();
    state.store.put_device(&device)?;
    tokens(state, pool, client, &user, Some(&device.device_key), admin)
}
