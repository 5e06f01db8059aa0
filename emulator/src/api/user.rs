//! Token-authorized user operations: GetUser, UpdateUserAttributes, attribute verification,
//! DeleteUser, GlobalSignOut; and the refresh-token operations RevokeToken and
//! GetTokensFromRefreshToken.

use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::tokens::{
    issue, new_refresh_token, readable, refresh_origin, reused, rotation_grace, user_of,
};
use super::{required_str, Action};
use crate::messages;
use crate::state::AppState;
use crate::template::LoadedClient;
use crate::users;

pub(super) fn get_user(state: &AppState, body: &Value) -> Action {
    let (user, client_id) = user_of(state, body)?;
    let client = state.clients.get(&client_id);
    let attributes = users::attribute_list(&user, |name| client.is_none_or(|c| readable(c, name)));
    let mut out = json!({"Username": user.username, "UserAttributes": attributes});
    super::mfa_settings::report(&user, &mut out);
    Ok(out)
}

pub(super) fn update_user_attributes(state: &AppState, body: &Value) -> Action {
    let (mut user, client_id) = user_of(state, body)?;
    let (client, pool) = state.client(&client_id)?;
    let changes = users::read_attributes(pool, &body["UserAttributes"])?;
    users::check_writes(&client.config, changes.keys().map(String::as_str))?;
    let to_verify = users::apply_attributes(pool, &mut user, changes)?;
    user.modified = state.now();
    state.store.update_user(&user)?;
    let mut deliveries = Vec::new();
    for attribute in to_verify {
        deliveries.push(messages::send_attribute_code(
            state, pool, &user, attribute,
        )?);
    }
    Ok(json!({"CodeDeliveryDetailsList": deliveries}))
}

fn verifiable(name: &str) -> Result<&str, ApiError> {
    match name {
        "email" | "phone_number" => Ok(name),
        _ => Err(ApiError::invalid(format!(
            "Only email and phone_number can be verified, not {name}."
        ))),
    }
}

pub(super) fn get_user_attribute_verification_code(state: &AppState, body: &Value) -> Action {
    let (user, client_id) = user_of(state, body)?;
    let (_, pool) = state.client(&client_id)?;
    let attribute = verifiable(required_str(body, "AttributeName")?)?;
    Ok(
        json!({"CodeDeliveryDetails": messages::send_attribute_code(state, pool, &user, attribute)?}),
    )
}

pub(super) fn verify_user_attribute(state: &AppState, body: &Value) -> Action {
    let (mut user, client_id) = user_of(state, body)?;
    let (_, pool) = state.client(&client_id)?;
    let attribute = verifiable(required_str(body, "AttributeName")?)?;
    messages::take_code(
        state,
        pool,
        &user,
        &format!("VERIFY_{attribute}"),
        required_str(body, "Code")?,
    )?;
    // A change that waited for this code takes effect now.
    if let Some(value) = user.pending.remove(attribute) {
        let value = value.as_str().unwrap_or_default().to_owned();
        users::claim_alias(state, pool, &user, attribute, &value, false)?;
        user.attributes.insert(attribute.to_owned(), json!(value));
    }
    user.attributes
        .insert(format!("{attribute}_verified"), json!("true"));
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}

/// DeleteUserAttributes / AdminDeleteUserAttributes: `names` removed from `user`; required
/// attributes cannot be, nor (for a user's own call) attributes the client may not write.
pub(super) fn delete_attributes(
    state: &AppState,
    pool: &cognito_protocol::pool::PoolConfig,
    client: Option<&LoadedClient>,
    mut user: crate::store::User,
    names: &Value,
) -> Action {
    let names: Vec<&str> = names
        .as_array()
        .ok_or_else(|| ApiError::invalid("UserAttributeNames is required."))?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if let Some(client) = client {
        users::check_writes(&client.config, names.iter().copied())?;
    }
    for name in &names {
        let schema = pool.schema.iter().find(|a| a.name == *name);
        if schema.is_some_and(|a| a.required) || *name == "sub" {
            return Err(ApiError::invalid(format!(
                "Attributes did not conform to the schema: {name}: The attribute is required"
            )));
        }
        if schema.is_some_and(|a| !a.mutable) {
            return Err(ApiError::invalid("Attribute cannot be updated"));
        }
    }
    for name in names {
        user.attributes.remove(name);
        user.pending.remove(name);
        if name == "email" || name == "phone_number" {
            user.attributes.remove(&format!("{name}_verified"));
        }
    }
    user.modified = state.now();
    state.store.update_user(&user)?;
    Ok(json!({}))
}

pub(super) fn delete_user_attributes(state: &AppState, body: &Value) -> Action {
    let (user, client_id) = user_of(state, body)?;
    let (client, pool) = state.client(&client_id)?;
    delete_attributes(state, pool, Some(client), user, &body["UserAttributeNames"])
}

pub(super) fn delete_user(state: &AppState, body: &Value) -> Action {
    let (user, _) = user_of(state, body)?;
    state.store.delete_user(&user.pool_id, &user.username)?;
    Ok(json!({}))
}

pub(super) fn global_sign_out(state: &AppState, body: &Value) -> Action {
    let (user, _) = user_of(state, body)?;
    state
        .store
        .revoke_user_tokens(&user.pool_id, &user.username)?;
    Ok(json!({}))
}

/// The client named in a refresh-token request, with its secret checked.
fn refresh_client<'a>(state: &'a AppState, body: &Value) -> Result<&'a LoadedClient, ApiError> {
    let client_id = required_str(body, "ClientId")?;
    let (client, _) = state.client(client_id)?;
    if let Some(secret) = &client.secret {
        let given = body["ClientSecret"].as_str().unwrap_or_default();
        if !bool::from(given.as_bytes().ct_eq(secret.secret().as_bytes())) {
            return Err(ApiError::new(
                "UnauthorizedException",
                "Invalid client secret.",
            ));
        }
    }
    Ok(client)
}

pub(super) fn revoke_token(state: &AppState, body: &Value) -> Action {
    let client = refresh_client(state, body)?;
    if !client.config.enable_token_revocation {
        return Err(ApiError::new(
            "UnsupportedOperationException",
            "Token revocation is not enabled for this client.",
        ));
    }
    let token = required_str(body, "Token")?;
    match state.store.refresh_token(token)? {
        Some(found) if found.client_id != client.config.id => Err(ApiError::new(
            "UnauthorizedException",
            "The token was not issued to this client.",
        )),
        Some(_) => {
            state.store.revoke_token(token)?;
            Ok(json!({}))
        }
        None if token.split('.').count() == 3 => Err(ApiError::new(
            "UnsupportedTokenTypeException",
            "Only refresh tokens can be revoked.",
        )),
        None => Ok(json!({})),
    }
}

pub(super) fn get_tokens_from_refresh_token(state: &AppState, body: &Value) -> Action {
    let client = refresh_client(state, body)?;
    let pool = state.pool(&client.config.pool_id)?;
    let token = required_str(body, "RefreshToken")?;
    // The client secret itself (checked above) authenticates this call: no SECRET_HASH.
    let (user, origin) = refresh_origin(state, client, token)?;
    let device_key = super::second_factor::device_key_in(body, "DeviceKey");
    super::auth::refresh_device(state, pool, &user, device_key.as_deref())?;
    let mut out = issue(
        state,
        pool,
        client,
        &user,
        Some(origin),
        device_key.as_deref(),
    )?;
    // A new refresh token only with rotation; without it the old one stays the one to use.
    if client.config.refresh_token_rotation.is_some() {
        let new = new_refresh_token();
        // Checked again where it is written: another request may have rotated it meanwhile.
        let grace = rotation_grace(client);
        if !state
            .store
            .rotate_refresh_token(token, &new, state.now(), grace)?
        {
            return Err(reused());
        }
        out["AuthenticationResult"]["RefreshToken"] = json!(new);
    }
    Ok(json!({"AuthenticationResult": out["AuthenticationResult"]}))
}
