//! A user's MFA preferences (SetUserMFAPreference, AdminSetUserMFAPreference), how GetUser
//! reports them, and the pool's MFA settings (GetUserPoolMfaConfig).

use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::pool::{MfaConfiguration, PoolConfig};
use serde_json::{json, Value};

use super::error::ApiError;
use super::tokens::user_of;
use super::{required_str, Action};
use crate::state::AppState;
use crate::store::User;

/// `UserMFASettingList` and `PreferredMfaSetting`, left out when nothing is on.
pub(super) fn report(user: &User, out: &mut Value) {
    let factors = &user.mfa.factors;
    if factors.enabled.is_empty() {
        return;
    }
    let mut list = factors.enabled.clone();
    list.sort();
    out["UserMFASettingList"] = json!(list.iter().map(|f| f.as_str()).collect::<Vec<_>>());
    if let Some(preferred) = factors.preferred {
        out["PreferredMfaSetting"] = json!(preferred.as_str());
    }
}

pub(super) fn set_user_mfa_preference(state: &AppState, body: &Value) -> Action {
    let (mut user, _) = user_of(state, body)?;
    let pool = state.pool(&user.pool_id)?;
    apply(state, pool, &mut user, body)?;
    Ok(json!({}))
}

pub(super) fn admin_set_user_mfa_preference(state: &AppState, body: &Value) -> Action {
    let pool = super::admin::pool_of(state, body)?;
    let mut user = super::admin::user_in(state, pool, body)?;
    apply(state, pool, &mut user, body)?;
    Ok(json!({}))
}

/// The request's blocks, each `{Enabled, PreferredMfa}`; an absent block changes nothing
/// (Amplify v6 leaves out what it does not change).
fn apply(
    state: &AppState,
    pool: &PoolConfig,
    user: &mut User,
    body: &Value,
) -> Result<(), ApiError> {
    let blocks = [
        (MfaFactor::SoftwareToken, "SoftwareTokenMfaSettings"),
        (MfaFactor::Sms, "SMSMfaSettings"),
        (MfaFactor::Email, "EmailMfaSettings"),
    ];
    let mut factors = user.mfa.factors.clone();
    let mut preferred_named = 0;
    for (factor, member) in blocks {
        let block = &body[member];
        if block.is_null() {
            continue;
        }
        let enabled = block["Enabled"].as_bool().unwrap_or(false);
        let preferred = block["PreferredMfa"].as_bool().unwrap_or(false);
        if enabled {
            usable(pool, user, factor)?;
            if !factors.enabled.contains(&factor) {
                factors.enabled.push(factor);
            }
        } else {
            if preferred {
                return Err(ApiError::invalid(format!(
                    "{member}: a factor that is not enabled cannot be preferred."
                )));
            }
            factors.enabled.retain(|f| *f != factor);
        }
        if preferred {
            preferred_named += 1;
            factors.preferred = Some(factor);
        } else if factors.preferred == Some(factor) {
            factors.preferred = None;
        }
    }
    if preferred_named > 1 {
        return Err(ApiError::invalid("Only one MFA method can be preferred."));
    }
    if pool.mfa == MfaConfiguration::On && factors.enabled.is_empty() {
        return Err(ApiError::invalid(
            "MFA is required in this user pool: at least one MFA method must stay enabled.",
        ));
    }
    factors.enabled.sort();
    user.mfa.factors = factors;
    user.modified = state.now();
    state.store.update_user(user)?;
    Ok(())
}

/// Whether the user can use a factor: the pool offers it (TOTP stays usable for users who
/// verified it before the pool turned it off) and the user has its app or address.
fn usable(pool: &PoolConfig, user: &User, factor: MfaFactor) -> Result<(), ApiError> {
    let offered = pool.enabled_mfas.contains(&factor);
    match factor {
        MfaFactor::SoftwareToken if user.mfa.totp_secret.is_none() => {
            Err(ApiError::invalid("User has not set up software token mfa"))
        }
        MfaFactor::SoftwareToken => Ok(()),
        _ if !offered => Err(ApiError::invalid(format!(
            "{} is not enabled in this user pool.",
            factor.as_str()
        ))),
        _ => {
            let attribute = factor.destination().unwrap_or_default();
            if user.attributes.contains_key(attribute) {
                Ok(())
            } else {
                Err(ApiError::invalid(format!(
                    "User does not have delivery config set to turn on {}",
                    factor.as_str()
                )))
            }
        }
    }
}

pub(super) fn get_user_pool_mfa_config(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let on = |f| pool.enabled_mfas.contains(&f);
    let mut out = json!({
        "MfaConfiguration": pool.mfa.as_str(),
        "SoftwareTokenMfaConfiguration": {"Enabled": on(MfaFactor::SoftwareToken)},
    });
    if on(MfaFactor::Sms) {
        out["SmsMfaConfiguration"] =
            json!({"SmsAuthenticationMessage": pool.authentication.sms_message});
    }
    if on(MfaFactor::Email) {
        out["EmailMfaConfiguration"] = json!({
            "Message": pool.authentication.email_message,
            "Subject": pool.authentication.email_subject,
        });
    }
    Ok(out)
}
