//! What the host page hears: DOM `CustomEvent`s that bubble from the widget's card.
//! `cognito-widget:signed-in` (detail: the session, see [`session_json`]),
//! `cognito-widget:tokens-refreshed` (detail: the session again, with the new tokens),
//! `cognito-widget:signed-out` (detail: `{reason}`: `user`, `everywhere`, `expired`, `revoked`,
//! `other-tab`, `deleted`), `cognito-widget:error` (detail: `{name, message}`, the message in the
//! catalogue's plain words), `cognito-widget:attributes-updated` (detail: `{attributes}`, the
//! user's attributes once a change is saved or an address verified; `tokens-refreshed` comes
//! first, with tokens that carry them), `cognito-widget:account-deleted` (detail:
//! `{username}`; `signed-out` with reason `deleted` comes first) and
//! `cognito-widget:credentials` (detail: AWS credentials from the configuration's identity
//! pool, after each sign-in, token refresh and renewal: `ui/credentials.rs`).

use cognito_protocol::json::Value;
use wasm_bindgen::JsValue;

use super::credentials::Credentials;
use crate::config::Config;
use crate::error::AuthError;
use crate::messages::{explain, Language};
use crate::runtime::{claims_of, Storage};
use crate::session::SignOutReason;

/// A session as the host sees it: a Leptos host's [`SessionEvent`], read from the DOM events'
/// detail (see [`session_json`]). No `Debug`: it holds tokens, and nothing logged may.
#[derive(Clone, PartialEq)]
pub struct Session {
    /// The Cognito username.
    pub username: String,
    /// The ID token's claims.
    pub claims: Value,
    pub id_token: String,
    pub access_token: String,
    /// When the access token expires: Unix seconds of Cognito's clock.
    pub expires_at: Option<i64>,
    /// Only when the configuration opts in (`expose_refresh_token`).
    pub refresh_token: Option<String>,
}

/// What a Leptos host hears through `Authenticator`'s `on_event`: the DOM events, typed.
#[derive(Clone, PartialEq)]
pub enum SessionEvent {
    /// Someone signed in (here, or in another tab: then the user the other tab signed in).
    SignedIn(Session),
    /// The same user's tokens were refreshed (here or in another tab).
    TokensRefreshed(Session),
    /// Nobody is signed in any more, for this reason.
    SignedOut(SignOutReason),
    /// Something failed: the error's name and its plain words in the widget's language.
    Error { name: String, message: String },
    /// The user saved changes to their attributes or verified an address: all their
    /// attributes now (`{"email": …, "email_verified": "true", …}`).
    AttributesUpdated(Value),
    /// The user deleted their account.
    AccountDeleted { username: String },
    /// AWS credentials from the identity pool: after each sign-in, token refresh and renewal,
    /// and for a guest who asked (`Widget::credentials`).
    Credentials(Credentials),
}

impl SessionEvent {
    /// The DOM event `cognito-widget:<name>` with `detail`, typed (one source for both).
    pub(super) fn of_dom(
        name: &str,
        detail: &Value,
        reason: Option<SignOutReason>,
    ) -> Option<Self> {
        let text = |key: &str| detail[key].as_str().unwrap_or_default().to_owned();
        let session = || Session {
            username: text("username"),
            claims: detail["claims"].clone(),
            id_token: text("idToken"),
            access_token: text("accessToken"),
            expires_at: detail["expiresAt"].as_i64(),
            refresh_token: detail["refreshToken"].as_str().map(str::to_owned),
        };
        Some(match name {
            "signed-in" => Self::SignedIn(session()),
            "tokens-refreshed" => Self::TokensRefreshed(session()),
            "signed-out" => Self::SignedOut(reason?),
            "attributes-updated" => Self::AttributesUpdated(detail["attributes"].clone()),
            "account-deleted" => Self::AccountDeleted {
                username: text("username"),
            },
            "credentials" => Self::Credentials(Credentials::from_json(detail)?),
            _ => Self::Error {
                name: text("name"),
                message: text("message"),
            },
        })
    }
}

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
pub(crate) fn error_detail(error: &AuthError, language: Language) -> Value {
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
