//! The widget's one error type. What the user reads comes from the catalogue in
//! `messages.rs`, keyed by the error, never from `Display` or the server's text.

use cognito_protocol::wire::{CognitoError, ErrorKind};

/// Everything that can go wrong between a submit and its outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthError {
    /// The request did not reach Cognito or its answer did not come back.
    Network(String),
    /// Cognito did not answer within the configured time (the request was abandoned).
    Timeout,
    /// Cognito answered with an error.
    Cognito(CognitoError),
    /// The SRP challenge could not be answered (a malformed or hostile challenge).
    Srp(String),
    /// Browser storage refused to read or write.
    Storage(String),
    /// The widget's configuration is unusable.
    Config(String),
}

impl AuthError {
    /// The technical detail, for a developer reading the page or the console (the user's
    /// words come from the catalogue).
    pub fn detail(&self) -> &str {
        match self {
            Self::Cognito(e) => &e.message,
            Self::Network(why) | Self::Srp(why) | Self::Storage(why) | Self::Config(why) => why,
            Self::Timeout => "no answer in time",
        }
    }

    /// The Cognito error kind, if Cognito answered.
    pub fn cognito_kind(&self) -> Option<ErrorKind> {
        match self {
            Self::Cognito(e) => Some(e.kind.clone()),
            _ => None,
        }
    }
}
