//! InitiateAuth and RespondToAuthChallenge: SRP verified for real, the password flow, refresh.

use base64::{engine::general_purpose::STANDARD, Engine};
use cognito_protocol::pool::PoolConfig;
use cognito_protocol::srp::{parse_hex, Verifier};
use cognito_protocol::UserPoolId;
use serde_json::{json, Value};

use super::device_srp;
use super::error::ApiError;
use super::second_factor::{self, device_key_in};
use super::secret::check_secret_hash;
use super::srp_challenge;
use super::tokens::{issue, refresh_origin};
use super::{required_str, Action};
use crate::passwords;
use crate::state::{AppState, Pending, Session};
use crate::store::{User, UserStatus};
use crate::template::LoadedClient;
use crate::users;

/// How far a claim's TIMESTAMP may be from the server's clock.
const CLOCK_SKEW_SECONDS: i64 = 300;

fn wrong_password() -> ApiError {
    ApiError::not_authorized("Incorrect username or password.")
}

/// A refresh that names a device must name one of the user's confirmed devices (re:Post:
/// "Invalid Refresh Token"); one that names none is taken.
pub(super) fn refresh_device(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    device_key: Option<&str>,
) -> Result<(), ApiError> {
    match device_key {
        Some(key) => second_factor::known_device(state, pool, user, key)
            .map(drop)
            .map_err(|_| ApiError::not_authorized("Invalid Refresh Token")),
        None => Ok(()),
    }
}

fn flow_disabled(flow: &str) -> ApiError {
    ApiError::invalid(format!("{flow} flow not enabled for this client"))
}

/// The user a sign-in names, or the error Cognito gives (hiding existence when asked to).
fn signing_in(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    login: &str,
) -> Result<User, ApiError> {
    let user = users::find(state, pool, login)?;
    let user = match user {
        Some(u) => u,
        None if client.config.prevent_user_existence_errors => return Err(wrong_password()),
        None => return Err(ApiError::user_not_found()),
    };
    if !user.enabled {
        return Err(ApiError::not_authorized("User is disabled."));
    }
    if user.locked_until > state.now() {
        return Err(ApiError::not_authorized("Password attempts exceeded"));
    }
    Ok(user)
}

/// Quiet time after which earlier failed sign-ins are forgotten.
const FAILURES_FORGOTTEN_AFTER: i64 = 15 * 60;

/// After a wrong password: five failures lock for 1 s, doubling per failure up to 15 minutes;
/// failures more than 15 quiet minutes old no longer count (the lockout decays).
pub(super) fn record_failure(state: &AppState, user: &mut User) -> Result<(), ApiError> {
    let now = state.now();
    if now - user.last_failed.max(user.locked_until) > FAILURES_FORGOTTEN_AFTER {
        user.failed_attempts = 0;
    }
    user.last_failed = now;
    user.failed_attempts += 1;
    if user.failed_attempts >= 5 {
        let seconds = 1i64 << (user.failed_attempts - 5).min(10);
        user.locked_until = state.now() + seconds.min(900);
    }
    state.store.update_user(user)?;
    Ok(())
}

/// A correct password: clear failures, then tokens or the next challenge.
fn signed_in(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    mut user: User,
    device_key: Option<&str>,
    admin: bool,
) -> Action {
    if user.failed_attempts != 0 || user.locked_until != 0 {
        user.failed_attempts = 0;
        user.locked_until = 0;
        user.last_failed = 0;
        state.store.update_user(&user)?;
    }
    match user.status {
        UserStatus::Unconfirmed => Err(ApiError::new(
            "UserNotConfirmedException",
            "User is not confirmed.",
        )),
        UserStatus::ResetRequired => Err(ApiError::new(
            "PasswordResetRequiredException",
            "Password reset required for the user",
        )),
        UserStatus::ForceChangePassword => {
            let days = i64::from(pool.password_policy.temporary_password_validity_days);
            if state.now() > user.modified + days * 86_400 {
                return Err(ApiError::not_authorized(
                    "Temporary password has expired and must be reset by an administrator.",
                ));
            }
            let mut attributes = user.attributes.clone();
            attributes.remove("sub");
            let required: Vec<String> = pool
                .schema
                .iter()
                .filter(|a| a.required && a.name != "sub" && !user.attributes.contains_key(&a.name))
                .map(|a| format!("userAttributes.{}", a.name))
                .collect();
            let session = state.open_session(
                &client.config,
                Pending::NewPasswordRequired {
                    username: user.username.clone(),
                },
            );
            Ok(json!({
                "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": session,
                "ChallengeParameters": {
                    "USER_ID_FOR_SRP": user.username,
                    "requiredAttributes": Value::from(required).to_string(),
                    "userAttributes": Value::Object(attributes).to_string(),
                },
            }))
        }
        UserStatus::Confirmed => {
            second_factor::after_password(state, pool, client, &user, device_key, admin)
        }
    }
}

pub(super) fn initiate_auth(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    start(
        state,
        pool,
        client,
        required_str(body, "AuthFlow")?,
        &body["AuthParameters"],
        false,
    )
}

pub(super) fn admin_initiate_auth(state: &AppState, body: &Value) -> Action {
    let (client, pool) = admin_client(state, body)?;
    start(
        state,
        pool,
        client,
        required_str(body, "AuthFlow")?,
        &body["AuthParameters"],
        true,
    )
}

/// The client of an admin call, which must belong to the named pool.
fn admin_client<'a>(
    state: &'a AppState,
    body: &Value,
) -> Result<(&'a LoadedClient, &'a PoolConfig), ApiError> {
    let pool_id = required_str(body, "UserPoolId")?;
    state.pool(pool_id)?;
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    if pool.id != pool_id {
        return Err(ApiError::no_client(client_id));
    }
    Ok((client, pool))
}

fn start(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    flow: &str,
    params: &Value,
    admin: bool,
) -> Action {
    let param = |k: &str| {
        params[k]
            .as_str()
            .ok_or_else(|| ApiError::invalid(format!("Missing required parameter {k}")))
    };
    let flows = client.config.auth_flows;
    match flow {
        "USER_SRP_AUTH" => {
            if !flows.user_srp {
                return Err(flow_disabled(flow));
            }
            let login = param("USERNAME")?;
            check_secret_hash(client, params["SECRET_HASH"].as_str(), login)?;
            let srp_a = param("SRP_A")?;
            if client.config.prevent_user_existence_errors && users::find(state, pool, login)?.is_none() {
                return srp_challenge::phantom(state, pool, client, login, srp_a);
            }
            let user = signing_in(state, pool, client, login)?;
            if user.status == UserStatus::Unconfirmed {
                return Err(ApiError::new("UserNotConfirmedException", "User is not confirmed."));
            }
            let verifier = Verifier {
                salt: parse_hex("SALT", &user.salt_hex).map_err(|e| ApiError::invalid(e.to_string()))?,
                verifier: parse_hex("verifier", &user.verifier_hex).map_err(|e| ApiError::invalid(e.to_string()))?,
            };
            let device_key = device_key_in(params, "DEVICE_KEY");
            srp_challenge::password_verifier(state, client, user.username, &verifier, srp_a, device_key)
        }
        "USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH"
            if admin || flow == "USER_PASSWORD_AUTH" =>
        {
            let public = flow == "USER_PASSWORD_AUTH";
            match (public, flows.user_password, flows.admin_user_password) {
                (true, false, _) => return Err(flow_disabled(flow)),
                (false, _, false) => return Err(ApiError::invalid("Auth flow not enabled for this client")),
                _ => {}
            }
            let login = param("USERNAME")?;
            check_secret_hash(client, params["SECRET_HASH"].as_str(), login)?;
            let password = param("PASSWORD")?;
            let mut user = signing_in(state, pool, client, login)?;
            if !passwords::verify(password, &user.password_hash) {
                record_failure(state, &mut user)?;
                return Err(wrong_password());
            }
            let device_key = device_key_in(params, "DEVICE_KEY");
            signed_in(state, pool, client, user, device_key.as_deref(), admin)
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
            if !flows.refresh_token {
                return Err(flow_disabled(flow));
            }
            // Cognito documents the two as incompatible (the exact refusal is not published).
            if client.config.refresh_token_rotation.is_some() {
                return Err(ApiError::invalid(
                    "Refresh token rotation is enabled for this client. Use GetTokensFromRefreshToken.",
                ));
            }
            let token = param("REFRESH_TOKEN")?;
            let (user, origin) = refresh_origin(state, client, token)?;
            // The hash covers the internal username, which only the token knows.
            check_secret_hash(client, params["SECRET_HASH"].as_str(), &user.username)?;
            let device_key = device_key_in(params, "DEVICE_KEY");
            refresh_device(state, pool, &user, device_key.as_deref())?;
            issue(state, pool, client, &user, Some(origin), device_key.as_deref())
        }
        "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" => {
            Err(ApiError::invalid(format!("Initiate Auth method not supported: {flow} is only for AdminInitiateAuth.")))
        }
        "CUSTOM_AUTH" | "USER_AUTH" => Err(ApiError::new(
            "UnsupportedOperationException",
            format!("cognito-emulator does not implement the {flow} flow"),
        )),
        other => Err(ApiError::invalid(format!("1 validation error detected: Value '{other}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set"))),
    }
}

pub(super) fn respond_to_auth_challenge(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    respond(state, pool, client, body, false)
}

pub(super) fn admin_respond_to_auth_challenge(state: &AppState, body: &Value) -> Action {
    let (client, pool) = admin_client(state, body)?;
    respond(state, pool, client, body, true)
}

fn respond(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    body: &Value,
    admin: bool,
) -> Action {
    let name = required_str(body, "ChallengeName")?;
    let responses = &body["ChallengeResponses"];
    // PASSWORD_VERIFIER comes back without a `Session`: its secret block is the key.
    let key = match name {
        "PASSWORD_VERIFIER" => responses["PASSWORD_CLAIM_SECRET_BLOCK"]
            .as_str()
            .ok_or_else(|| {
                ApiError::invalid("Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK")
            })?,
        _ => required_str(body, "Session")?,
    };
    let session = match state.take_session(key) {
        Err(_) if name == "PASSWORD_VERIFIER" => return Err(wrong_password()),
        taken => taken?,
    };
    if session.client_id != client.config.id {
        return Err(ApiError::not_authorized("Invalid session for the user."));
    }
    let response = |k: &str| {
        responses[k]
            .as_str()
            .ok_or_else(|| ApiError::invalid(format!("Missing required parameter {k}")))
    };
    match name {
        "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" => {
            return second_factor::answer_code(
                state, pool, client, key, session, name, responses, admin,
            )
        }
        "SELECT_MFA_TYPE" => {
            return second_factor::answer_select(state, pool, client, key, session, responses)
        }
        "MFA_SETUP" => {
            return second_factor::answer_setup(state, pool, client, key, session, responses, admin)
        }
        "DEVICE_SRP_AUTH" => {
            return device_srp::answer_srp_a(state, pool, client, session, responses)
        }
        "DEVICE_PASSWORD_VERIFIER" => {
            return device_srp::answer_claim(state, pool, client, session, responses, admin)
        }
        _ => {}
    }
    let Session {
        client_id,
        expires,
        pending,
    } = session;
    match (name, pending) {
        (
            "PASSWORD_VERIFIER",
            Pending::PasswordVerifier {
                username,
                challenge,
                secret_block,
                device_key,
            },
        ) => {
            check_secret_hash(client, responses["SECRET_HASH"].as_str(), &username)?;
            // A phantom challenge (PreventUserExistenceErrors) has no user: a wrong password.
            let mut user = state
                .store
                .user_by_username(&pool.id, &username)?
                .ok_or_else(|| match client.config.prevent_user_existence_errors {
                    true => wrong_password(),
                    false => ApiError::user_not_found(),
                })?;
            let block = STANDARD
                .decode(response("PASSWORD_CLAIM_SECRET_BLOCK")?)
                .map_err(|_| ApiError::invalid("PASSWORD_CLAIM_SECRET_BLOCK is not base64"))?;
            if block != secret_block {
                return Err(wrong_password());
            }
            let pool_id =
                UserPoolId::parse(&pool.id).map_err(|e| ApiError::invalid(e.to_string()))?;
            let timestamp = response("TIMESTAMP")?;
            let verified = challenge.verify(
                &pool_id,
                &username,
                &block,
                timestamp,
                response("PASSWORD_CLAIM_SIGNATURE")?,
            );
            match verified {
                Ok(t) if (t - state.now()).abs() <= CLOCK_SKEW_SECONDS => {
                    // Amplify v6 sends DEVICE_KEY here; InitiateAuth may have named it too.
                    let device = device_key_in(responses, "DEVICE_KEY").or(device_key.clone());
                    let result = signed_in(state, pool, client, user, device.as_deref(), admin);
                    // An unknown device leaves the challenge open: the clients ask again
                    // without DEVICE_KEY (identity-js) or re-sign (Amplify v6) in this session.
                    if matches!(&result, Err(e) if e.message == second_factor::no_device().message)
                    {
                        let pending = Pending::PasswordVerifier {
                            username,
                            challenge,
                            secret_block,
                            device_key: None,
                        };
                        state.restore_session(
                            key.to_owned(),
                            Session {
                                client_id,
                                expires,
                                pending,
                            },
                        );
                    }
                    result
                }
                Ok(_) => Err(wrong_password()),
                Err(cognito_protocol::srp::SrpError::TimestampFormat) => Err(ApiError::invalid(
                    "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
                )),
                Err(_) => {
                    record_failure(state, &mut user)?;
                    Err(wrong_password())
                }
            }
        }
        ("NEW_PASSWORD_REQUIRED", Pending::NewPasswordRequired { username }) => {
            let username = username.clone();
            check_secret_hash(client, responses["SECRET_HASH"].as_str(), &username)?;
            let mut user = state
                .store
                .user_by_username(&pool.id, &username)?
                .ok_or_else(ApiError::user_not_found)?;
            let password = response("NEW_PASSWORD")?;
            users::check_password(pool, password, "password")?;
            for (key, value) in responses.as_object().into_iter().flatten() {
                if let Some(attribute) = key.strip_prefix("userAttributes.") {
                    let value = value.as_str().unwrap_or_default();
                    let list = json!([{"Name": attribute, "Value": value}]);
                    let given = users::read_attributes(pool, &list)?;
                    users::check_writes(&client.config, given.keys().map(String::as_str))?;
                    user.attributes.extend(given);
                }
            }
            if let Some(missing) = pool
                .schema
                .iter()
                .find(|a| a.required && !user.attributes.contains_key(&a.name))
            {
                return Err(ApiError::invalid(format!(
                    "Attributes did not conform to the schema: {}: The attribute is required",
                    missing.name
                )));
            }
            users::set_password(&mut user, password)?;
            user.status = UserStatus::Confirmed;
            user.modified = state.now();
            state.store.update_user(&user)?;
            let device_key = device_key_in(responses, "DEVICE_KEY");
            second_factor::after_password(state, pool, client, &user, device_key.as_deref(), admin)
        }
        (other, _) => Err(ApiError::invalid(format!(
            "Invalid challenge name {other} for this session."
        ))),
    }
}
