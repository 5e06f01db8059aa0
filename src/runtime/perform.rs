//! The effect runner: one [`Effect`] in, its outcome as one [`Event`] out.

use cognito_protocol::wire::{AuthResponse, AuthTokens, Call, CodeDelivery, ErrorKind};
use cognito_protocol::{AccessToken, RefreshToken};

use super::lazy;
use super::sign_in::{exchange, now, unsupported, Progress};
use super::storage::{Storage, Stored};
use super::tabs;
use super::tokens::{expiry, issued_at, profile_of};
use super::transport::{Cancel, Transport};
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Delivery, Effect, Event, Profile, Restored};
use crate::session::{classify, clock, Class, SignOutReason};
use crate::split::lazy;

pub(super) fn delivery(d: Option<CodeDelivery>) -> Option<Delivery> {
    d.map(|d| Delivery {
        destination: d.destination,
        medium: d.medium,
    })
}

/// Stores fresh tokens (keeping the old refresh token when a refresh sends none) with the
/// device clock's drift from Cognito's, and says who signed in.
pub(super) fn signed_in(
    config: &Config,
    storage: &Storage,
    tokens: AuthTokens,
    keep_refresh: Option<RefreshToken>,
) -> Result<Event, AuthError> {
    let profile = profile_of(&tokens.id_token)
        .ok_or_else(|| AuthError::Srp("the ID token Cognito sent cannot be read".into()))?;
    // As amazon-cognito-identity-js does: the tokens were issued at Cognito's "now".
    let issued = issued_at(tokens.access_token.secret())
        .into_iter()
        .chain(issued_at(tokens.id_token.secret()))
        .min();
    let stored = Stored {
        username: profile.username.clone(),
        id_token: tokens.id_token,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token.or(keep_refresh),
        clock_drift: issued.map_or(0, |iat| clock::drift(now(), iat)),
    };
    storage.save(&config.client_id, &stored)?;
    Ok(Event::SignedIn(profile))
}

/// Trades `refresh` for new tokens (`GetTokensFromRefreshToken`, which rotating clients
/// require) and stores them; the old refresh token is kept when Cognito sends none (rotation off).
pub(super) async fn trade(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    refresh: RefreshToken,
) -> Result<Event, AuthError> {
    // Cognito refuses a tracked device's refresh without its key.
    let device_key = storage
        .last_user(&config.client_id)
        .and_then(|user| storage.device(&config.client_id, &user))
        .map(|d| d.key);
    let call = Call::GetTokensFromRefreshToken {
        client_id: config.client_id.clone(),
        refresh_token: refresh.clone(),
        client_secret: None,
        device_key,
    };
    match exchange::<AuthResponse>(transport, &call).await? {
        (AuthResponse::Tokens(tokens), _) => signed_in(config, storage, tokens, Some(refresh)),
        (AuthResponse::Challenge { name, .. }, _) => Err(unsupported(&name)),
    }
}

/// Refreshes the stored session, one tab at a time: tabs sharing `localStorage` take a lock
/// first, then re-read storage, and adopt what another tab refreshed meanwhile instead of
/// spending the refresh token again (with rotation, only its first use works).
pub(super) async fn refresh(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Event, AuthError> {
    let _held = tabs::hold_refresh(storage, &config.client_id).await;
    let Some(stored) = storage.load(&config.client_id)? else {
        return Ok(Event::SignedOut(SignOutReason::OtherTab));
    };
    let Some(refresh) = stored.refresh_token.clone() else {
        return Ok(Event::SignedOut(SignOutReason::OtherTab));
    };
    if let Some(profile) = fresh_profile(&stored) {
        return Ok(Event::SignedIn(profile)); // another tab refreshed while we waited
    }
    match trade(config, storage, transport, refresh.clone()).await {
        // No locks (or another client on the page): a tab that lost a rotation race finds the
        // winner's tokens in storage before it gives up.
        Err(e) if classify(&e) == Class::Terminal => {
            // Told the token was rotated: the winner's answer may not have reached its tab
            // yet, nor its writes this one (Chromium sends them after the fact), so wait for
            // them a while (20 × 100 ms) rather than sign everyone out.
            let patience = match &e {
                AuthError::Cognito(c) if c.kind == ErrorKind::RefreshTokenReuse => 20,
                _ => 0,
            };
            for waited in 0..=patience {
                if waited > 0 {
                    tabs::sleep(100).await;
                }
                match storage.load(&config.client_id)? {
                    Some(now) if now.refresh_token.as_ref() != Some(&refresh) => {
                        return fresh_profile(&now).map(Event::SignedIn).ok_or(e);
                    }
                    None => return Ok(Event::SignedOut(SignOutReason::OtherTab)),
                    _ => {}
                }
            }
            Err(e)
        }
        other => other,
    }
}

/// Seconds until `stored`'s tokens are due for a refresh by Cognito's clock (see
/// [`clock::refresh_due_in`]).
fn due_in(stored: &Stored) -> Option<i64> {
    let access = stored.access_token.secret();
    let server_now = clock::server_now(now(), stored.clock_drift);
    Some(clock::refresh_due_in(
        issued_at(access),
        expiry(access)?,
        server_now,
    ))
}

/// Who `stored` signs in, if its tokens are not yet due for a refresh.
fn fresh_profile(stored: &Stored) -> Option<Profile> {
    (due_in(stored)? > 0)
        .then(|| profile_of(&stored.id_token))
        .flatten()
}

/// The session another tab left in storage: who is signed in now, or nobody.
pub fn stored_profile(config: &Config, storage: &Storage) -> Option<Profile> {
    let stored = storage.load(&config.client_id).ok()??;
    profile_of(&stored.id_token)
}

/// Whether `stored`'s access token is good for `margin` more seconds of Cognito's time.
fn still_good(stored: &Stored, margin: i64) -> bool {
    let server_now = clock::server_now(now(), stored.clock_drift);
    expiry(stored.access_token.secret())
        .is_some_and(|exp| clock::still_good(exp, server_now, margin))
}

async fn restore(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Event, AuthError> {
    let Some(stored) = storage.load(&config.client_id)? else {
        return Ok(Event::Restored(
            match storage.pending(&config.client_id)? {
                Some((username, delivery)) => Restored::Confirming { username, delivery },
                None => Restored::Nothing,
            },
        ));
    };
    let profile = profile_of(&stored.id_token);
    if let (true, Some(profile)) = (still_good(&stored, 60), &profile) {
        return Ok(Event::Restored(Restored::Session(profile.clone())));
    }
    // Due or expired: refreshed the way the schedule does it (one tab at a time).
    let refreshed = match stored.refresh_token {
        Some(_) => renew(config, storage, transport, false).await,
        None => Ok(Event::Done),
    };
    match (refreshed, profile) {
        (Ok(Event::SignedIn(p)), _) => Ok(Event::Restored(Restored::Session(p))),
        // Only a refused token or user ends the session; offline, a timeout or a 5xx keep it,
        // and the refresh schedule tries again.
        (Err(e), Some(p)) if classify(&e) != Class::Terminal => {
            Ok(Event::Restored(Restored::Session(p)))
        }
        _ => {
            storage.clear(&config.client_id)?;
            Ok(Event::Restored(Restored::Nothing))
        }
    }
}

/// Refreshes the session, or signs out everywhere (`global`): their code is in sign-in's
/// chunk, which the first screen fetches once it shows (`runtime/lazy.rs`).
async fn renew(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    global: bool,
) -> Result<Event, AuthError> {
    let work = lazy!(lazy::session(
        config.clone(),
        storage.clone(),
        transport.clone(),
        global
    ))?;
    work.await
}

/// Signs out here: storage is cleared first (so it works offline), then the refresh token is
/// revoked in the background, best effort: nothing waits for it and its failure changes nothing.
fn sign_out_here(config: &Config, storage: &Storage) -> Result<Event, AuthError> {
    // Its own transport: cancelling the next effect's request must not cancel this one.
    let transport = Transport::new(
        config.endpoint.clone(),
        config.timeout_ms,
        Cancel::default(),
    );
    let stored = storage.load(&config.client_id)?;
    storage.clear(&config.client_id)?;
    if let Some(token) = stored.and_then(|s| s.refresh_token) {
        let call = Call::RevokeToken {
            client_id: config.client_id.clone(),
            token,
            client_secret: None,
        };
        leptos::task::spawn_local(async move {
            let _ = exchange::<()>(&transport, &call).await;
        });
    }
    Ok(Event::SignedOut(SignOutReason::User))
}

/// Signs out of every device: `GlobalSignOut` with a valid access token (refreshing first if
/// it is about to expire). Storage is cleared only once Cognito has agreed; a failure leaves
/// the user signed in, and says why.
pub(super) async fn sign_out_everywhere(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Event, AuthError> {
    let Some(stored) = fresh_session(config, storage, transport).await? else {
        return Ok(Event::SignedOut(SignOutReason::OtherTab));
    };
    let access_token: AccessToken = stored.access_token;
    exchange::<()>(transport, &Call::GlobalSignOut { access_token }).await?;
    storage.clear(&config.client_id)?;
    Ok(Event::SignedOut(SignOutReason::Everywhere))
}

/// The stored session, refreshed first if its access token is about to expire (`None`: no
/// session, another tab signed out).
pub(super) async fn fresh_session(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Option<Stored>, AuthError> {
    let Some(stored) = storage.load(&config.client_id)? else {
        return Ok(None);
    };
    if still_good(&stored, 30) {
        return Ok(Some(stored));
    }
    let Some(refresh) = stored.refresh_token.clone() else {
        return Ok(Some(stored));
    };
    trade(config, storage, transport, refresh).await?;
    let stored = storage.load(&config.client_id)?;
    stored
        .map(Some)
        .ok_or_else(|| AuthError::Storage("the session vanished".into()))
}

/// A sign-in step's context.
pub(super) fn progress<'a>(
    config: &'a Config,
    storage: &'a Storage,
    transport: &'a Transport,
    login: String,
) -> Progress<'a> {
    Progress {
        config,
        storage,
        transport,
        login,
        offset: 0,
    }
}

async fn run(
    config: &Config,
    storage: &Storage,
    effect: Effect,
    cancel: &Cancel,
) -> Result<Event, AuthError> {
    let transport = Transport::new(config.endpoint.clone(), config.timeout_ms, cancel.clone());
    let client_id = config.client_id.clone();
    match effect {
        Effect::Restore => restore(config, storage, &transport).await,
        Effect::Refresh => {
            let outcome = renew(config, storage, &transport, false).await;
            // Cognito answered, even if with a failure: its `Date` says how far off this
            // device's clock is now (it may have changed since the tokens came).
            if let Some(drift) = transport.drift() {
                storage.keep_drift(&client_id, drift)?;
            }
            outcome
        }
        Effect::EndSession { reason } => {
            storage.clear(&client_id)?;
            Ok(Event::SignedOut(reason))
        }
        Effect::ForgetPending => {
            storage.set_pending(&client_id, None)?;
            Ok(Event::Done)
        }
        Effect::SignIn { username, password } => {
            // Sign-in's code, SRP with it, is a chunk of its own, fetched once the first
            // screen shows (`runtime/lazy.rs`), so that the first screen does not wait for it.
            let work = lazy!(lazy::srp(
                config.clone(),
                storage.clone(),
                transport.clone(),
                username,
                password
            ))?;
            work.await
        }
        effect @ (Effect::AnswerMfa { .. }
        | Effect::ChooseMfa { .. }
        | Effect::VerifyTotp { .. }
        | Effect::LoadMfa
        | Effect::AssociateTotp
        | Effect::SetMfa { .. }
        | Effect::ForgetDevice) => {
            let work = lazy!(lazy::mfa(
                config.clone(),
                storage.clone(),
                transport.clone(),
                effect
            ))?;
            work.await
        }
        effect @ (Effect::SignUp { .. }
        | Effect::ConfirmSignUp { .. }
        | Effect::ResendCode { .. }
        | Effect::CompleteNewPassword { .. }
        | Effect::ForgotPassword { .. }
        | Effect::ConfirmForgotPassword { .. }) => {
            let work = lazy!(lazy::rare(
                config.clone(),
                storage.clone(),
                transport.clone(),
                effect
            ))?;
            work.await
        }
        Effect::SignOut { global: false } => sign_out_here(config, storage),
        Effect::SignOut { global: true } => renew(config, storage, &transport, true).await,
        // The signed-in user's account: profile, devices, password, deletion.
        effect => {
            let work = lazy!(lazy::account(
                config.clone(),
                storage.clone(),
                transport.clone(),
                effect
            ))?;
            work.await
        }
    }
}

/// Seconds until the stored tokens are due for a refresh by Cognito's clock, or `None` when
/// there is nothing to refresh.
pub fn refresh_due_in(config: &Config, storage: &Storage) -> Option<i64> {
    let stored = storage.load(&config.client_id).ok()??;
    stored.refresh_token.as_ref()?;
    due_in(&stored)
}

/// Whether the stored session's access token is good for `margin` more seconds of Cognito's
/// time (`false` when there is none).
pub fn session_still_good(config: &Config, storage: &Storage, margin: i64) -> bool {
    storage
        .load(&config.client_id)
        .ok()
        .flatten()
        .is_some_and(|stored| still_good(&stored, margin))
}

/// Performs `effect` against Cognito and storage; every failure becomes [`Event::Failed`].
pub async fn perform(config: &Config, storage: &Storage, effect: Effect) -> Event {
    perform_cancellable(config, storage, effect, &Cancel::default()).await
}

/// [`perform`], abandoning its request when `cancel` says so.
pub async fn perform_cancellable(
    config: &Config,
    storage: &Storage,
    effect: Effect,
    cancel: &Cancel,
) -> Event {
    run(config, storage, effect, cancel)
        .await
        .unwrap_or_else(Event::Failed)
}
