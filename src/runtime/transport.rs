//! POSTs a [`Request`] to Cognito's JSON endpoint and hands back the status, the body and the
//! server's clock (the `Date` header Cognito exposes to browsers) for SRP's TIMESTAMP.

use cognito_protocol::wire::{Request, CONTENT_TYPE};

use crate::error::AuthError;

/// One answer from Cognito.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
    /// The server's `Date`, in Unix seconds, when it sent one.
    pub server_time: Option<i64>,
}

/// A failed fetch in the browser's own words (`TypeError: Failed to fetch`). Matching, not
/// `Display`, so that gloo-net's JSON error formatting is not linked in.
pub fn fetch_failure(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.to_string(),
        gloo_net::Error::GlooError(text) => text,
        _ => "the browser could not read the answer".into(),
    }
}

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transport {
    endpoint: String,
}

impl Transport {
    /// Requests go to `endpoint` (ending in `/`).
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
        }
    }

    /// Sends `request`; a failure to connect is [`AuthError::Network`].
    pub async fn send(&self, request: &Request) -> Result<Answer, AuthError> {
        let response = gloo_net::http::Request::post(&self.endpoint)
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Target", request.target)
            .body(request.body.to_string())
            .map_err(|e| AuthError::Network(fetch_failure(e)))?
            .send()
            .await
            .map_err(|e| AuthError::Network(fetch_failure(e)))?;
        let server_time = response
            .headers()
            .get("date")
            .and_then(|d| {
                js_sys::Date::parse(&d)
                    .is_finite()
                    .then(|| js_sys::Date::parse(&d))
            })
            .map(|ms| (ms / 1000.0) as i64);
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| AuthError::Network(fetch_failure(e)))?;
        Ok(Answer {
            status,
            body,
            server_time,
        })
    }
}
