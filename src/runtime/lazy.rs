//! The runtime's split points (see `crate::split`), in four chunks: `account`, changing the
//! password and deleting the account, which a user seldom does; `mfa`, the effects of
//! second factors and devices, which only users of pools with MFA or remembered devices need;
//! `rare`, those of signing up, a new password and a password reset, which a returning user
//! does not need (their steps' views are in the same chunks, `ui/lazy.rs`); and `srp`,
//! sign-in with its SRP, which the first screen does not need to show: the card fetches it
//! once that screen shows (`load_srp`).
//!
//! `wasm_split` links each function through an `extern "C"` import and export pair, hence the
//! unsafe code and the non-FFI types it carries; both ends are this crate, built by one
//! compiler, so the layouts agree.
#![allow(unsafe_code, improper_ctypes, improper_ctypes_definitions)]

use std::future::Future;
use std::pin::Pin;

use cognito_protocol::json::Map;
use cognito_protocol::wire::AuthTokens;

use super::perform::progress;
use super::sign_in::{sign_in, Held, Next};
use super::transport::Transport;
use super::Storage;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};
use cognito_protocol::Password;

/// Work a split point hands back, to be awaited where it was called.
pub(super) type Later<T> = Pin<Box<dyn Future<Output = Result<T, AuthError>>>>;

/// An effect's work.
pub(super) type Work = Later<Event>;

/// Answers MFA challenges, sets up an authenticator app, changes the user's MFA settings and
/// forgets this device (`runtime/mfa.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        mfa,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
pub(super) fn mfa(
    config: Config,
    storage: Storage,
    transport: Transport,
    effect: Effect,
) -> Result<Work, AuthError> {
    Ok(Box::pin(async move {
        let mut p = progress(&config, &storage, &transport, String::new());
        super::mfa::perform(&mut p, effect).await
    }))
}

/// Answers a challenge after the password: device SRP, the secret of a new authenticator
/// app, or the MFA prompt for the user (`Progress::challenge`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(mfa, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn challenge(
    held: Held,
    username: String,
    name: String,
    session: String,
    parameters: Map<String>,
) -> Result<Later<Next>, AuthError> {
    Ok(Box::pin(async move {
        held.progress()
            .challenge(username, name, session, parameters)
            .await
    }))
}

/// Confirms the new device a sign-in's tokens came with, or remembers the tracked one it
/// proved (`runtime/mfa.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(mfa, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn confirm_device(
    held: Held,
    tokens: AuthTokens,
    remember: bool,
) -> Result<Pin<Box<dyn Future<Output = ()>>>, AuthError> {
    Ok(Box::pin(async move {
        super::mfa::confirm_device(&held.progress(), &tokens, remember).await
    }))
}

/// Changes the signed-in user's password, or deletes their account (`runtime/account.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        account,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
pub(super) fn account(
    config: Config,
    storage: Storage,
    transport: Transport,
    effect: Effect,
) -> Result<Work, AuthError> {
    Ok(Box::pin(async move {
        super::account::perform(&config, &storage, &transport, effect).await
    }))
}

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

/// Signs in (USER_SRP_AUTH, or USER_PASSWORD_AUTH when configured) and follows Cognito's
/// answers until the user has to act or tokens come (`runtime/sign_in.rs`).
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
    storage: Storage,
    transport: Transport,
    username: String,
    password: Password,
) -> Result<Work, AuthError> {
    Ok(Box::pin(async move {
        let mut p = progress(&config, &storage, &transport, username);
        let outcome = sign_in(&mut p, &password).await?;
        super::mfa::outcome_event(&p, outcome, false).await
    }))
}

/// Refreshes the stored session, or signs out everywhere (`global`), in sign-in's chunk: a
/// session's code goes with the sign-in that starts it, out of the first load
/// (`runtime/perform.rs`).
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(srp, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn session(
    config: Config,
    storage: Storage,
    transport: Transport,
    global: bool,
) -> Result<Work, AuthError> {
    Ok(Box::pin(async move {
        match global {
            true => super::perform::sign_out_everywhere(&config, &storage, &transport).await,
            false => super::perform::refresh(&config, &storage, &transport).await,
        }
    }))
}

/// Nothing to load when the build is not split (the error type is the split build's).
#[cfg(not(cw_split))]
pub(crate) async fn load_srp() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}
