//! The administrator operations (SigV4-signed by the aws CLI or an SDK; the signature is
//! checked when the emulator was given `--credentials`, see `guard`).

use cognito_protocol::pool::{PoolConfig, SignInAttribute};
use serde_json::{json, Value};

use super::error::ApiError;
use super::{required_str, Action};
use crate::messages;
use crate::random;
use crate::state::AppState;
use crate::store::{User, UserStatus};
use crate::users;

pub(super) fn pool_of<'a>(state: &'a AppState, body: &Value) -> Result<&'a PoolConfig, ApiError> {
    state.pool(required_str(body, "UserPoolId")?)
}

pub(super) fn user_in(state: &AppState, pool: &PoolConfig, body: &Value) -> Result<User, ApiError> {
    users::find(state, pool, required_str(body, "Username")?)?.ok_or_else(ApiError::user_not_found)
}

/// A temporary password that meets any policy: every class, then random letters and digits.
fn temporary_password(pool: &PoolConfig) -> String {
    const CLASSES: [&[u8]; 4] = [
        b"abcdefghijkmnopqrstuvwxyz",
        b"ABCDEFGHJKLMNPQRSTUVWXYZ",
        b"23456789",
        b"!@#%^&*-_=+?",
    ];
    let len = pool.password_policy.minimum_length.max(12) as usize;
    let random = random::bytes(2 * len);
    let pick = |class: &[u8], r: u8| class[usize::from(r) % class.len()];
    // One of each class so any policy holds, then any class, then shuffled (Fisher-Yates).
    let mut out: Vec<u8> = (0..len)
        .map(|i| {
            pick(
                CLASSES[if i < 4 { i } else { usize::from(random[i]) % 4 }],
                random[len + i],
            )
        })
        .collect();
    let order = random::bytes(len);
    for i in (1..len).rev() {
        out.swap(i, usize::from(order[i]) % (i + 1));
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The invitation: the temporary password, by e-mail or SMS as asked (SMS by default).
fn invite(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    login: &str,
    password: &str,
    mediums: &Value,
) -> Result<(), ApiError> {
    let wants_email = mediums
        .as_array()
        .is_some_and(|m| m.iter().any(|x| x == "EMAIL"));
    let attribute = if wants_email { "email" } else { "phone_number" };
    let Some(destination) = user.attributes.get(attribute).and_then(Value::as_str) else {
        return Ok(());
    };
    let to = (attribute, destination);
    messages::send(
        state,
        pool,
        user,
        "INVITATION",
        to,
        password,
        login,
        &pool.invitation,
    )?;
    Ok(())
}

pub(super) fn admin_create_user(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let login = required_str(body, "Username")?;
    let mut attributes = users::read_attributes(pool, &body["UserAttributes"])?;
    // An administrator writes any attribute, the verified flags included, but not `sub`.
    if attributes.contains_key("sub") {
        return Err(ApiError::invalid(
            "Attributes did not conform to the schema: sub: Attribute cannot be set",
        ));
    }
    let action = body["MessageAction"].as_str();
    if action == Some("RESEND") {
        let mut user = users::find(state, pool, login)?.ok_or_else(ApiError::user_not_found)?;
        if user.status != UserStatus::ForceChangePassword {
            return Err(ApiError::new(
                "UnsupportedUserStateException",
                "Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.",
            ));
        }
        let password = temporary_password(pool);
        users::set_password(&mut user, &password)?;
        user.modified = state.now();
        state.store.update_user(&user)?;
        invite(
            state,
            pool,
            &user,
            login,
            &password,
            &body["DesiredDeliveryMediums"],
        )?;
        return Ok(json!({"User": users::user_type(&user)}));
    }
    let sub = random::uuid();
    let username = if pool.username_attributes.is_empty() {
        login.to_owned()
    } else {
        let attribute = if users::looks_like_email(login)
            && pool.username_attributes.contains(&SignInAttribute::Email)
        {
            "email"
        } else if users::looks_like_phone(login)
            && pool
                .username_attributes
                .contains(&SignInAttribute::PhoneNumber)
        {
            "phone_number"
        } else {
            return Err(ApiError::invalid(
                "Username should be either an email or a phone number.",
            ));
        };
        attributes.insert(attribute.to_owned(), json!(login));
        if users::find(state, pool, login)?.is_some() {
            return Err(ApiError::new(
                "UsernameExistsException",
                "User account already exists",
            ));
        }
        sub.clone()
    };
    let password = match body["TemporaryPassword"].as_str() {
        Some(p) => {
            users::check_password(pool, p, "temporaryPassword")?;
            p.to_owned()
        }
        None => temporary_password(pool),
    };
    attributes.insert("sub".into(), json!(sub));
    let mut user = User::new(
        &pool.id,
        username,
        sub.clone(),
        UserStatus::ForceChangePassword,
        attributes,
        state.now(),
    );
    users::set_password(&mut user, &password)?;
    let lookup = if pool.username_attributes.is_empty() {
        login
    } else {
        &user.username
    };
    if !state
        .store
        .insert_user(&users::lookup_key(pool, lookup), &user)?
    {
        return Err(ApiError::new(
            "UsernameExistsException",
            "User account already exists",
        ));
    }
    if action != Some("SUPPRESS") {
        invite(
            state,
            pool,
            &user,
            login,
            &password,
            &body["DesiredDeliveryMediums"],
        )?;
    }
    Ok(json!({"User": users::user_type(&user)}))
}

pub(super) fn admin_set_user_password(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let mut user = user_in(state, pool, body)?;
    let password = required_str(body, "Password")?;
    users::check_password(pool, password, "password")?;
    users::renew_password(pool, &mut user, password)?;
    user.status = if body["Permanent"].as_bool() == Some(true) {
        UserStatus::Confirmed
    } else {
        UserStatus::ForceChangePassword
    };
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}

pub(super) fn admin_update_user_attributes(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let mut user = user_in(state, pool, body)?;
    let changes = users::read_attributes(pool, &body["UserAttributes"])?;
    let verified_given: Vec<String> = changes
        .keys()
        .filter(|k| k.ends_with("_verified"))
        .cloned()
        .collect();
    let to_verify = users::apply_attributes(pool, &mut user, changes.clone())?;
    // An administrator who sets the verified flag in the same call means it.
    for flag in verified_given {
        if let Some(v) = changes.get(&flag) {
            user.attributes.insert(flag, v.clone());
        }
    }
    user.modified = state.now();
    state.store.update_user(&user)?;
    for attribute in to_verify {
        if user.attributes.get(&format!("{attribute}_verified")) != Some(&json!("true")) {
            messages::send_attribute_code(state, pool, &user, attribute)?;
        }
    }
    Ok(json!({}))
}

pub(super) fn admin_get_user(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let user = user_in(state, pool, body)?;
    let mut out = json!({
        "Username": user.username,
        "UserAttributes": users::attribute_list(&user, |_| true),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status.as_str(),
    });
    super::mfa_settings::report(&user, &mut out);
    Ok(out)
}

pub(super) fn admin_confirm_sign_up(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let mut user = user_in(state, pool, body)?;
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::not_authorized(format!(
            "User cannot be confirmed. Current status is {}",
            user.status.as_str()
        )));
    }
    user.status = UserStatus::Confirmed;
    user.modified = state.now();
    state.store.update_user(&user)?;
    state
        .store
        .delete_code(&pool.id, &user.username, "SIGN_UP")?;
    Ok(json!({}))
}

pub(super) fn admin_delete_user(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let user = user_in(state, pool, body)?;
    state.store.delete_user(&pool.id, &user.username)?;
    Ok(json!({}))
}

/// AdminDisableUser / AdminEnableUser: a disabled user cannot sign in or refresh ("User is
/// disabled."), and disabling revokes every token they hold, as Cognito does.
pub(super) fn admin_set_enabled(state: &AppState, body: &Value, enabled: bool) -> Action {
    let pool = pool_of(state, body)?;
    let mut user = user_in(state, pool, body)?;
    user.enabled = enabled;
    user.modified = state.now();
    state.store.update_user(&user)?;
    if !enabled {
        state.store.revoke_user_tokens(&pool.id, &user.username)?;
    }
    Ok(json!({}))
}

/// AdminResetUserPassword: the user must choose a new password with a code sent to them
/// (`RESET_REQUIRED`; signing in answers `PasswordResetRequiredException`).
pub(super) fn admin_reset_user_password(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let mut user = user_in(state, pool, body)?;
    if !user.enabled {
        return Err(ApiError::not_authorized("User is disabled."));
    }
    super::password::send_reset_code(state, pool, &user)?;
    user.status = UserStatus::ResetRequired;
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}

/// AdminUserGlobalSignOut: every refresh token of the user revoked, and the access tokens
/// issued with them refused.
pub(super) fn admin_user_global_sign_out(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let user = user_in(state, pool, body)?;
    state.store.revoke_user_tokens(&pool.id, &user.username)?;
    Ok(json!({}))
}

/// AdminDeleteUserAttributes: as DeleteUserAttributes, with an administrator's rights.
pub(super) fn admin_delete_user_attributes(state: &AppState, body: &Value) -> Action {
    let pool = pool_of(state, body)?;
    let user = user_in(state, pool, body)?;
    super::user::delete_attributes(state, pool, None, user, &body["UserAttributeNames"])
}
