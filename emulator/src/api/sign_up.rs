//! SignUp, ConfirmSignUp and ResendConfirmationCode.

use cognito_protocol::pool::SignInAttribute;
use serde_json::{json, Value};

use super::error::ApiError;
use super::secret::check_secret_hash;
use super::{required_str, Action};
use crate::messages;
use crate::random;
use crate::state::AppState;
use crate::store::{User, UserStatus};
use crate::users;

const SIGN_UP_CODE_TTL: i64 = 24 * 3600;

pub(super) fn sign_up(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    let login = required_str(body, "Username")?;
    check_secret_hash(client, body["SecretHash"].as_str(), login)?;
    if pool.admin_create_user_only {
        return Err(ApiError::not_authorized(
            "SignUp is not permitted for this user pool",
        ));
    }
    let password = required_str(body, "Password")?;
    users::check_password(pool, password, "password")?;
    let mut attributes = users::read_attributes(pool, &body["UserAttributes"])?;
    if attributes.contains_key("sub") {
        return Err(ApiError::invalid(
            "Attributes did not conform to the schema: sub: Attribute cannot be set",
        ));
    }
    users::check_writes(&client.config, attributes.keys().map(String::as_str))?;
    let sub = random::uuid();
    // E-mail or phone as username: the login name becomes the attribute, the UUID the username.
    let username = match pool.username_attributes.as_slice() {
        [] => {
            for alias in &pool.alias_attributes {
                let shaped = match alias {
                    SignInAttribute::Email => users::looks_like_email(login),
                    SignInAttribute::PhoneNumber => users::looks_like_phone(login),
                    SignInAttribute::PreferredUsername => false,
                };
                if shaped {
                    let what = if *alias == SignInAttribute::Email {
                        "email"
                    } else {
                        "phone number"
                    };
                    return Err(ApiError::invalid(format!("Username cannot be of {what} format, since user pool is configured for {what} alias.")));
                }
            }
            login.to_owned()
        }
        allowed => {
            let attribute =
                if users::looks_like_email(login) && allowed.contains(&SignInAttribute::Email) {
                    "email"
                } else if users::looks_like_phone(login)
                    && allowed.contains(&SignInAttribute::PhoneNumber)
                {
                    "phone_number"
                } else if allowed.contains(&SignInAttribute::Email) {
                    return Err(ApiError::invalid("Username should be an email."));
                } else {
                    return Err(ApiError::invalid("Username should be a phone number."));
                };
            attributes.insert(attribute.to_owned(), json!(login));
            sub.clone()
        }
    };
    if username.chars().count() > 128
        || username.is_empty()
        || username.contains(char::is_whitespace)
    {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'username' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
        ));
    }
    for required in pool.schema.iter().filter(|a| a.required && a.name != "sub") {
        if attributes
            .get(&required.name)
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return Err(ApiError::invalid(format!(
                "Attributes did not conform to the schema: {}: The attribute is required",
                required.name
            )));
        }
    }
    let lookup_name = if pool.username_attributes.is_empty() {
        login
    } else {
        &username
    };
    if !pool.username_attributes.is_empty() && users::find(state, pool, login)?.is_some() {
        let what = if login.contains('@') {
            "email"
        } else {
            "phone_number"
        };
        return Err(ApiError::new(
            "UsernameExistsException",
            format!("An account with the given {what} already exists."),
        ));
    }
    attributes.insert("sub".into(), json!(sub));
    let mut user = User::new(
        &pool.id,
        username.clone(),
        sub.clone(),
        UserStatus::Unconfirmed,
        attributes,
        state.now(),
    );
    users::set_password(&mut user, password)?;
    if !state
        .store
        .insert_user(&users::lookup_key(pool, lookup_name), &user)?
    {
        return Err(ApiError::new(
            "UsernameExistsException",
            "User already exists",
        ));
    }
    let delivery = messages::send_code(state, pool, &user, "SIGN_UP", SIGN_UP_CODE_TTL)?;
    let mut out = json!({"UserConfirmed": false, "UserSub": sub});
    if let Some(d) = delivery {
        out["CodeDeliveryDetails"] = d;
    }
    Ok(out)
}

pub(super) fn confirm_sign_up(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    let login = required_str(body, "Username")?;
    check_secret_hash(client, body["SecretHash"].as_str(), login)?;
    let code = required_str(body, "ConfirmationCode")?;
    let mut user = users::find(state, pool, login)?.ok_or_else(ApiError::user_not_found)?;
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::not_authorized(format!(
            "User cannot be confirmed. Current status is {}",
            user.status.as_str()
        )));
    }
    messages::check_code(state, pool, &user, "SIGN_UP", code)?;
    if let Some((attribute, value)) = messages::delivery(pool, &user) {
        let force = body["ForceAliasCreation"] == true;
        users::claim_alias(state, pool, &user, attribute, &value, force)?;
        user.attributes
            .insert(format!("{attribute}_verified"), json!("true"));
    }
    user.status = UserStatus::Confirmed;
    user.modified = state.now();
    state.store.update_user(&user)?;
    state
        .store
        .delete_code(&pool.id, &user.username, "SIGN_UP")?;
    Ok(json!({}))
}

pub(super) fn resend_confirmation_code(state: &AppState, body: &Value) -> Action {
    let client_id = required_str(body, "ClientId")?;
    let (client, pool) = state.client(client_id)?;
    let login = required_str(body, "Username")?;
    check_secret_hash(client, body["SecretHash"].as_str(), login)?;
    let user = users::find(state, pool, login)?.ok_or_else(ApiError::user_not_found)?;
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::invalid("User is already confirmed."));
    }
    match messages::send_code(state, pool, &user, "SIGN_UP", SIGN_UP_CODE_TTL)? {
        Some(d) => Ok(json!({"CodeDeliveryDetails": d})),
        None => Err(ApiError::not_authorized(
            "Cannot resend codes. Auto verification not turned on.",
        )),
    }
}
