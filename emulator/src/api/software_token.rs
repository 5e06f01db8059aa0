//! AssociateSoftwareToken and VerifySoftwareToken: an authenticator app's secret, given either
//! to a signed-in user (access token) or to a sign-in at `MFA_SETUP` (its `Session`).

use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::pool::PoolConfig;
use cognito_protocol::totp;
use serde_json::{json, Value};

use super::error::ApiError;
use super::tokens::user_of;
use super::Action;
use crate::random;
use crate::state::{AppState, Pending, Session};
use crate::store::User;

/// Wrong codes `VerifySoftwareToken` takes per `MFA_SETUP` session.
const WRONG_CODES: u8 = 5;

fn not_enabled() -> ApiError {
    ApiError::new(
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA has not been enabled by the userPool",
    )
}

/// Who the call is for: the access token's user, or the `MFA_SETUP` session's (taken out; the
/// caller puts back or replaces it). Exactly one of the two must be given.
enum Caller {
    Token(User),
    Setup(User, Session, String),
}

fn caller<'a>(state: &'a AppState, body: &Value) -> Result<(Caller, &'a PoolConfig), ApiError> {
    match (body.get("AccessToken"), body["Session"].as_str()) {
        (Some(_), None) => {
            let (user, _) = user_of(state, body)?;
            let pool = state.pool(&user.pool_id)?;
            Ok((Caller::Token(user), pool))
        }
        (None, Some(key)) => {
            let session = state.take_session(key)?;
            let (_, pool) = state.client(&session.client_id)?;
            let Pending::MfaSetup {
                sign_in, choices, ..
            } = &session.pending
            else {
                return Err(ApiError::not_authorized("Invalid session for the user."));
            };
            if !choices.contains(&MfaFactor::SoftwareToken) {
                return Err(not_enabled());
            }
            let user = state
                .store
                .user_by_username(&pool.id, &sign_in.username)?
                .ok_or_else(ApiError::user_not_found)?;
            Ok((Caller::Setup(user, session, key.to_owned()), pool))
        }
        _ => Err(ApiError::invalid(
            "Exactly one of AccessToken and Session is required.",
        )),
    }
}

pub(super) fn associate_software_token(state: &AppState, body: &Value) -> Action {
    let (caller, pool) = caller(state, body)?;
    if !pool.enabled_mfas.contains(&MfaFactor::SoftwareToken) {
        return Err(not_enabled());
    }
    // 32 random bytes, 52 base32 characters. A new secret replaces a pending one; a verified
    // one stays in use until the new one is verified.
    let secret = totp::secret_code(&random::bytes(32));
    let (mut user, session) = match caller {
        Caller::Token(user) => (user, None),
        Caller::Setup(user, session, key) => (user, Some((session, key))),
    };
    user.mfa.totp_pending = Some(secret.clone());
    user.modified = state.now();
    state.store.update_user(&user)?;
    let Some((mut session, _)) = session else {
        return Ok(json!({"SecretCode": secret}));
    };
    if let Pending::MfaSetup {
        associated,
        verified,
        ..
    } = &mut session.pending
    {
        *associated = true;
        *verified = false;
    }
    let key = state.next_session(session);
    Ok(json!({"SecretCode": secret, "Session": key}))
}

pub(super) fn verify_software_token(state: &AppState, body: &Value) -> Action {
    let code = body["UserCode"]
        .as_str()
        .ok_or_else(|| ApiError::invalid("UserCode is required."))?;
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length less than or equal to 6 and match the pattern [0-9]+",
        ));
    }
    let (caller, _) = caller(state, body)?;
    let (mut user, session) = match caller {
        Caller::Token(user) => (user, None),
        Caller::Setup(user, session, key) => (user, Some((session, key))),
    };
    let pending = user
        .mfa
        .totp_pending
        .clone()
        .ok_or_else(|| {
            ApiError::new(
                "SoftwareTokenMFANotFoundException",
                "Software Token MFA has not been associated for the user: call AssociateSoftwareToken first.",
            )
        });
    let pending = match pending {
        Ok(p) => p,
        Err(e) => {
            if let Some((session, key)) = session {
                state.restore_session(key, session);
            }
            return Err(e);
        }
    };
    let secret = totp::secret_from_code(&pending).unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, code, state.now().max(0) as u64) else {
        if let Some((mut session, key)) = session {
            if let Pending::MfaSetup { wrong, .. } = &mut session.pending {
                *wrong += 1;
                if *wrong < WRONG_CODES {
                    state.restore_session(key, session);
                }
            }
        }
        return Err(ApiError::new(
            "EnableSoftwareTokenMFAException",
            "Code mismatch and fail enable Software Token MFA",
        ));
    };
    user.mfa.totp_secret = Some(pending);
    user.mfa.totp_pending = None;
    user.mfa.totp_last_step = step;
    user.mfa.totp_name = body["FriendlyDeviceName"]
        .as_str()
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    user.modified = state.now();
    state.store.update_user(&user)?;
    // Verified is not enabled: SetUserMFAPreference (or finishing MFA_SETUP) turns TOTP on.
    let Some((mut session, _)) = session else {
        return Ok(json!({"Status": "SUCCESS"}));
    };
    if let Pending::MfaSetup { verified, .. } = &mut session.pending {
        *verified = true;
    }
    let key = state.next_session(session);
    Ok(json!({"Status": "SUCCESS", "Session": key}))
}
