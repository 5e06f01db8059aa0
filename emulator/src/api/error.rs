//! The error a client sees: HTTP 400 with `{"__type", "message"}`, like Cognito.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::StoreError;

/// One Cognito error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// `__type`, such as `NotAuthorizedException`.
    pub kind: &'static str,
    /// Cognito's message text.
    pub message: String,
    /// HTTP status: 400, 500 for `InternalErrorException`, or what [`ApiError::with_status`] says.
    pub status: StatusCode,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        let status = if kind == "InternalErrorException" {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::BAD_REQUEST
        };
        Self {
            kind,
            message: message.into(),
            status,
        }
    }

    /// The same error with another HTTP status.
    pub fn with_status(self, status: StatusCode) -> Self {
        Self { status, ..self }
    }

    /// `InvalidParameterException`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new("InvalidParameterException", message)
    }

    /// `NotAuthorizedException`.
    pub fn not_authorized(message: impl Into<String>) -> Self {
        Self::new("NotAuthorizedException", message)
    }

    /// `UserNotFoundException: User does not exist.`
    pub fn user_not_found() -> Self {
        Self::new("UserNotFoundException", "User does not exist.")
    }

    /// `ResourceNotFoundException` for an unknown app client.
    pub fn no_client(client_id: &str) -> Self {
        Self::new(
            "ResourceNotFoundException",
            format!("User pool client {client_id} does not exist."),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        // The floor under the actions' own checks: a name another user holds.
        if e.is_taken() {
            return Self::new(
                "AliasExistsException",
                "An account with the given email or phone number already exists.",
            );
        }
        Self::new("InternalErrorException", e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({"__type": self.kind, "message": self.message})),
        )
            .into_response();
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&format!("{}:", self.kind)) {
            headers.insert("x-amzn-ErrorType", v);
        }
        if let Ok(v) = HeaderValue::from_str(&self.message) {
            headers.insert("x-amzn-ErrorMessage", v);
        }
        response
    }
}
