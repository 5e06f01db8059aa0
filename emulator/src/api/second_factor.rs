//! What follows a correct password: a remembered device's SRP, a second factor (a code, a
//! choice of factor, or setting one up), then the tokens, with a new device key when the pool
//! tracks devices. The order is `cognito-protocol`'s `mfa::step` plus the device rules:
//!
//! 1. A known device that is remembered, in a pool where a remembered device stands in for
//!    the second factor (`ChallengeRequiredOnNewDevice`), goes straight to `DEVICE_SRP_AUTH`.
//! 2. Otherwise the MFA step, if any.
//! 3. Then `DEVICE_SRP_AUTH` if the client named a known device (so its key is not issued
//!    twice), else the tokens.

use cognito_protocol::mfa::{self, MfaFactor, MfaStep};
use cognito_protocol::pool::PoolConfig;
use cognito_protocol::totp;
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use super::device_srp;
use super::error::ApiError;
use super::secret::check_secret_hash;
use super::tokens::issue;
use super::Action;
use crate::messages;
use crate::random;
use crate::state::{AppState, Pending, Session, SignIn};
use crate::store::{Device, User};
use crate::template::LoadedClient;
use crate::users;

/// Wrong codes one challenge session takes; the last one ends the session.
const WRONG_CODES: u8 = 3;

/// `ResourceNotFoundException` "Device does not exist." (Amplify v6 matches this exact text).
pub(super) fn no_device() -> ApiError {
    ApiError::new("ResourceNotFoundException", "Device does not exist.")
}

/// The user's confirmed device with this key, or "Device does not exist.".
pub(super) fn known_device(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    key: &str,
) -> Result<Device, ApiError> {
    state
        .store
        .device(&pool.id, &user.username, key)?
        .filter(|d| d.confirmed)
        .ok_or_else(no_device)
}

/// A `DEVICE_KEY` as clients send it: amazon-cognito-identity-js sends JSON null for none.
pub(super) fn device_key_in(map: &Value, key: &str) -> Option<String> {
    map[key]
        .as_str()
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// The step after a correct password (or a new password chosen).
pub(super) fn after_password(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    user: &User,
    device_key: Option<&str>,
    admin: bool,
) -> Action {
    let device = match device_key {
        Some(key) => Some(known_device(state, pool, user, key)?),
        None => None,
    };
    let sign_in = SignIn {
        username: user.username.clone(),
        device_key: device.as_ref().map(|d| d.device_key.clone()),
    };
    let stands_in = pool
        .devices
        .is_some_and(|c| c.challenge_required_on_new_device);
    if stands_in && device.as_ref().is_some_and(|d| d.remembered) {
        return Ok(device_srp::challenge(state, client, sign_in));
    }
    let has_phone = user.attributes.contains_key("phone_number");
    match mfa::step(pool.mfa, &pool.enabled_mfas, &user.mfa.factors, has_phone) {
        MfaStep::None => finish(state, pool, client, user, sign_in, admin),
        MfaStep::Code(factor) => code_challenge(state, pool, client, user, sign_in, factor, None),
        MfaStep::Select(choices) => {
            let params = json!({
                "MFAS_CAN_CHOOSE": names(&choices),
                "USER_ID_FOR_SRP": user.username,
            });
            let session =
                state.open_session(&client.config, Pending::SelectMfa { sign_in, choices });
            Ok(challenge("SELECT_MFA_TYPE", &session, params))
        }
        MfaStep::Setup(choices) => {
            let params = json!({
                "MFAS_CAN_SETUP": names(&choices),
                "USER_ID_FOR_SRP": user.username,
            });
            let pending = Pending::MfaSetup {
                sign_in,
                choices,
                associated: false,
                verified: false,
                wrong: 0,
            };
            let session = state.open_session(&client.config, pending);
            Ok(challenge("MFA_SETUP", &session, params))
        }
    }
}

/// A JSON-array string, as `MFAS_CAN_CHOOSE` and `MFAS_CAN_SETUP` are sent.
fn names(factors: &[MfaFactor]) -> String {
    Value::from(factors.iter().map(|f| f.as_str()).collect::<Vec<_>>()).to_string()
}

fn challenge(name: &str, session: &str, params: Value) -> Value {
    json!({"ChallengeName": name, "Session": session, "ChallengeParameters": params})
}

/// After the second factor (or none): device SRP for a known device, else the tokens.
fn finish(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    user: &User,
    sign_in: SignIn,
    admin: bool,
) -> Action {
    if sign_in.device_key.is_some() {
        return Ok(device_srp::challenge(state, client, sign_in));
    }
    tokens(state, pool, client, user, None, admin)
}

/// The tokens. A device authenticated by device SRP is named in the access token; otherwise,
/// when the pool tracks devices, a new device key comes with them (`NewDeviceMetadata`) — not
/// through the administrator flows, which do not track devices.
pub(super) fn tokens(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    user: &User,
    device: Option<&str>,
    admin: bool,
) -> Action {
    let new_device = match (device, pool.devices) {
        (None, Some(_)) if !admin => Some(new_device(state, pool, user)?),
        _ => None,
    };
    let key = device.or(new_device.as_ref().map(|d| d.device_key.as_str()));
    let mut out = issue(state, pool, client, user, None, key)?;
    if let Some(d) = new_device {
        out["AuthenticationResult"]["NewDeviceMetadata"] =
            json!({"DeviceKey": d.device_key, "DeviceGroupKey": d.group_key});
    }
    Ok(out)
}

/// A device key issued to this sign-in, waiting for ConfirmDevice.
fn new_device(state: &AppState, pool: &PoolConfig, user: &User) -> Result<Device, ApiError> {
    use base64::Engine;
    let region = pool.id.split('_').next().unwrap_or("us-east-1");
    let now = state.now();
    let device = Device {
        device_key: format!("{region}_{}", random::uuid()),
        pool_id: pool.id.clone(),
        username: user.username.clone(),
        // Opaque in Cognito's examples (`-wt2ha1Zd`): 9 URL-safe characters here.
        group_key: format!(
            "-{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random::bytes(6))
        ),
        salt_hex: String::new(),
        verifier_hex: String::new(),
        name: None,
        remembered: false,
        confirmed: false,
        created: now,
        modified: now,
        last_authenticated: now,
    };
    state.store.put_device(&device)?;
    Ok(device)
}

/// Asks for a code: an app's, or one sent now by SMS or e-mail (to `setup_email` when the user
/// is setting e-mail MFA up).
fn code_challenge(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    user: &User,
    sign_in: SignIn,
    factor: MfaFactor,
    setup_email: Option<String>,
) -> Action {
    let mut params = json!({"USER_ID_FOR_SRP": user.username});
    let code = match factor.destination() {
        None => {
            // The AWS examples disagree on USER_ID_FOR_SRP here (one has it, one not): both sent.
            let name = user.mfa.totp_name.as_deref().unwrap_or("TOTP device");
            params["FRIENDLY_DEVICE_NAME"] = json!(name);
            None
        }
        Some(attribute) => {
            let destination = setup_email
                .clone()
                .or_else(|| {
                    user.attributes
                        .get(attribute)
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .ok_or_else(|| {
                    ApiError::invalid(format!(
                        "The user has no {attribute} for {}.",
                        factor.as_str()
                    ))
                })?;
            let code = random::code();
            let delivery = messages::send(
                state,
                pool,
                user,
                factor.as_str(),
                (attribute, &destination),
                &code,
                &user.username,
                &pool.authentication,
            )?;
            params["CODE_DELIVERY_DELIVERY_MEDIUM"] = delivery["DeliveryMedium"].clone();
            params["CODE_DELIVERY_DESTINATION"] = delivery["Destination"].clone();
            Some(code)
        }
    };
    let pending = Pending::Mfa {
        sign_in,
        factor,
        code,
        setup_email,
        wrong: 0,
    };
    let session = state.open_session(&client.config, pending);
    Ok(challenge(factor.as_str(), &session, params))
}

/// The signing-in user of a session, with the client's SECRET_HASH checked.
fn user_signing_in(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    sign_in: &SignIn,
    responses: &Value,
) -> Result<User, ApiError> {
    check_secret_hash(client, responses["SECRET_HASH"].as_str(), &sign_in.username)?;
    state
        .store
        .user_by_username(&pool.id, &sign_in.username)?
        .ok_or_else(ApiError::user_not_found)
}

/// The answer to `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or `EMAIL_OTP`. A wrong code keeps the session
/// for another try, up to [`WRONG_CODES`] in all.
#[allow(clippy::too_many_arguments)]
pub(super) fn answer_code(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    key: &str,
    session: Session,
    name: &str,
    responses: &Value,
    admin: bool,
) -> Action {
    let (sign_in, factor, code, setup_email, wrong) = match &session.pending {
        Pending::Mfa {
            sign_in,
            factor,
            code,
            setup_email,
            wrong,
        } => (
            sign_in.clone(),
            *factor,
            code.clone(),
            setup_email.clone(),
            *wrong,
        ),
        _ => return Err(wrong_challenge(name)),
    };
    if MfaFactor::parse(name) != Some(factor) {
        return Err(wrong_challenge(name));
    }
    let mut user = user_signing_in(state, pool, client, &sign_in, responses)?;
    // Each client names its code differently ([IJS] always sends SMS_MFA_CODE, adding
    // SOFTWARE_TOKEN_MFA_CODE for TOTP): the challenge's own key wins, SMS_MFA_CODE otherwise.
    let given = responses[factor.code_key()]
        .as_str()
        .or_else(|| responses["SMS_MFA_CODE"].as_str())
        .ok_or_else(|| {
            ApiError::invalid(format!("Missing required parameter {}", factor.code_key()))
        })?;
    let right = match &code {
        Some(sent) => bool::from(sent.as_bytes().ct_eq(given.as_bytes())),
        None => {
            let secret = user
                .mfa
                .totp_secret
                .as_deref()
                .and_then(totp::secret_from_code)
                .ok_or_else(|| {
                    ApiError::new(
                        "SoftwareTokenMFANotFoundException",
                        "Software Token MFA does not exist for the user.",
                    )
                })?;
            match totp::matching_step(&secret, given, state.now().max(0) as u64) {
                // A code is taken once: a later sign-in needs a later code.
                Some(step) if step > user.mfa.totp_last_step => {
                    user.mfa.totp_last_step = step;
                    true
                }
                _ => false,
            }
        }
    };
    if !right {
        let wrong = wrong + 1;
        if wrong < WRONG_CODES {
            let mut session = session;
            if let Pending::Mfa { wrong: w, .. } = &mut session.pending {
                *w = wrong;
            }
            state.restore_session(key.to_owned(), session);
        }
        return Err(ApiError::new(
            "CodeMismatchException",
            "Invalid code or auth state for the user.",
        ));
    }
    match factor {
        // A code that reached the phone proves the number (the Developer Guide says so).
        MfaFactor::Sms => {
            user.attributes
                .insert("phone_number_verified".into(), json!("true"));
        }
        MfaFactor::Email => {
            if let Some(address) = setup_email {
                users::claim_alias(state, pool, &user, "email", &address, false)?;
                user.attributes.insert("email".into(), json!(address));
                user.attributes
                    .insert("email_verified".into(), json!("true"));
                enable(&mut user, MfaFactor::Email);
            }
        }
        MfaFactor::SoftwareToken => {}
    }
    user.modified = state.now();
    state.store.update_user(&user)?;
    finish(state, pool, client, &user, sign_in, admin)
}

/// Turns a factor on, preferred when none is.
fn enable(user: &mut User, factor: MfaFactor) {
    let factors = &mut user.mfa.factors;
    if !factors.enabled.contains(&factor) {
        factors.enabled.push(factor);
    }
    factors.preferred.get_or_insert(factor);
}

/// The answer to `SELECT_MFA_TYPE`: the chosen factor's challenge.
pub(super) fn answer_select(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    key: &str,
    session: Session,
    responses: &Value,
) -> Action {
    let (sign_in, choices) = match &session.pending {
        Pending::SelectMfa { sign_in, choices } => (sign_in.clone(), choices.clone()),
        _ => return Err(wrong_challenge("SELECT_MFA_TYPE")),
    };
    let user = user_signing_in(state, pool, client, &sign_in, responses)?;
    let answer = responses["ANSWER"].as_str().unwrap_or_default();
    match MfaFactor::parse(answer).filter(|f| choices.contains(f)) {
        Some(factor) => code_challenge(state, pool, client, &user, sign_in, factor, None),
        None => {
            state.restore_session(key.to_owned(), session);
            Err(ApiError::invalid(format!(
                "ANSWER must be one of {}.",
                names(&choices)
            )))
        }
    }
}

/// The answer to `MFA_SETUP`: after a software token was associated and verified with this
/// session, TOTP is turned on (and preferred) and the sign-in goes on; with `EMAIL`, an
/// `EMAIL_OTP` code goes to that address, which becomes the user's verified e-mail and factor.
pub(super) fn answer_setup(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    key: &str,
    session: Session,
    responses: &Value,
    admin: bool,
) -> Action {
    let (sign_in, choices, verified) = match &session.pending {
        Pending::MfaSetup {
            sign_in,
            choices,
            verified,
            ..
        } => (sign_in.clone(), choices.clone(), *verified),
        _ => return Err(wrong_challenge("MFA_SETUP")),
    };
    let mut user = user_signing_in(state, pool, client, &sign_in, responses)?;
    if let Some(address) = responses["EMAIL"].as_str() {
        if !choices.contains(&MfaFactor::Email) {
            state.restore_session(key.to_owned(), session);
            return Err(ApiError::invalid(
                "EMAIL_OTP cannot be set up in this user pool.",
            ));
        }
        if let Err(e) = users::read_attributes(pool, &json!([{"Name": "email", "Value": address}]))
        {
            state.restore_session(key.to_owned(), session);
            return Err(e);
        }
        let address = address.to_owned();
        return code_challenge(
            state,
            pool,
            client,
            &user,
            sign_in,
            MfaFactor::Email,
            Some(address),
        );
    }
    if !verified {
        state.restore_session(key.to_owned(), session);
        return Err(ApiError::new(
            "SoftwareTokenMFANotFoundException",
            "Software Token MFA has not been verified in this session: call AssociateSoftwareToken and VerifySoftwareToken with it first.",
        ));
    }
    enable(&mut user, MfaFactor::SoftwareToken);
    user.modified = state.now();
    state.store.update_user(&user)?;
    finish(state, pool, client, &user, sign_in, admin)
}

/// A challenge answered in a session that awaits another.
pub(super) fn wrong_challenge(name: &str) -> ApiError {
    ApiError::invalid(format!("Invalid challenge name {name} for this session."))
}
