//! Read-only administration: ListUsers, ListUserPools, DescribeUserPool, ListUserPoolClients,
//! DescribeUserPoolClient.

use cognito_protocol::pool::{AttributeType, ClientConfig, PoolConfig, RecoveryMechanism};
use serde_json::{json, Value};

use super::error::ApiError;
use super::{required_str, Action};
use crate::state::AppState;
use crate::users;

/// `Filter` of ListUsers: `attr = "value"` or `attr ^= "value"`.
fn parse_filter(filter: &str) -> Result<(String, bool, String), ApiError> {
    let bad = || ApiError::invalid(format!("Error while parsing filter: {filter}"));
    let (name, prefix, rest) = if let Some((n, r)) = filter.split_once("^=") {
        (n, true, r)
    } else if let Some((n, r)) = filter.split_once('=') {
        (n, false, r)
    } else {
        return Err(bad());
    };
    let value = rest
        .trim()
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(bad)?;
    Ok((name.trim().to_owned(), prefix, value.to_owned()))
}

pub(super) fn list_users(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let filter = body["Filter"]
        .as_str()
        .filter(|f| !f.is_empty())
        .map(parse_filter)
        .transpose()?;
    let limit = body["Limit"].as_u64().unwrap_or(60).clamp(1, 60) as usize;
    let start: usize = body["PaginationToken"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let matching: Vec<Value> = state
        .store
        .users(&pool.id)?
        .into_iter()
        .filter(|u| match &filter {
            None => true,
            Some((name, prefix, want)) => {
                let value = match name.as_str() {
                    "username" => Some(u.username.clone()),
                    "cognito:user_status" => Some(u.status.as_str().to_owned()),
                    "status" => Some(if u.enabled { "Enabled" } else { "Disabled" }.to_owned()),
                    other => u
                        .attributes
                        .get(other)
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                };
                value.is_some_and(|v| {
                    if *prefix {
                        v.starts_with(want.as_str())
                    } else {
                        &v == want
                    }
                })
            }
        })
        .map(|u| users::user_type(&u))
        .collect();
    let page: Vec<Value> = matching.iter().skip(start).take(limit).cloned().collect();
    let mut out = json!({"Users": page});
    if start + limit < matching.len() {
        out["PaginationToken"] = json!((start + limit).to_string());
    }
    Ok(out)
}

pub(super) fn list_user_pools(state: &AppState, body: &Value) -> Action {
    if body["MaxResults"].as_u64().is_none() {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must not be null",
        ));
    }
    let pools: Vec<Value> = state
        .pools
        .values()
        .map(|p| json!({"Id": p.id, "Name": p.name, "LambdaConfig": {}}))
        .collect();
    Ok(json!({"UserPools": pools}))
}

fn schema_attributes(pool: &PoolConfig) -> Vec<Value> {
    pool.schema
        .iter()
        .map(|a| {
            let ty = match a.data_type {
                AttributeType::String => "String",
                AttributeType::Number => "Number",
                AttributeType::DateTime => "DateTime",
                AttributeType::Boolean => "Boolean",
            };
            let mut v = json!({
                "Name": a.name, "AttributeDataType": ty, "DeveloperOnlyAttribute": a.name.starts_with("dev:"),
                "Mutable": a.mutable, "Required": a.required,
            });
            match a.data_type {
                AttributeType::String => {
                    v["StringAttributeConstraints"] = json!({
                        "MinLength": a.min.unwrap_or(0).to_string(),
                        "MaxLength": a.max.unwrap_or(2048).to_string(),
                    });
                }
                AttributeType::Number => {
                    let mut c = json!({});
                    if let Some(m) = a.min {
                        c["MinValue"] = json!(m.to_string());
                    }
                    if let Some(m) = a.max {
                        c["MaxValue"] = json!(m.to_string());
                    }
                    v["NumberAttributeConstraints"] = c;
                }
                _ => {}
            }
            v
        })
        .collect()
}

pub(super) fn describe_user_pool(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let region = pool.id.split('_').next().unwrap_or_default();
    let names = |list: &[cognito_protocol::pool::SignInAttribute]| {
        list.iter().map(|a| a.name()).collect::<Vec<_>>()
    };
    let recovery: Vec<Value> = pool
        .recovery
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let name = match m {
                RecoveryMechanism::VerifiedEmail => "verified_email",
                RecoveryMechanism::VerifiedPhoneNumber => "verified_phone_number",
                RecoveryMechanism::AdminOnly => "admin_only",
            };
            json!({"Name": name, "Priority": i + 1})
        })
        .collect();
    let p = &pool.password_policy;
    Ok(json!({"UserPool": {
        "Id": pool.id,
        "Name": pool.name,
        "Arn": format!("arn:aws:cognito-idp:{region}:{}:userpool/{}", state.account, pool.id),
        "Policies": {"PasswordPolicy": {
            "MinimumLength": p.minimum_length, "RequireUppercase": p.require_uppercase,
            "RequireLowercase": p.require_lowercase, "RequireNumbers": p.require_numbers,
            "RequireSymbols": p.require_symbols, "TemporaryPasswordValidityDays": p.temporary_password_validity_days,
            "PasswordHistorySize": pool.password_history_size,
        }},
        "SchemaAttributes": schema_attributes(pool),
        "AutoVerifiedAttributes": names(&pool.auto_verified_attributes),
        "UsernameAttributes": names(&pool.username_attributes),
        "AliasAttributes": names(&pool.alias_attributes),
        "VerificationMessageTemplate": {
            "EmailMessage": pool.verification.email_message, "EmailSubject": pool.verification.email_subject,
            "SmsMessage": pool.verification.sms_message, "DefaultEmailOption": if pool.confirm_with_link { "CONFIRM_WITH_LINK" } else { "CONFIRM_WITH_CODE" },
        },
        "AdminCreateUserConfig": {
            "AllowAdminCreateUserOnly": pool.admin_create_user_only,
            "InviteMessageTemplate": {
                "EmailMessage": pool.invitation.email_message, "EmailSubject": pool.invitation.email_subject,
                "SMSMessage": pool.invitation.sms_message,
            },
        },
        "UsernameConfiguration": {"CaseSensitive": pool.case_sensitive},
        "UserAttributeUpdateSettings": {
            "AttributesRequireVerificationBeforeUpdate": names(&pool.verify_before_update),
        },
        "AccountRecoverySetting": {"RecoveryMechanisms": recovery},
        "MfaConfiguration": pool.mfa.as_str(),
        "SmsAuthenticationMessage": pool.authentication.sms_message,
        "DeviceConfiguration": pool.devices.map(|d| json!({
            "ChallengeRequiredOnNewDevice": d.challenge_required_on_new_device,
            "DeviceOnlyRememberedOnUserPrompt": d.device_only_remembered_on_user_prompt,
        })),
        "DeletionProtection": if pool.deletion_protection { "ACTIVE" } else { "INACTIVE" },
        "EstimatedNumberOfUsers": state.store.count_users(&pool.id)?,
    }}))
}

pub(super) fn list_user_pool_clients(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let clients: Vec<Value> = state
        .clients
        .values()
        .filter(|c| c.config.pool_id == pool.id)
        .map(|c| json!({"ClientId": c.config.id, "UserPoolId": pool.id, "ClientName": c.config.name}))
        .collect();
    Ok(json!({"UserPoolClients": clients}))
}

fn flow_names(c: &ClientConfig) -> Vec<&'static str> {
    let f = c.auth_flows;
    [
        (f.admin_user_password, "ALLOW_ADMIN_USER_PASSWORD_AUTH"),
        (f.custom, "ALLOW_CUSTOM_AUTH"),
        (f.user_password, "ALLOW_USER_PASSWORD_AUTH"),
        (f.user_srp, "ALLOW_USER_SRP_AUTH"),
        (f.refresh_token, "ALLOW_REFRESH_TOKEN_AUTH"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| n)
    .collect()
}

pub(super) fn describe_user_pool_client(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let client_id = required_str(body, "ClientId")?;
    let (client, client_pool) = state.client(client_id)?;
    if client_pool.id != pool.id {
        return Err(ApiError::no_client(client_id));
    }
    let c = &client.config;
    let mut out = json!({
        "UserPoolId": pool.id, "ClientName": c.name, "ClientId": c.id,
        "ExplicitAuthFlows": flow_names(c),
        "AccessTokenValidity": c.access_token_seconds / 60, "IdTokenValidity": c.id_token_seconds / 60,
        "RefreshTokenValidity": c.refresh_token_seconds / 60,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "minutes"},
        "PreventUserExistenceErrors": if c.prevent_user_existence_errors { "ENABLED" } else { "LEGACY" },
        "EnableTokenRevocation": c.enable_token_revocation,
        "AuthSessionValidity": c.auth_session_minutes,
        "RefreshTokenRotation": match c.refresh_token_rotation {
            Some(grace) => json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": grace}),
            None => json!({"Feature": "DISABLED", "RetryGracePeriodSeconds": 0}),
        },
    });
    if let Some(r) = &c.read_attributes {
        out["ReadAttributes"] = json!(r);
    }
    if let Some(w) = &c.write_attributes {
        out["WriteAttributes"] = json!(w);
    }
    if let Some(s) = &client.secret {
        out["ClientSecret"] = json!(s.secret());
    }
    Ok(json!({"UserPoolClient": out}))
}
