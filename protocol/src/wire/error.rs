//! Cognito's error answer (`{"__type", "message"}`) as one typed value, and the first step of
//! reading any response: success body or error.

use crate::json::{self, Value};

/// Declares [`ErrorKind`] and its names once, so parsing and printing cannot drift apart.
macro_rules! error_kinds {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What went wrong, from `__type`. Words for the user come from a catalogue keyed by
        /// this kind, not from Cognito's message.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $($(#[$doc])* #[doc = concat!("`", $name, "`")] $variant,)*
            /// An error name this crate does not know, kept as sent (without any `#` prefix).
            Other(String),
            /// Not a Cognito answer: a body that is not JSON, an error without `__type`, or a
            /// success body missing what the operation returns (a proxy page, a wrong endpoint).
            MalformedResponse,
        }

        impl ErrorKind {
            /// The kind for an `__type` name such as `NotAuthorizedException`.
            pub fn from_name(name: &str) -> Self {
                match name {
                    $($name => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }

            /// The `__type` name; empty for [`ErrorKind::MalformedResponse`].
            pub fn name(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Other(name) => name,
                    Self::MalformedResponse => "",
                }
            }
        }
    };
}

error_kinds! {
    UserNotFound => "UserNotFoundException",
    NotAuthorized => "NotAuthorizedException",
    UserNotConfirmed => "UserNotConfirmedException",
    UsernameExists => "UsernameExistsException",
    InvalidPassword => "InvalidPasswordException",
    PasswordHistoryPolicyViolation => "PasswordHistoryPolicyViolationException",
    InvalidParameter => "InvalidParameterException",
    CodeMismatch => "CodeMismatchException",
    ExpiredCode => "ExpiredCodeException",
    LimitExceeded => "LimitExceededException",
    TooManyRequests => "TooManyRequestsException",
    TooManyFailedAttempts => "TooManyFailedAttemptsException",
    PasswordResetRequired => "PasswordResetRequiredException",
    AliasExists => "AliasExistsException",
    CodeDeliveryFailure => "CodeDeliveryFailureException",
    ResourceNotFound => "ResourceNotFoundException",
    RefreshTokenReuse => "RefreshTokenReuseException",
    InvalidLambdaResponse => "InvalidLambdaResponseException",
    UserLambdaValidation => "UserLambdaValidationException",
    UnexpectedLambda => "UnexpectedLambdaException",
    InvalidUserPoolConfiguration => "InvalidUserPoolConfigurationException",
    OperationNotEnabled => "OperationNotEnabledException",
    Forbidden => "ForbiddenException",
    Unauthorized => "UnauthorizedException",
    UnsupportedOperation => "UnsupportedOperationException",
    UnsupportedTokenType => "UnsupportedTokenTypeException",
    UnsupportedUserState => "UnsupportedUserStateException",
    UnknownOperation => "UnknownOperationException",
    InternalError => "InternalErrorException",
    EnableSoftwareTokenMfa => "EnableSoftwareTokenMFAException",
    SoftwareTokenMfaNotFound => "SoftwareTokenMFANotFoundException",
}

/// One error answer from Cognito (or from something that was not Cognito).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {message}")]
pub struct CognitoError {
    /// The kind, for matching.
    pub kind: ErrorKind,
    /// `__type` after any `com.amazonaws…#` prefix; empty when there was none.
    pub name: String,
    /// Cognito's `message` (or `Message`), meant for logs.
    pub message: String,
}

impl CognitoError {
    /// An error for a known or unknown `__type` name.
    pub fn new(name: &str, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::from_name(name),
            name: name.to_owned(),
            message: message.into(),
        }
    }

    /// A [`ErrorKind::MalformedResponse`] saying what was wrong.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::MalformedResponse,
            name: String::new(),
            message: message.into(),
        }
    }
}

/// How much of a non-Cognito body an error message quotes.
const QUOTED_CHARS: usize = 120;

/// Splits an HTTP answer: a 2xx status gives the JSON body (`{}` when empty), anything else a
/// [`CognitoError`] read from `__type`. Never panics, whatever the body.
pub fn parse_response(status: u16, body: &str) -> Result<Value, CognitoError> {
    let json = if body.trim().is_empty() {
        Ok(Value::Object(Default::default()))
    } else {
        json::parse(body)
    };
    if (200..300).contains(&status) {
        return json.map_err(|e| CognitoError::malformed(format!("HTTP {status}: {e}")));
    }
    let Ok(json) = json else {
        let quoted: String = body.chars().take(QUOTED_CHARS).collect();
        return Err(CognitoError::malformed(format!(
            "HTTP {status}, not JSON: {quoted}"
        )));
    };
    // A request Cognito could not route answers with the error wrapped in "Output".
    let fields = match json.get("Output") {
        Some(output) if json.get("__type").is_none() && output.get("__type").is_some() => output,
        _ => &json,
    };
    let message = fields
        .get("message")
        .or_else(|| fields.get("Message"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = fields
        .get("__type")
        .and_then(Value::as_str)
        .map(short_name)
        .unwrap_or_default();
    if name.is_empty() {
        return Err(CognitoError::malformed(format!(
            "HTTP {status} without an error type: {message}"
        )));
    }
    Err(CognitoError::new(name, message))
}

/// `com.amazonaws.cognito.identity.idp.model#NotAuthorizedException` → `NotAuthorizedException`;
/// a trailing `:…` (as in the `x-amzn-ErrorType` header) is dropped too.
fn short_name(raw: &str) -> &str {
    let after_hash = raw.rsplit_once('#').map_or(raw, |(_, name)| name);
    after_hash
        .split_once(':')
        .map_or(after_hash, |(name, _)| name)
        .trim()
}
