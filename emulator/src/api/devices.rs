//! Remembered devices: ConfirmDevice (the device SRP verifier), UpdateDeviceStatus, ListDevices,
//! GetDevice, ForgetDevice, and the administrator's AdminListDevices, AdminGetDevice,
//! AdminUpdateDeviceStatus and AdminForgetDevice.

use cognito_protocol::pool::PoolConfig;
use cognito_protocol::srp::{to_hex, Verifier};
use serde_json::{json, Value};

use super::admin::{pool_of, user_in};
use super::error::ApiError;
use super::second_factor::{known_device, no_device};
use super::tokens::user_of;
use super::{required_str, Action};
use crate::state::AppState;
use crate::store::{Device, User};

/// `DeviceType`; the administrator's view adds the `dev:` attributes.
fn device_type(d: &Device, admin: bool) -> Value {
    let mut attributes = vec![json!({"Name": "device_status", "Value": "valid"})];
    if let Some(name) = &d.name {
        attributes.push(json!({"Name": "device_name", "Value": name}));
    }
    attributes.push(json!({"Name": "last_ip_used", "Value": "127.0.0.1"}));
    if admin {
        let status = if d.remembered {
            "remembered"
        } else {
            "not_remembered"
        };
        attributes.push(json!({"Name": "dev:device_remembered_status", "Value": status}));
    }
    json!({
        "DeviceKey": d.device_key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": d.created,
        "DeviceLastModifiedDate": d.modified,
        "DeviceLastAuthenticatedDate": d.last_authenticated,
    })
}

/// The token's user and pool.
fn token_user<'a>(state: &'a AppState, body: &Value) -> Result<(User, &'a PoolConfig), ApiError> {
    let (user, _) = user_of(state, body)?;
    let pool = state.pool(&user.pool_id)?;
    Ok((user, pool))
}

/// The named user of an administrator call, and the pool.
fn admin_user<'a>(state: &'a AppState, body: &Value) -> Result<(User, &'a PoolConfig), ApiError> {
    let pool = pool_of(state, body)?;
    Ok((user_in(state, pool, body)?, pool))
}

fn device_of(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    body: &Value,
) -> Result<Device, ApiError> {
    known_device(state, pool, user, required_str(body, "DeviceKey")?)
}

pub(super) fn confirm_device(state: &AppState, body: &Value) -> Action {
    let (user, pool) = token_user(state, body)?;
    let key = required_str(body, "DeviceKey")?;
    let mut device = state
        .store
        .device(&pool.id, &user.username, key)?
        .ok_or_else(no_device)?;
    if device.confirmed {
        return Err(ApiError::new(
            "DeviceKeyExistsException",
            "Device key already exists.",
        ));
    }
    let config = &body["DeviceSecretVerifierConfig"];
    let verifier = Verifier::from_device_config(
        config["PasswordVerifier"].as_str().unwrap_or_default(),
        config["Salt"].as_str().unwrap_or_default(),
    )
    .ok_or_else(|| {
        ApiError::invalid("DeviceSecretVerifierConfig needs a base64 PasswordVerifier and Salt.")
    })?;
    let prompt = pool
        .devices
        .is_some_and(|c| c.device_only_remembered_on_user_prompt);
    device.salt_hex = verifier.salt_hex();
    device.verifier_hex = to_hex(&verifier.verifier);
    device.name = body["DeviceName"].as_str().map(str::to_owned);
    device.confirmed = true;
    // "Always remember": confirmed is remembered; "user opt-in": the app asks, then says so.
    device.remembered = !prompt;
    device.modified = state.now();
    state.store.put_device(&device)?;
    Ok(json!({"UserConfirmationNecessary": prompt}))
}

fn set_status(state: &AppState, pool: &PoolConfig, user: &User, body: &Value) -> Action {
    let mut device = device_of(state, pool, user, body)?;
    device.remembered = match body["DeviceRememberedStatus"].as_str() {
        Some("remembered") => true,
        Some("not_remembered") | None => false,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "DeviceRememberedStatus {other} is not remembered or not_remembered."
            )))
        }
    };
    device.modified = state.now();
    state.store.put_device(&device)?;
    Ok(json!({}))
}

pub(super) fn update_device_status(state: &AppState, body: &Value) -> Action {
    let (user, pool) = token_user(state, body)?;
    set_status(state, pool, &user, body)
}

pub(super) fn admin_update_device_status(state: &AppState, body: &Value) -> Action {
    let (user, pool) = admin_user(state, body)?;
    set_status(state, pool, &user, body)
}

/// Up to `Limit` (0..60, default 60) devices after `PaginationToken` (the last key shown).
fn list(state: &AppState, pool: &PoolConfig, user: &User, body: &Value, admin: bool) -> Action {
    let limit = body["Limit"].as_u64().unwrap_or(60);
    if limit > 60 {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
        ));
    }
    let all = state.store.devices(&pool.id, &user.username)?;
    let start = match body["PaginationToken"].as_str() {
        Some(token) => all
            .iter()
            .position(|d| d.device_key == token)
            .map(|i| i + 1)
            .ok_or_else(|| ApiError::invalid("Invalid PaginationToken."))?,
        None => 0,
    };
    let page: Vec<&Device> = all.iter().skip(start).take(limit as usize).collect();
    let mut out =
        json!({"Devices": page.iter().map(|d| device_type(d, admin)).collect::<Vec<_>>()});
    if start + page.len() < all.len() {
        if let Some(last) = page.last() {
            out["PaginationToken"] = json!(last.device_key);
        }
    }
    Ok(out)
}

pub(super) fn list_devices(state: &AppState, body: &Value) -> Action {
    let (user, pool) = token_user(state, body)?;
    list(state, pool, &user, body, false)
}

pub(super) fn admin_list_devices(state: &AppState, body: &Value) -> Action {
    let (user, pool) = admin_user(state, body)?;
    list(state, pool, &user, body, true)
}

pub(super) fn get_device(state: &AppState, body: &Value) -> Action {
    let (user, pool) = token_user(state, body)?;
    Ok(json!({"Device": device_type(&device_of(state, pool, &user, body)?, false)}))
}

pub(super) fn admin_get_device(state: &AppState, body: &Value) -> Action {
    let (user, pool) = admin_user(state, body)?;
    Ok(json!({"Device": device_type(&device_of(state, pool, &user, body)?, true)}))
}

fn forget(state: &AppState, pool: &PoolConfig, user: &User, body: &Value) -> Action {
    let key = required_str(body, "DeviceKey")?;
    if !state.store.delete_device(&pool.id, &user.username, key)? {
        return Err(no_device());
    }
    Ok(json!({}))
}

pub(super) fn forget_device(state: &AppState, body: &Value) -> Action {
    let (user, pool) = token_user(state, body)?;
    forget(state, pool, &user, body)
}

pub(super) fn admin_forget_device(state: &AppState, body: &Value) -> Action {
    let (user, pool) = admin_user(state, body)?;
    forget(state, pool, &user, body)
}
