//! The emulator's own pages and the per-pool OpenID documents.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
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
                    let policy = &pool.password_policy;
                    let required: Vec<&str> = pool
                        .schema
                        .iter()
                        .filter(|a| a.required && a.name != "sub" && !a.name.contains(':'))
                        .map(|a| a.name.as_str())
                        .collect();
                    let username_attributes: Vec<&str> = if pool.username_attributes.is_empty() {
                        vec!["username"]
                    } else {
                        pool.username_attributes.iter().map(|a| a.name()).collect()
                    };
                    let verification: Vec<&str> = pool
                        .auto_verified_attributes
                        .iter()
                        .map(|a| a.name())
                        .collect();
                    json!({
                        "client": c.config,
                        "widget_config": {
                            "endpoint": format!("{}/", state.base_url),
                            "amplify_outputs": {
                                "version": "1.4",
                                "auth": {
                                    "aws_region": pool.id.split('_').next().unwrap_or_default(),
                                    "user_pool_id": pool.id,
                                    "user_pool_client_id": c.config.id,
                                    "password_policy": {
                                        "min_length": policy.minimum_length,
                                        "require_lowercase": policy.require_lowercase,
                                        "require_uppercase": policy.require_uppercase,
                                        "require_numbers": policy.require_numbers,
                                        "require_symbols": policy.require_symbols,
                                    },
                                    "standard_required_attributes": required,
                                    "username_attributes": username_attributes,
                                    "user_verification_types": verification,
                                }
                            }
                        }
                    })
                })
                .collect();
            json!({"pool": pool, "clients": clients})
        })
        .collect();
    Json(json!({"pools": pools})).into_response()
}
