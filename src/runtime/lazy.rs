//! The runtime's split points (see `crate::split`). Chunk `rare`: the effects of signing up,
//! a new password and a password reset, which a returning user does not need; their steps'
//! views are in the same chunk (`ui/lazy.rs`). Chunk `srp`: sign-in's SRP, which the first
//! screen does not need; the card fetches it once that screen shows (`load_srp`).
//!
//! `wasm_split` links each function through an `extern "C"` import and export pair, hence the
//! unsafe code and the non-FFI types it carries; both ends are this crate, built by one
//! compiler, so the layouts agree.
#![allow(unsafe_code, improper_ctypes, improper_ctypes_definitions)]

use std::future::Future;
use std::pin::Pin;

use super::sign_in::{srp_sign_in, Outcome};
use super::transport::Transport;
use super::Storage;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};
use cognito_protocol::Password;

/// An effect's work, as a split point hands it back.
pub(super) type Work = Pin<Box<dyn Future<Output = Result<Event, AuthError>>>>;

/// Signs up, confirms and resends its code, sets an administrator-created user's new
/// password, and resets a forgotten one (`runtime/rare.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        rare,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
pub(super) fn rare(
    config: Config,
    storage: Storage,
    transport: Transport,
    effect: Effect,
) -> Result<Work, AuthError> {
    Ok(Box::pin(async move {
        super::rare::perform(&config, &storage, &transport, effect).await
    }))
}

/// A sign-in's work, as the `srp` split point hands it back: where it ended, and the server's
/// clock offset.
pub(crate) type SignInWork = Pin<Box<dyn Future<Output = Result<(Outcome, i64), AuthError>>>>;

/// Signs in with USER_SRP_AUTH (`runtime/sign_in.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        srp,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_srp)
    )
)]
pub(crate) fn srp(
    config: Config,
    transport: Transport,
    username: String,
    password: Password,
) -> Result<SignInWork, AuthError> {
    Ok(Box::pin(async move {
        srp_sign_in(&config, &transport, &username, &password).await
    }))
}

/// Nothing to load when the build is not split (the error type is the split build's).
#[cfg(not(cw_split))]
pub(crate) async fn load_srp() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}
