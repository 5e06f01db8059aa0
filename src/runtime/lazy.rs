//! The runtime's split points (see `crate::split`). Chunk `rare`: the effects of signing up,
//! a new password and a password reset, which a returning user does not need; their steps'
//! views are in the same chunk (`ui/lazy.rs`).
//!
//! `wasm_split` links each function through an `extern "C"` import and export pair, hence the
//! unsafe code and the non-FFI types it carries; both ends are this crate, built by one
//! compiler, so the layouts agree.
#![allow(unsafe_code, improper_ctypes, improper_ctypes_definitions)]

use std::future::Future;
use std::pin::Pin;

use super::transport::Transport;
use super::Storage;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};

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
