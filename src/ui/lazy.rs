//! The views' split points (see `crate::split`), in the chunks of `runtime/lazy.rs`:
//! `account`, changing the password and deleting the account; `mfa`,
//! the forms of second factors, which only users of pools with MFA see; `rare`, those of
//! signing up, a new password and a password reset, which a returning user does not see.
//!
//! `wasm_split` links each function through an `extern "C"` import and export pair, hence the
//! unsafe code and the non-FFI types it carries; both ends are this crate, built by one
//! compiler, so the layouts agree.
#![allow(unsafe_code, improper_ctypes, improper_ctypes_definitions)]

use leptos::prelude::*;

use super::account::{change_password, delete_account, devices};
use super::confirm_code::confirm_code;
use super::context::Widget;
use super::forgot_password::forgot_password;
use super::form::Form;
use super::mfa::{mfa, mfa_settings, set_up_totp};
use super::new_password::new_password;
use super::profile::{profile, verify_attribute};
use super::reset_password::reset_password;
use super::sign_up::sign_up;
use crate::error::AuthError;
use crate::flow::{Effect, Event, Restored, Screen, Step};

/// The form of the MFA step the flow is at: a code, the choice of factor, setting up an
/// authenticator app (with its QR code), or the signed-in user's settings.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        mfa,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_mfa_form)
    )
)]
pub(super) fn mfa_form(w: Widget) -> Result<Form, AuthError> {
    let form = w.screen.with_untracked(|s| match s.step {
        Step::Mfa { .. } => mfa,
        Step::SetUpTotp { .. } => set_up_totp,
        _ => mfa_settings,
    });
    Ok(form(w))
}

/// The form of the account step the flow is at: the profile, verifying an address, the
/// devices, changing the password, deleting the account.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        account,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_account_form)
    )
)]
pub(super) fn account_form(w: Widget) -> Result<Form, AuthError> {
    let form = w.screen.with_untracked(|s| match s.step {
        Step::Devices { .. } => devices,
        Step::Profile { .. } => profile,
        Step::VerifyAttribute { .. } => verify_attribute,
        Step::ChangePassword(_) => change_password,
        _ => delete_account,
    });
    Ok(form(w))
}

/// Where an event of the account's screens leads (`flow::account`): the transitions live in
/// the account chunk with the screens.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        account,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_account_next)
    )
)]
pub(super) fn account_next(
    screen: Screen,
    event: Event,
) -> Result<(Screen, Option<Effect>), AuthError> {
    Ok(crate::flow::account::next(&screen, event))
}

/// Where an event of MFA leads (`flow::mfa`): the transitions live in the MFA chunk with the
/// screens.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        mfa,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_mfa_next)
    )
)]
pub(super) fn mfa_next(
    screen: Screen,
    event: Event,
) -> Result<(Screen, Option<Effect>), AuthError> {
    Ok(crate::flow::mfa::next(&screen, event))
}

/// Where an event of sign-up, a new password or a reset leads (`flow::rare`): the
/// transitions live in the rare chunk with the screens.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        rare,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_rare_next)
    )
)]
pub(super) fn rare_next(
    screen: Screen,
    event: Event,
) -> Result<(Screen, Option<Effect>), AuthError> {
    Ok(crate::flow::rare::next(&screen, event))
}

/// The form of the step the flow is at among sign-up, its code, a new password and a
/// password reset.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(
        rare,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_rare_form)
    )
)]
pub(super) fn rare_form(w: Widget) -> Result<Form, AuthError> {
    let form = w.screen.with_untracked(|s| match s.step {
        Step::SignUp => sign_up,
        Step::ConfirmSignUp { .. } => confirm_code,
        Step::NewPassword { .. } => new_password,
        Step::ForgotPassword { .. } => forgot_password,
        _ => reset_password,
    });
    Ok(form(w))
}

/// AWS credentials after each sign-in and refresh, none after sign-out
/// (`ui/credentials.rs`): the `identity` chunk, loaded once someone signs in when the
/// configuration names an identity pool.
#[cfg_attr(
    cw_split,
    leptos::wasm_split::wasm_split(identity, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn identity_session(
    w: Widget,
) -> Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>, AuthError> {
    Ok(Box::pin(super::credentials::session_changed(w)))
}

/// AWS credentials for the host (`Widget::credentials`), from the `identity` chunk. A split
/// point only in the package (`embed`): the standalone app never asks, and a split point that
/// nothing calls would keep its code, and everything it reaches, in the first load.
#[cfg_attr(
    all(cw_split, feature = "embed"),
    leptos::wasm_split::wasm_split(identity, wasm_split_path = ::leptos::wasm_split, fallible)
)]
pub(super) fn identity_get(w: Widget) -> Result<Credentials, AuthError> {
    Ok(Box::pin(super::credentials::get(w)))
}

/// What [`identity_get`] hands back, to be awaited where it was called.
pub(super) type Credentials = std::pin::Pin<
    Box<
        dyn std::future::Future<
            Output = Result<Option<super::credentials::Credentials>, AuthError>,
        >,
    >,
>;

/// `event`, once the code of the step it leads to is loaded: a view does not wait for its
/// chunk (`crate::split::lazy_now`), so the card loads it before it hands the event to the
/// flow, as part of the request that led there, and the step shows at once. A chunk that
/// cannot be loaded turns the event into that failure.
pub(super) async fn ready(event: Event) -> Event {
    let loaded = match event {
        Event::MfaRequired { .. } | Event::TotpSecret { .. } | Event::MfaLoaded(_) => {
            load_mfa().await
        }
        Event::DevicesLoaded { .. } | Event::ProfileLoaded { .. } | Event::PasswordChanged => {
            load_account().await
        }
        Event::SignedUp { .. }
        | Event::CodeSent(_)
        | Event::Confirmed
        | Event::PasswordReset
        | Event::NewPasswordRequired { .. }
        | Event::Restored(Restored::Confirming { .. }) => load_rare().await,
        _ => return event,
    };
    match loaded {
        Ok(()) => event,
        Err(error) => Event::Failed(error.into()),
    }
}

/// Loads a chunk for its forms and its transitions. Each split point has a loader of its own
/// (the chunk is fetched once; each loader learns it is there asynchronously), and both are
/// called without waiting (`lazy_now!`), so both must have loaded.
macro_rules! loaders {
    ($($chunk:ident: $form:ident + $next:ident),*) => {$(
        #[cfg(cw_split)]
        pub(super) async fn $chunk() -> Result<(), leptos::wasm_split::SplitLoaderError> {
            $form().await?;
            $next().await
        }
    )*};
}
loaders!(
    load_rare: load_rare_form + load_rare_next,
    load_account: load_account_form + load_account_next,
    load_mfa: load_mfa_form + load_mfa_next
);

/// Nothing to load when the build is not split (the error type is the split build's).
#[cfg(not(cw_split))]
pub(super) async fn load_rare() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}

/// Nothing to load when the build is not split (the error type is the split build's).
#[cfg(not(cw_split))]
pub(super) async fn load_account() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}

/// Nothing to load when the build is not split (the error type is the split build's).
#[cfg(not(cw_split))]
pub(super) async fn load_mfa() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}
