//! ForgotPassword, ConfirmForgotPassword and ChangePassword.

use cognito_protocol::pool::{PoolConfig, RecoveryMechanism};
use serde_json::{json, Value};

use super::error::ApiError;
use super::secret::check_secret_hash;
use super::tokens::user_of;
use super::{required_str, Action};
use crate::messages;
use crate::passwords;
use crate::state::AppState;
use crate::store::{User, UserStatus};
use crate::users;

const RESET_CODE_TTL: i64 = 3600;

pub(super) fn forgot_password(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    let login = required_str(body, "Username")?;
    check_secret_hash(client, body["SecretHash"].as_str(), login)?;
    let Some(user) = users::find(state, pool, login)? else {
        if client.config.prevent_user_existence_errors {
            // Answer as if a code went out, so the reply does not reveal who has an account.
            return Ok(
                json!({"CodeDeliveryDetails": {"Destination": messages::mask("email", login), "DeliveryMedium": "EMAIL", "AttributeName": "email"}}),
            );
        }
        return Err(ApiError::user_not_found());
    };
    if pool.recovery.first() == Some(&RecoveryMechanism::AdminOnly) {
        return Err(ApiError::not_authorized(
            "Contact administrator to reset password.",
        ));
    }
    let details = send_reset_code(state, pool, &user)?;
    Ok(json!({ "CodeDeliveryDetails": details }))
}

/// Sends a reset code to the first verified address the pool's recovery settings name: its
/// `CodeDeliveryDetails`, or Cognito's error when the user has none.
pub(super) fn send_reset_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
) -> Result<Value, ApiError> {
    let verified =
        |attr: &str| user.attributes.get(&format!("{attr}_verified")) == Some(&json!("true"));
    let target = pool.recovery.iter().find_map(|m| {
        let attr = match m {
            RecoveryMechanism::VerifiedEmail => "email",
            RecoveryMechanism::VerifiedPhoneNumber => "phone_number",
            RecoveryMechanism::AdminOnly => return None,
        };
        let value = user.attributes.get(attr)?.as_str()?;
        verified(attr).then(|| (attr, value.to_owned()))
    });
    let Some((attribute, destination)) = target else {
        return Err(ApiError::invalid(
            "Cannot reset password for the user as there is no registered/verified email or phone_number",
        ));
    };
    messages::deliver_code(
        state,
        pool,
        user,
        "FORGOT_PASSWORD",
        "FORGOT_PASSWORD",
        (attribute, &destination),
        RESET_CODE_TTL,
    )
}

pub(super) fn confirm_forgot_password(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    let login = required_str(body, "Username")?;
    check_secret_hash(client, body["SecretHash"].as_str(), login)?;
    let code = required_str(body, "ConfirmationCode")?;
    let password = required_str(body, "Password")?;
    let Some(mut user) = users::find(state, pool, login)? else {
        if client.config.prevent_user_existence_errors {
            return Err(ApiError::new(
                "CodeMismatchException",
                "Invalid verification code provided, please try again.",
            ));
        }
        return Err(ApiError::user_not_found());
    };
    users::check_password(pool, password, "password")?;
    // The history first: a refused password must not use up the code.
    users::renew_password(pool, &mut user, password)?;
    messages::take_code(state, pool, &user, "FORGOT_PASSWORD", code)?;
    if matches!(
        user.status,
        UserStatus::ResetRequired | UserStatus::ForceChangePassword
    ) {
        user.status = UserStatus::Confirmed;
    }
    user.failed_attempts = 0;
    user.locked_until = 0;
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}

pub(super) fn change_password(state: &AppState, body: &Value) -> Action {
    let (mut user, client_id) = user_of(state, body)?;
    let (_, pool) = state.client(&client_id)?;
    let proposed = required_str(body, "ProposedPassword")?;
    let previous = body["PreviousPassword"].as_str().unwrap_or_default();
    // Wrong current passwords count as failed sign-ins do: after five, a pause.
    if user.locked_until > state.now() {
        return Err(ApiError::new(
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        ));
    }
    if !passwords::verify(previous, &user.password_hash) {
        super::auth::record_failure(state, &mut user)?;
        return Err(ApiError::not_authorized("Incorrect username or password."));
    }
    users::check_password(pool, proposed, "proposedPassword")?;
    users::renew_password(pool, &mut user, proposed)?;
    user.failed_attempts = 0;
    user.locked_until = 0;
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}
