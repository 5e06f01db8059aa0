//! `cognito-protocol`: what a browser client and a local server must agree on to speak Amazon
//! Cognito's user-pool API, with no I/O of its own.
//!
//! | module | holds |
//! |---|---|
//! | [`wire`] | requests (`X-Amz-Target` + JSON body), typed responses, [`CognitoError`] |
//! | [`srp`] | both halves of Cognito's SRP, the TIMESTAMP text |
//! | [`base64`] | base64 as Cognito and JWTs use it |
//! | [`secret_hash`] | `SECRET_HASH` for app clients with a secret |
//! | [`identity`] | identity pools: configuration and role resolution |
//! | [`ids`] | [`UserPoolId`] (region, pool name) |
//! | [`json`] | a small JSON value, parser and writer (no serde in the browser) |
//! | [`pool`] | the pool and app-client model |
//! | [`mfa`] | second factors, device settings, which MFA step a sign-in takes |
//! | [`totp`] | TOTP codes and secrets (software-token MFA) |
//! | [`attributes`] | attribute value rules: the widget's live checks, the emulator's |
//! | [`password_policy`] | password rules: the widget's checklist, the emulator's check |
//! | [`secret`] | redacted newtypes for passwords, tokens and keys |
//! | [`widget_config`] | the widget's configuration file (amplify_outputs.json + extras) |
//!
//! Randomness and time are arguments: the SRP client takes its `a`, the server its `b`, and
//! both take Unix seconds, so every exchange can be replayed in tests.

pub mod attributes;
pub mod base64;
#[cfg(feature = "server")]
pub mod identity;
pub mod ids;
pub mod json;
pub mod mfa;
pub mod password_policy;
pub mod pool;
pub mod secret;
pub mod secret_hash;
pub mod srp;
pub mod totp;
pub mod widget_config;
pub mod wire;

pub use ids::UserPoolId;
pub use secret::{
    AccessToken, AwsSecret, ClientSecret, IdToken, Password, RefreshToken, SecretExponent,
};
pub use wire::{CognitoError, ErrorKind};
