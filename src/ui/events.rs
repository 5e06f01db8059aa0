//! What the host page hears: DOM `CustomEvent`s that bubble from the widget's card.
//! `cognito-widget:signed-in` (detail: the session, see [`session_json`]),
//! `cognito-widget:tokens-refreshed` (detail: the session again, with the new tokens),
//! `cognito-widget:signed-out` (detail: `{reason}`: `user`, `everywhere`, `expired`, `revoked`,
//! `other-tab`), `cognito-widget:error` (detail: `{name, message}`, the message in the
//! catalogue's plain words).

use cognito_protocol::json::Value;
use wasm_bindgen::JsValue;

use crate::config::Config;
use crate::error::AuthError;
use crate::messages::{explain, Language};
use crate::runtime::{claims_of, Storage};

/// The stored session as the host sees it: username, ID-token claims, the ID and access
/// tokens and when the access token expires (`expiresAt`, Unix seconds of Cognito's clock);
/// the refresh token only when the configuration opts in (`expose_refresh_token`).
pub(crate) fn session_json(config: &Config, storage: &Storage) -> Option<Value> {
    let stored = storage.load(&config.client_id).ok()??;
    let refresh = stored
        .refresh_token
        .as_ref()
        .filter(|_| config.expose_refresh_token)
        .map(|t| t.secret());
    Some(Value::object([
        ("username", stored.username.into()),
        ("claims", claims_of(stored.id_token.secret())),
        ("idToken", stored.id_token.secret().into()),
        ("accessToken", stored.access_token.secret().into()),
        ("expiresAt", expires_at(stored.access_token.secret())),
        ("refreshToken", refresh.into()),
    ]))
}

fn expires_at(jwt: &str) -> Value {
    claims_of(jwt).get("exp").cloned().unwrap_or(Value::Null)
}

/// Dispatches `cognito-widget:<name>` with `detail` from `target`, bubbling and composed.
pub(super) fn dispatch(target: &web_sys::Element, name: &str, detail: &Value) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
    init.set_detail(&detail);
    if let Ok(event) =
        web_sys::CustomEvent::new_with_event_init_dict(&format!("cognito-widget:{name}"), &init)
    {
        let _ = target.dispatch_event(&event);
    }
}

/// The `error` event's detail.
pub(super) fn error_detail(error: &AuthError, language: Language) -> Value {
    let name = match error {
        AuthError::Cognito(e) => e.name.clone(),
        AuthError::Network(_) => "NetworkError".into(),
        AuthError::Timeout => "TimeoutError".into(),
        AuthError::Srp(_) => "SrpError".into(),
        AuthError::Storage(_) => "StorageError".into(),
        AuthError::Config(_) => "ConfigError".into(),
    };
    Value::object([
        ("name", name.into()),
        ("message", explain(error, language).text.into()),
    ])
}
