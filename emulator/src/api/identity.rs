//! Cognito Identity (`AWSCognitoIdentityService.*`) for the identity pools of the templates:
//! identities for guests and for signed-in users of the emulator's user pools, their merging,
//! and credentials for the role Cognito would choose (`cognito-protocol`'s `role_for`). The
//! credentials are not AWS's: they are random, recorded, and listed at
//! `/_emulator/credentials` with the identity and role they were issued for.

use base64::Engine;
use cognito_protocol::identity::{IdentityPoolConfig, RoleRefusal};
use serde_json::{json, Map, Value};

use super::error::ApiError;
use super::{required_str, Action};
use crate::random;
use crate::state::AppState;
use crate::store::{Identity, IssuedCredentials};

/// Operations a browser calls unsigned; the rest of the service needs SigV4.
pub(super) const PUBLIC: &[&str] = &[
    "GetId",
    "GetCredentialsForIdentity",
    "GetOpenIdToken",
    "UnlinkIdentity",
];

/// Seconds enhanced-flow credentials last (Cognito does not let the caller choose).
const CREDENTIALS_SECONDS: i64 = 3600;

fn not_authorized(message: impl Into<String>) -> ApiError {
    ApiError::not_authorized(message)
}

fn pool<'a>(state: &'a AppState, id: &str) -> Result<&'a IdentityPoolConfig, ApiError> {
    state.identity_pools.get(id).ok_or_else(|| {
        ApiError::new(
            "ResourceNotFoundException",
            format!("IdentityPool '{id}' not found."),
        )
    })
}

fn identity(state: &AppState, id: &str) -> Result<Identity, ApiError> {
    state.store.identity(id)?.ok_or_else(|| {
        ApiError::new(
            "ResourceNotFoundException",
            format!("Identity '{id}' not found."),
        )
    })
}

/// A verified login: `<providerName>|<sub>` (what identities are keyed by), the provider key
/// role mappings use (`<providerName>:<aud>`), and the ID token's claims.
struct Login {
    key: String,
    provider: String,
    claims: Map<String, Value>,
}

/// Checks every login of a request as Cognito does: a user-pool ID token of this emulator,
/// from a configured provider (pool and app client), unexpired, its `iss` the provider named;
/// with `ServerSideTokenCheck`, of a user still there, enabled and not signed out.
fn logins(
    state: &AppState,
    pool: &IdentityPoolConfig,
    body: &Value,
) -> Result<Vec<Login>, ApiError> {
    let Some(map) = body["Logins"].as_object() else {
        return Ok(Vec::new());
    };
    if map.len() > 10 {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10",
        ));
    }
    let mut out = Vec::new();
    for (name, token) in map {
        let token = token.as_str().unwrap_or_default();
        let claims = state
            .keys
            .verify_id(token)
            .or_else(|| state.keys.verify_access(token))
            .ok_or_else(|| not_authorized("Invalid login token. Couldn't verify signed token."))?;
        let aud = claims
            .get("aud")
            .and_then(Value::as_str)
            .ok_or_else(|| not_authorized("Invalid login token. Missing a required claim: aud"))?
            .to_owned();
        let iss = claims
            .get("iss")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let pool_id = iss.rsplit('/').next().unwrap_or_default();
        // The key is the provider name; Amplify v6 derives it from `iss` minus the scheme,
        // which for the emulator's tokens is `127.0.0.1:<port>/<poolId>`: both are taken.
        let issuer_key = iss.split_once("://").map_or(iss, |(_, rest)| rest);
        let region = pool_id.split('_').next().unwrap_or_default();
        let provider_name = format!("cognito-idp.{region}.amazonaws.com/{pool_id}");
        if name != &provider_name && name != issuer_key {
            return Err(not_authorized(
                "Invalid login token. Issuer doesn't match providerName",
            ));
        }
        let now = state.now();
        let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
        if exp <= now {
            return Err(not_authorized(format!(
                "Invalid login token. Token expired: {now} >= {exp}"
            )));
        }
        let provider = pool
            .providers
            .iter()
            .find(|p| p.provider_name == provider_name && p.client_id == aud)
            .ok_or_else(|| {
                not_authorized("Token is not from a supported provider of this identity pool.")
            })?;
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if provider.server_side_token_check {
            let origin = claims
                .get("origin_jti")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let username = claims
                .get("cognito:username")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let user = state.store.user_by_username(pool_id, username)?;
            let alive = user.is_some_and(|u| u.sub == sub && u.enabled);
            if !alive || state.store.origin_revoked(origin)? {
                return Err(not_authorized("Not Authorized"));
            }
        }
        out.push(Login {
            key: format!("{provider_name}|{sub}"),
            provider: format!("{provider_name}:{aud}"),
            claims,
        });
    }
    Ok(out)
}

fn new_identity(
    state: &AppState,
    pool: &IdentityPoolConfig,
    logins: Vec<String>,
) -> Result<Identity, ApiError> {
    let region = pool.id.split(':').next().unwrap_or("us-east-1");
    let now = state.now();
    let identity = Identity {
        id: format!("{region}:{}", random::uuid()),
        pool_id: pool.id.clone(),
        logins,
        disabled: false,
        created: now,
        modified: now,
    };
    state.store.put_identity(&identity)?;
    Ok(identity)
}

fn guests_refused() -> ApiError {
    not_authorized("Unauthenticated access is not supported for this identity pool.")
}

pub(super) fn get_id(state: &AppState, body: &Value) -> Action {
    let pool = pool(state, required_str(body, "IdentityPoolId")?)?;
    let logins = logins(state, pool, body)?;
    if logins.is_empty() {
        // A new guest every time (an empty map too, which Amplify sends): callers keep it.
        if !pool.allow_unauthenticated {
            return Err(guests_refused());
        }
        return Ok(json!({"IdentityId": new_identity(state, pool, Vec::new())?.id}));
    }
    // The identity already linked to one of the logins, or a new one linking them all.
    for login in &logins {
        if let Some(id) = state.store.identity_of_login(&pool.id, &login.key)? {
            return Ok(json!({"IdentityId": id}));
        }
    }
    let keys = logins.into_iter().map(|l| l.key).collect();
    Ok(json!({"IdentityId": new_identity(state, pool, keys)?.id}))
}

/// The identity a request may use, after linking and merging its logins into it: a login
/// linked nowhere joins it; a login of another identity makes that one the owner (this one, a
/// guest, is disabled and its id answers `forbidden` from then on).
fn usable_identity(
    state: &AppState,
    pool: &IdentityPoolConfig,
    mut identity: Identity,
    logins: &[Login],
) -> Result<Identity, ApiError> {
    let forbidden = |id: &str| not_authorized(format!("Access to Identity '{id}' is forbidden."));
    if identity.disabled {
        return Err(forbidden(&identity.id));
    }
    if logins.is_empty() {
        if !identity.logins.is_empty() {
            return Err(not_authorized(
                "Logins don't match. Please include at least one valid login for this identity or identity pool.",
            ));
        }
        if !pool.allow_unauthenticated {
            return Err(guests_refused());
        }
        return Ok(identity);
    }
    let now = state.now();
    for login in logins {
        match state.store.identity_of_login(&pool.id, &login.key)? {
            Some(owner) if owner == identity.id => {}
            Some(owner) => {
                // Merged: the owner keeps every login, the other is disabled.
                let mut owner = self::identity(state, &owner)?;
                for key in identity.logins.drain(..) {
                    if !owner.logins.contains(&key) {
                        owner.logins.push(key);
                    }
                }
                identity.disabled = true;
                identity.modified = now;
                state.store.put_identity(&identity)?;
                owner.modified = now;
                state.store.put_identity(&owner)?;
                identity = owner;
            }
            None => {
                identity.logins.push(login.key.clone());
                identity.modified = now;
                state.store.put_identity(&identity)?;
            }
        }
    }
    Ok(identity)
}

pub(super) fn get_credentials_for_identity(state: &AppState, body: &Value) -> Action {
    let found = identity(state, required_str(body, "IdentityId")?)?;
    let pool = pool(state, &found.pool_id)?;
    let logins = logins(state, pool, body)?;
    let identity = usable_identity(state, pool, found, &logins)?;
    let custom = body["CustomRoleArn"].as_str();
    let refused = |r: RoleRefusal| match r {
        RoleRefusal::NoRole => ApiError::new(
            "InvalidIdentityPoolConfigurationException",
            "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        ),
        RoleRefusal::Denied(provider) => not_authorized(format!(
            "The ambiguous role mapping rules for: {provider} denied this request."
        )),
    };
    let role = match logins.first() {
        None => pool.unauthenticated_role.clone().ok_or(RoleRefusal::NoRole),
        Some(login) => pool.role_for(&login.provider, &login.claims, custom),
    }
    .map_err(refused)?;
    let credentials = credentials(state, pool, &identity, role, !logins.is_empty())?;
    Ok(json!({"IdentityId": identity.id, "Credentials": credentials}))
}

/// Random credentials in AWS's shapes, recorded with whom they were issued for.
fn credentials(
    state: &AppState,
    pool: &IdentityPoolConfig,
    identity: &Identity,
    role_arn: String,
    authenticated: bool,
) -> Result<Value, ApiError> {
    const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let key: String = random::bytes(16)
        .iter()
        .map(|b| char::from(UPPER[usize::from(*b) % UPPER.len()]))
        .collect();
    let b64 = base64::engine::general_purpose::STANDARD;
    let secret: String = b64.encode(random::bytes(30));
    let session = b64.encode(random::bytes(96));
    let issued = IssuedCredentials {
        access_key_id: format!("ASIA{key}"),
        identity_id: identity.id.clone(),
        identity_pool_id: pool.id.clone(),
        role_arn,
        authenticated,
        expiration: state.now() + CREDENTIALS_SECONDS,
    };
    state.store.put_credentials(&issued)?;
    Ok(json!({
        "AccessKeyId": issued.access_key_id,
        "SecretKey": secret,
        "SessionToken": session,
        "Expiration": issued.expiration,
    }))
}

pub(super) fn get_open_id_token(state: &AppState, body: &Value) -> Action {
    let found = identity(state, required_str(body, "IdentityId")?)?;
    let pool = pool(state, &found.pool_id)?;
    if !pool.allow_classic_flow {
        return Err(ApiError::invalid(
            "Basic (classic) flow is not enabled, please use enhanced flow.",
        ));
    }
    let logins = logins(state, pool, body)?;
    let identity = usable_identity(state, pool, found, &logins)?;
    let mut amr = vec![json!(if logins.is_empty() {
        "unauthenticated"
    } else {
        "authenticated"
    })];
    for login in &logins {
        let (provider, sub) = login.key.split_once('|').unwrap_or((&login.key, ""));
        amr.push(json!(provider));
        amr.push(json!(format!("{provider}:CognitoSignIn:{sub}")));
    }
    let now = state.now();
    let claims = Map::from_iter([
        ("sub".to_owned(), json!(identity.id)),
        ("aud".to_owned(), json!(pool.id)),
        (
            "iss".to_owned(),
            json!(format!("{}/cognito-identity", state.base_url)),
        ),
        ("amr".to_owned(), Value::from(amr)),
        ("iat".to_owned(), json!(now)),
        ("exp".to_owned(), json!(now + 600)),
    ]);
    Ok(json!({"IdentityId": identity.id, "Token": state.keys.sign_open_id(&claims)}))
}

pub(super) fn unlink_identity(state: &AppState, body: &Value) -> Action {
    let mut found = identity(state, required_str(body, "IdentityId")?)?;
    let pool = pool(state, &found.pool_id)?;
    let logins = logins(state, pool, body)?;
    if logins.is_empty() || !logins.iter().all(|l| found.logins.contains(&l.key)) {
        return Err(not_authorized(
            "Logins don't match. Please include at least one valid login for this identity or identity pool.",
        ));
    }
    let remove: Vec<&str> = body["LoginsToRemove"]
        .as_array()
        .ok_or_else(|| ApiError::invalid("LoginsToRemove is required."))?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    found.logins.retain(|key| {
        let provider = key.split_once('|').map_or(key.as_str(), |(p, _)| p);
        !remove.contains(&provider)
    });
    found.modified = state.now();
    state.store.put_identity(&found)?;
    Ok(json!({}))
}

fn pool_type(pool: &IdentityPoolConfig) -> Value {
    let providers: Vec<Value> = pool
        .providers
        .iter()
        .map(|p| {
            json!({"ProviderName": p.provider_name, "ClientId": p.client_id,
                   "ServerSideTokenCheck": p.server_side_token_check})
        })
        .collect();
    json!({
        "IdentityPoolId": pool.id,
        "IdentityPoolName": pool.name,
        "AllowUnauthenticatedIdentities": pool.allow_unauthenticated,
        "AllowClassicFlow": pool.allow_classic_flow,
        "CognitoIdentityProviders": providers,
    })
}

pub(super) fn describe_identity_pool(state: &AppState, body: &Value) -> Action {
    Ok(pool_type(pool(
        state,
        required_str(body, "IdentityPoolId")?,
    )?))
}

pub(super) fn get_identity_pool_roles(state: &AppState, body: &Value) -> Action {
    let pool = pool(state, required_str(body, "IdentityPoolId")?)?;
    let mut roles = Map::new();
    if let Some(r) = &pool.authenticated_role {
        roles.insert("authenticated".into(), json!(r));
    }
    if let Some(r) = &pool.unauthenticated_role {
        roles.insert("unauthenticated".into(), json!(r));
    }
    let mappings: Map<String, Value> = pool
        .role_mappings
        .iter()
        .map(|(provider, m)| {
            let resolution = if m.ambiguous_to_authenticated { "AuthenticatedRole" } else { "Deny" };
            let mapping = match &m.mapping {
                cognito_protocol::identity::MappingType::Token => {
                    json!({"Type": "Token", "AmbiguousRoleResolution": resolution})
                }
                cognito_protocol::identity::MappingType::Rules(rules) => {
                    let rules: Vec<Value> = rules
                        .iter()
                        .map(|r| json!({"Claim": r.claim, "MatchType": r.match_type.as_str(), "Value": r.value, "RoleARN": r.role_arn}))
                        .collect();
                    json!({"Type": "Rules", "AmbiguousRoleResolution": resolution, "RulesConfiguration": {"Rules": rules}})
                }
            };
            (provider.clone(), mapping)
        })
        .collect();
    Ok(json!({"IdentityPoolId": pool.id, "Roles": roles, "RoleMappings": mappings}))
}

/// `MaxResults` (1..60) as Cognito checks it.
fn max_results(body: &Value) -> Result<usize, ApiError> {
    match body["MaxResults"].as_u64() {
        Some(n @ 1..=60) => Ok(n as usize),
        _ => Err(ApiError::invalid(
            "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60",
        )),
    }
}

/// A page of `items` after `NextToken` (the index where the page starts).
fn page<T>(items: Vec<T>, body: &Value, max: usize) -> (Vec<T>, Option<String>) {
    let start: usize = body["NextToken"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(start).take(max).collect();
    let next = (start + page.len() < total).then(|| (start + page.len()).to_string());
    (page, next)
}

pub(super) fn list_identity_pools(state: &AppState, body: &Value) -> Action {
    let max = max_results(body)?;
    let all: Vec<Value> = state
        .identity_pools
        .values()
        .map(|p| json!({"IdentityPoolId": p.id, "IdentityPoolName": p.name}))
        .collect();
    let (pools, next) = page(all, body, max);
    let mut out = json!({"IdentityPools": pools});
    if let Some(next) = next {
        out["NextToken"] = json!(next);
    }
    Ok(out)
}

fn identity_type(i: &Identity) -> Value {
    let providers: Vec<&str> = i
        .logins
        .iter()
        .map(|k| k.split_once('|').map_or(k.as_str(), |(p, _)| p))
        .collect();
    json!({"IdentityId": i.id, "Logins": providers, "CreationDate": i.created, "LastModifiedDate": i.modified})
}

pub(super) fn describe_identity(state: &AppState, body: &Value) -> Action {
    Ok(identity_type(&identity(
        state,
        required_str(body, "IdentityId")?,
    )?))
}

pub(super) fn list_identities(state: &AppState, body: &Value) -> Action {
    let pool = pool(state, required_str(body, "IdentityPoolId")?)?;
    let max = max_results(body)?;
    let hide_disabled = body["HideDisabled"].as_bool().unwrap_or(false);
    let all: Vec<Value> = state
        .store
        .identities(&pool.id)?
        .iter()
        .filter(|i| !(hide_disabled && i.disabled))
        .map(identity_type)
        .collect();
    let (identities, next) = page(all, body, max);
    let mut out = json!({"IdentityPoolId": pool.id, "Identities": identities});
    if let Some(next) = next {
        out["NextToken"] = json!(next);
    }
    Ok(out)
}

pub(super) fn delete_identities(state: &AppState, body: &Value) -> Action {
    let ids = body["IdentityIdsToDelete"]
        .as_array()
        .filter(|a| (1..=60).contains(&a.len()))
        .ok_or_else(|| ApiError::invalid("IdentityIdsToDelete must list 1 to 60 identity ids."))?;
    // An id that names nothing is not an error: it is gone either way.
    for id in ids.iter().filter_map(Value::as_str) {
        state.store.delete_identity(id)?;
    }
    Ok(json!({"UnprocessedIdentityIds": []}))
}

/// `/_emulator/credentials`: every key issued (or only `key`), with its identity and role (not
/// its secret).
pub(crate) fn issued(state: &AppState, key: Option<&str>) -> Result<Value, ApiError> {
    let mut issued = state.store.issued_credentials()?;
    if let Some(key) = key {
        issued.retain(|c| c.access_key_id == key);
    }
    Ok(json!({"credentials": issued}))
}
