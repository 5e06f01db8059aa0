//! The emulator's own pages and the per-pool OpenID documents.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cognito_protocol::pool::{ClientConfig, PoolConfig};
use cognito_protocol::widget_config::WidgetConfig;
use cognito_protocol::wire::identity::provider_name;
use serde_json::{json, Value};

use super::error::ApiError;
use crate::state::AppState;

pub(super) async fn jwks(State(state): State<Arc<AppState>>, Path(pool): Path<String>) -> Response {
    match state.pool(&pool) {
        Ok(_) => Json(state.keys.jwks()).into_response(),
        Err(e) => e.into_response(),
    }
}

pub(super) async fn openid_configuration(
    State(state): State<Arc<AppState>>,
    Path(pool): Path<String>,
) -> Response {
    if let Err(e) = state.pool(&pool) {
        return e.into_response();
    }
    let issuer = state.issuer(&pool);
    Json(json!({
        "authorization_endpoint": issuer,
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
        "response_types_supported": ["code", "id_token", "token id_token", "none"],
        "subject_types_supported": ["public"],
    }))
    .into_response()
}

pub(super) async fn outbox(State(state): State<Arc<AppState>>) -> Response {
    match state.store.outbox() {
        Ok(messages) => Json(messages).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// Every credential the identity pools issued: key id, identity, role, expiry (no secrets);
/// `?access_key_id=ASIA…` keeps only that key's.
pub(super) async fn credentials(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    // Key ids are letters and digits: nothing in the query needs decoding.
    let key = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("access_key_id="));
    match super::identity::issued(&state, key) {
        Ok(list) => Json(list).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Every identity pool, as `DescribeIdentityPool` describes it, with its roles: where an app
/// finds the id to configure.
pub(super) async fn identity_pools(State(state): State<Arc<AppState>>) -> Response {
    let pools: Vec<Value> = state
        .identity_pools
        .values()
        .map(|p| {
            serde_json::json!({
                "IdentityPoolId": p.id,
                "IdentityPoolName": p.name,
                "AllowUnauthenticatedIdentities": p.allow_unauthenticated,
                "CognitoIdentityProviders": p.providers.iter().map(|c| serde_json::json!({
                    "ProviderName": c.provider_name, "ClientId": c.client_id,
                })).collect::<Vec<_>>(),
                "Roles": {"authenticated": p.authenticated_role, "unauthenticated": p.unauthenticated_role},
            })
        })
        .collect();
    Json(serde_json::json!({"identity_pools": pools})).into_response()
}

/// Every pool with its clients, each with a ready widget configuration (amplify_outputs.json
/// form, plus the endpoint to use instead of Cognito's).
pub(super) async fn pools(State(state): State<Arc<AppState>>) -> Response {
    let pools: Vec<Value> = state
        .pools
        .values()
        .map(|pool| {
            let clients: Vec<Value> = state
                .clients
                .values()
                .filter(|c| c.config.pool_id == pool.id)
                .map(|c| {
                    let endpoint = Some(format!("{}/", state.base_url));
                    json!({
                        "client": c.config,
                        "widget_config": widget_json(&client_config(&state, pool, &c.config, endpoint)),
                    })
                })
                .collect();
            json!({"pool": pool, "clients": clients})
        })
        .collect();
    Json(json!({"pools": pools})).into_response()
}

/// The widget configuration of a pool's first client; the pool by name or id. A page can point
/// `<cognito-widget config="…">` straight at it.
pub(super) async fn widget_config(
    State(state): State<Arc<AppState>>,
    Path(pool): Path<String>,
) -> Response {
    let found = state
        .pools
        .values()
        .find(|p| p.id == pool || p.name == pool);
    let client = found.and_then(|p| state.clients.values().find(|c| c.config.pool_id == p.id));
    match (found, client) {
        (Some(p), Some(c)) => {
            let endpoint = Some(format!("{}/", state.base_url));
            Json(widget_json(&client_config(&state, p, &c.config, endpoint))).into_response()
        }
        _ => ApiError::new(
            "ResourceNotFoundException",
            format!("No pool {pool} with a client."),
        )
        .into_response(),
    }
}

/// The widget configuration for `client`, with the identity pool that takes its users' tokens
/// (the first, by id, when several do), so the widget can get AWS credentials.
fn client_config(
    state: &AppState,
    pool: &PoolConfig,
    client: &ClientConfig,
    endpoint: Option<String>,
) -> WidgetConfig {
    let mut config = WidgetConfig::for_client(pool, client, endpoint);
    let provider = provider_name(&pool.id);
    let identity_pool = state.identity_pools.values().find(|ip| {
        ip.providers
            .iter()
            .any(|p| p.client_id == client.id && p.provider_name == provider)
    });
    if let (Some(ip), Some(outputs)) = (identity_pool, config.amplify_outputs.as_mut()) {
        outputs.auth.identity_pool_id = Some(ip.id.clone());
        outputs.auth.unauthenticated_identities_enabled = Some(ip.allow_unauthenticated);
    }
    config
}

/// The widget configuration in its one JSON form (cognito-protocol writes it without serde).
fn widget_json(config: &WidgetConfig) -> Value {
    serde_json::from_str(&config.to_json().to_string()).unwrap_or(Value::Null)
}
