//! Issuing tokens at the end of a sign-in, and reading the access token of the token-authorized
//! operations.

use cognito_protocol::pool::{AttributeType, PoolConfig};
use serde_json::{json, Map, Value};

use super::error::ApiError;
use crate::random;
use crate::state::AppState;
use crate::store::{Group, User};
use crate::template::LoadedClient;

/// Whether the client may read `name` (absent list: every standard attribute).
pub(super) fn readable(client: &LoadedClient, name: &str) -> bool {
    match &client.config.read_attributes {
        Some(list) => name == "sub" || list.iter().any(|a| a == name),
        None => !name.starts_with("custom:") && !name.starts_with("dev:"),
    }
}

fn claim_value(pool: &PoolConfig, name: &str, value: &Value) -> Value {
    let text = value.as_str().unwrap_or_default();
    let ty = pool
        .schema
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.data_type);
    match (name, ty) {
        (n, _) if n.starts_with("custom:") => Value::String(text.to_owned()),
        (_, Some(AttributeType::Boolean)) => Value::Bool(text == "true"),
        (_, Some(AttributeType::Number)) => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::String(text.to_owned())),
        ("address", _) => json!({"formatted": text}),
        _ => Value::String(text.to_owned()),
    }
}

/// The group claims of a user in `groups` (token order): `cognito:groups` for both tokens
/// (absent without groups); `cognito:roles` (every role) and `cognito:preferred_role` (the
/// role of the lowest precedence among groups with one; a tie between different roles names
/// none) for the ID token (reference `cognito-mfa-devices.md` §8).
fn group_claims(groups: &[Group]) -> (Map<String, Value>, Map<String, Value>) {
    let (mut both, mut id) = (Map::new(), Map::new());
    if groups.is_empty() {
        return (both, id);
    }
    both.insert(
        "cognito:groups".into(),
        groups.iter().map(|g| json!(g.name)).collect(),
    );
    let with_role: Vec<&Group> = groups.iter().filter(|g| g.role_arn.is_some()).collect();
    if with_role.is_empty() {
        return (both, id);
    }
    id.insert(
        "cognito:roles".into(),
        with_role.iter().map(|g| json!(g.role_arn)).collect(),
    );
    // Token order puts the lowest precedence first; a group without one loses to any number.
    let best = with_role[0];
    let tied: Vec<&&Group> = with_role
        .iter()
        .filter(|g| g.precedence == best.precedence)
        .collect();
    if tied.iter().all(|g| g.role_arn == best.role_arn) {
        id.insert("cognito:preferred_role".into(), json!(best.role_arn));
    }
    (both, id)
}

/// ID, access and (unless refreshing) refresh token for a user who just signed in.
/// `origin` is `(origin_jti, auth_time)` of the original sign-in when refreshing.
pub(super) fn issue(
    state: &AppState,
    pool: &PoolConfig,
    client: &LoadedClient,
    user: &User,
    origin: Option<(String, i64)>,
    device_key: Option<&str>,
) -> Result<Value, ApiError> {
    let now = state.now();
    let refreshing = origin.is_some();
    let (origin_jti, auth_time) = origin.unwrap_or_else(|| (random::uuid(), now));
    let event_id = random::uuid();
    let iss = state.issuer(&pool.id);
    let c = &client.config;

    let mut id = Map::new();
    id.insert("sub".into(), json!(user.sub));
    for (name, value) in &user.attributes {
        if name != "sub" && readable(client, name) {
            id.insert(name.clone(), claim_value(pool, name, value));
        }
    }
    id.insert("iss".into(), json!(iss));
    id.insert("cognito:username".into(), json!(user.username));
    id.insert("origin_jti".into(), json!(origin_jti));
    id.insert("aud".into(), json!(c.id));
    id.insert("event_id".into(), json!(event_id));
    id.insert("token_use".into(), json!("id"));
    id.insert("auth_time".into(), json!(auth_time));
    id.insert("exp".into(), json!(now + c.id_token_seconds as i64));
    id.insert("iat".into(), json!(now));
    id.insert("jti".into(), json!(random::uuid()));

    let groups = state
        .store
        .groups_of(&pool.id, &crate::users::member_names(pool, user))?;
    let (in_both, in_id) = group_claims(&groups);
    id.extend(in_both.clone());
    id.extend(in_id);

    let mut access = Map::from_iter([
        ("sub".into(), json!(user.sub)),
        ("iss".into(), json!(iss)),
        ("client_id".into(), json!(c.id)),
        ("origin_jti".into(), json!(origin_jti)),
        ("event_id".into(), json!(event_id)),
        ("token_use".into(), json!("access")),
        ("scope".into(), json!("aws.cognito.signin.user.admin")),
        ("auth_time".into(), json!(auth_time)),
        ("exp".into(), json!(now + c.access_token_seconds as i64)),
        ("iat".into(), json!(now)),
        ("jti".into(), json!(random::uuid())),
        ("username".into(), json!(user.username)),
    ]);
    access.extend(in_both);
    if let Some(key) = device_key {
        access.insert("device_key".into(), json!(key));
    }

    let mut result = json!({
        "AccessToken": state.keys.sign_access(&access),
        "ExpiresIn": c.access_token_seconds,
        "TokenType": "Bearer",
        "IdToken": state.keys.sign_id(&id),
    });
    if !refreshing {
        let token = new_refresh_token();
        state.store.put_refresh_token(
            &token,
            &pool.id,
            &c.id,
            &user.username,
            &origin_jti,
            auth_time,
            now + c.refresh_token_seconds as i64,
        )?;
        result["RefreshToken"] = json!(token);
    }
    Ok(json!({"AuthenticationResult": result, "ChallengeParameters": {}}))
}

/// A new opaque refresh token.
pub(super) fn new_refresh_token() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random::bytes(96))
}

/// The user an access token speaks for, refusing forged, expired or revoked tokens.
pub(super) fn user_of(state: &AppState, body: &Value) -> Result<(User, String), ApiError> {
    let token = body["AccessToken"]
        .as_str()
        .ok_or_else(|| ApiError::invalid("AccessToken is required."))?;
    let invalid = || ApiError::not_authorized("Invalid Access Token");
    let claims = state.keys.verify_access(token).ok_or_else(invalid)?;
    if claims.get("token_use") != Some(&json!("access")) {
        return Err(invalid());
    }
    if claims.get("exp").and_then(Value::as_i64).unwrap_or(0) <= state.now() {
        return Err(ApiError::not_authorized("Access Token has expired"));
    }
    let origin = claims
        .get("origin_jti")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if state.store.origin_revoked(origin)? {
        return Err(ApiError::not_authorized("Access Token has been revoked"));
    }
    let iss = claims
        .get("iss")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let pool_id = iss.rsplit('/').next().unwrap_or_default();
    let username = claims
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let client_id = claims
        .get("client_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let user = state
        .store
        .user_by_username(pool_id, username)?
        .ok_or_else(ApiError::user_not_found)?;
    // Bound to the user, not the name: a user deleted and re-created under the same username
    // is someone else, whom the old token does not speak for.
    if claims.get("sub").and_then(Value::as_str) != Some(user.sub.as_str()) {
        return Err(ApiError::not_authorized("Access Token has been revoked"));
    }
    Ok((user, client_id))
}

/// Seconds a rotated refresh token stays usable (`RetryGracePeriodSeconds`).
pub(super) fn rotation_grace(client: &LoadedClient) -> i64 {
    i64::from(client.config.refresh_token_rotation.unwrap_or(0))
}

/// A rotated refresh token used again after its grace period.
pub(super) fn reused() -> ApiError {
    ApiError::new(
        "RefreshTokenReuseException",
        "Refresh token has been rotated; use the new one.",
    )
}

/// The user and original sign-in `(origin_jti, auth_time)` behind a refresh token, which must
/// have been issued to `client` and be neither revoked nor expired.
pub(super) fn refresh_origin(
    state: &AppState,
    client: &LoadedClient,
    token: &str,
) -> Result<(User, (String, i64)), ApiError> {
    let invalid = || ApiError::not_authorized("Invalid Refresh Token");
    let found = state.store.refresh_token(token)?.ok_or_else(invalid)?;
    if found.client_id != client.config.id || found.pool_id != client.config.pool_id {
        return Err(invalid());
    }
    if found.revoked {
        return Err(ApiError::not_authorized("Refresh Token has been revoked"));
    }
    if found.expires <= state.now() {
        return Err(ApiError::not_authorized("Refresh Token has expired"));
    }
    // Rotated away: usable only within the client's grace period (0 s: not at all).
    if let Some(replaced) = found.replaced_at {
        if state.now() >= replaced + rotation_grace(client) {
            return Err(reused());
        }
    }
    let user = state
        .store
        .user_by_username(&found.pool_id, &found.username)?
        .ok_or_else(ApiError::user_not_found)?;
    if !user.enabled {
        return Err(ApiError::not_authorized("User is disabled."));
    }
    Ok((user, (found.origin_jti, found.auth_time)))
}
