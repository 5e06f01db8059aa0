//! `AWS::Cognito::UserPoolClient` → [`ClientConfig`] and its secret.

use cognito_protocol::pool::{AuthFlows, ClientConfig};
use cognito_protocol::ClientSecret;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use super::props::{as_string, Props};
use super::resolve::Context;
use super::{Environment, LoadedClient, TemplateError};

/// A client secret derived from the data dir's key: stable across restarts, unguessable from
/// the template. 51 characters of `[a-z0-9]`, like Cognito's.
pub(super) fn secret_for(key: &[u8], client_id: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(51);
    let mut counter = 0u8;
    while out.len() < 51 {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(client_id.as_bytes());
        mac.update(&[counter]);
        for b in mac.finalize().into_bytes() {
            // 252 = 7 × 36: rejecting above it keeps the characters uniform.
            if b < 252 && out.len() < 51 {
                out.push(ALPHABET[usize::from(b) % 36] as char);
            }
        }
        counter += 1;
    }
    out
}

pub(super) fn build(
    logical: &str,
    id: String,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    env: &Environment,
    warnings: &mut Vec<String>,
) -> Result<LoadedClient, TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let pool_id = p
        .string("UserPoolId")?
        .ok_or_else(|| p.error("UserPoolId", "is required"))?;
    if !ctx.resources.values().any(|r| r.reference == pool_id) {
        return Err(p.error(
            "UserPoolId",
            format!("{pool_id} is not a user pool of this template"),
        ));
    }
    let name = p
        .string("ClientName")?
        .unwrap_or_else(|| logical.to_owned());
    let has_secret = p.bool("GenerateSecret")?.unwrap_or(false);
    let flows = p.strings("ExplicitAuthFlows")?;
    let auth_flows = AuthFlows::from_explicit(flows.as_deref())
        .map_err(|bad| p.error("ExplicitAuthFlows", format!("unknown flow {bad}")))?;
    let read_attributes = p.strings("ReadAttributes")?;
    let write_attributes = p.strings("WriteAttributes")?;
    let units = p.get("TokenValidityUnits")?.unwrap_or(Value::Null);
    let seconds = |unit: Option<String>, default_unit: &str| -> Result<u64, TemplateError> {
        match unit.as_deref().unwrap_or(default_unit) {
            "seconds" => Ok(1),
            "minutes" => Ok(60),
            "hours" => Ok(3600),
            "days" => Ok(86_400),
            other => Err(p.error("TokenValidityUnits", format!("unknown unit {other}"))),
        }
    };
    let unit = |k: &str| units.get(k).and_then(as_string);
    let access_unit = seconds(unit("AccessToken"), "hours")?;
    let id_unit = seconds(unit("IdToken"), "hours")?;
    let refresh_unit = seconds(unit("RefreshToken"), "days")?;
    let access_raw = p.int("AccessTokenValidity")?;
    let id_raw = p.int("IdTokenValidity")?;
    let refresh_raw = p.int("RefreshTokenValidity")?;
    let logical_name = p.logical;
    let validity = |v: Option<i64>, unit: u64, default: u64, lo: u64, hi: u64, prop: &str| {
        let error = |m: String| TemplateError(format!("{logical_name}.{prop}: {m}"));
        let total = match v {
            None | Some(0) => default,
            Some(n) if n > 0 => n as u64 * unit,
            Some(_) => return Err(error("must be positive".into())),
        };
        if !(lo..=hi).contains(&total) {
            return Err(error(format!("must lie between {lo} and {hi} seconds")));
        }
        Ok(total)
    };
    let access_token_seconds = validity(
        access_raw,
        access_unit,
        3600,
        300,
        86_400,
        "AccessTokenValidity",
    )?;
    let id_token_seconds = validity(id_raw, id_unit, 3600, 300, 86_400, "IdTokenValidity")?;
    let refresh_token_seconds = validity(
        refresh_raw,
        refresh_unit,
        30 * 86_400,
        3600,
        3650 * 86_400,
        "RefreshTokenValidity",
    )?;
    let auth_session_minutes = match p.int("AuthSessionValidity")? {
        None => 3,
        Some(m @ 3..=15) => m as u64,
        Some(_) => return Err(p.error("AuthSessionValidity", "must be 3 to 15 minutes")),
    };
    let prevent_user_existence_errors = match p.string("PreventUserExistenceErrors")?.as_deref() {
        None | Some("LEGACY") => false,
        Some("ENABLED") => true,
        Some(other) => {
            return Err(p.error(
                "PreventUserExistenceErrors",
                format!("unknown value {other}"),
            ))
        }
    };
    let enable_token_revocation = p.bool("EnableTokenRevocation")?.unwrap_or(true);
    let refresh_token_rotation = match p.get("RefreshTokenRotation")? {
        None | Some(Value::Null) => None,
        Some(rotation) => {
            let grace = match rotation.get("RetryGracePeriodSeconds") {
                None | Some(Value::Null) => 0,
                Some(v) => match v.as_i64() {
                    Some(s @ 0..=60) => s as u32,
                    _ => {
                        return Err(p.error(
                            "RefreshTokenRotation",
                            "RetryGracePeriodSeconds must be 0 to 60",
                        ))
                    }
                },
            };
            match rotation.get("Feature").and_then(as_string).as_deref() {
                Some("ENABLED") => Some(grace),
                Some("DISABLED") => None,
                _ => {
                    return Err(p.error(
                        "RefreshTokenRotation",
                        "Feature must be ENABLED or DISABLED",
                    ))
                }
            }
        }
    };
    // Hosted-UI and analytics settings have no meaning for the API the emulator serves.
    for oauth in [
        "AllowedOAuthFlows",
        "AllowedOAuthFlowsUserPoolClient",
        "AllowedOAuthScopes",
        "CallbackURLs",
        "LogoutURLs",
        "DefaultRedirectURI",
        "SupportedIdentityProviders",
    ] {
        p.skip(oauth);
    }
    warnings.extend(p.unread());
    let secret = has_secret.then(|| ClientSecret::new(secret_for(&env.secret_key, &id)));
    Ok(LoadedClient {
        config: ClientConfig {
            id,
            name,
            pool_id,
            has_secret,
            auth_flows,
            read_attributes,
            write_attributes,
            access_token_seconds,
            id_token_seconds,
            refresh_token_seconds,
            auth_session_minutes,
            prevent_user_existence_errors,
            enable_token_revocation,
            refresh_token_rotation,
        },
        secret,
    })
}
