//! The transition function: `next(screen, event) -> (screen, effect)`, pure.

use cognito_protocol::wire::ErrorKind;

use super::account::{self, routes_to_account};
use super::event::{Effect, Event, Restored};
use super::step::{Step, TotpFor};
use super::{mfa, rare};
use crate::error::AuthError;
use crate::session::{classify, end_reason, Class, SignOutReason};

/// A short message shown above a form after something went right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The account is confirmed; sign in.
    AccountConfirmed,
    /// The password was changed; sign in with the new one.
    PasswordReset,
    /// A new code went out.
    CodeResent,
    /// The two-step verification settings were saved.
    MfaSaved,
    /// This device was forgotten.
    DeviceForgotten,
    /// The password was changed.
    PasswordChanged,
    /// The account was deleted.
    AccountDeleted,
    /// The profile's changes were saved.
    ProfileSaved,
    /// Nothing was changed, so nothing was saved.
    NothingToSave,
    /// The e-mail address or phone number is verified.
    AttributeVerified,
}

/// The step, plus what the transition function must remember between an effect and its
/// outcome: the effect in flight (so a failed sign-in still knows its credentials, and a second
/// submit is ignored), the last error and a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// What is shown.
    pub step: Step,
    /// The effect whose outcome we wait for.
    pub in_flight: Option<Effect>,
    /// The last failure, shown until the next submit.
    pub error: Option<AuthError>,
    /// Good news, shown until the next submit.
    pub notice: Option<Notice>,
    /// Refreshes that failed in a row without ending the session (the backoff step).
    pub retries: u32,
}

impl Screen {
    /// The first screen, and the effect that restores a stored session.
    pub fn start() -> (Self, Effect) {
        let screen = Self::at(Step::Restoring).busy(Effect::Restore);
        (screen, Effect::Restore)
    }

    pub(super) fn at(step: Step) -> Self {
        Self {
            step,
            in_flight: None,
            error: None,
            notice: None,
            retries: 0,
        }
    }

    fn busy(mut self, effect: Effect) -> Self {
        self.in_flight = Some(effect);
        self
    }

    pub(super) fn noting(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }

    fn failing(mut self, error: AuthError) -> Self {
        self.error = Some(error);
        self
    }
}

/// Runs `effect` from the current step: clears old messages, remembers the effect.
pub(super) fn run(screen: &Screen, effect: Effect) -> (Screen, Option<Effect>) {
    (
        Screen::at(screen.step.clone()).busy(effect.clone()),
        Some(effect),
    )
}

pub(super) fn go(step: Step) -> (Screen, Option<Effect>) {
    (Screen::at(step), None)
}

pub(super) fn go_and_run(step: Step, effect: Effect) -> (Screen, Option<Effect>) {
    (Screen::at(step).busy(effect.clone()), Some(effect))
}

fn sign_in_form() -> Step {
    Step::SignIn {
        username: String::new(),
    }
}

/// The account is confirmed: sign straight in when the password is still in memory.
pub(super) fn confirmed(
    screen: &Screen,
    username: &str,
    password: &Option<cognito_protocol::Password>,
) -> (Screen, Option<Effect>) {
    let username = username.to_owned();
    match password {
        Some(password) => run(
            screen,
            Effect::SignIn {
                username,
                password: password.clone(),
            },
        ),
        None => (
            Screen::at(Step::SignIn { username }).noting(Notice::AccountConfirmed),
            None,
        ),
    }
}

/// Where `event` leads from `screen`, and the work it starts. Events that make no sense where
/// the user is (or a second submit while one is in flight) leave the screen as it is.
pub fn next(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
    match chunk_of(screen, &event) {
        Chunk::Main => next_here(screen, event),
        Chunk::Account => account::next(screen, event),
        Chunk::Mfa => mfa::next(screen, event),
        Chunk::Rare => rare::next(screen, event),
    }
}

/// Whose transitions an event takes: those of the account's screens and of MFA live in their
/// own modules, which split builds keep in the chunks of those screens (`ui/lazy.rs`): the
/// card calls them there. An outcome's chunk is loaded before the card hands it over; a user
/// acting on a screen acts on the view that chunk drew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// [`next_here`].
    Main,
    /// [`account::next`]: the profile, devices, password change and deletion.
    Account,
    /// [`mfa::next`]: second factors, authenticator apps and the MFA settings.
    Mfa,
    /// [`rare::next`]: signing up and its code, a new password, a forgotten one.
    Rare,
}

/// Whose transitions `event` takes, where the user is. What the user does while an effect is
/// in flight is [`Chunk::Main`]'s: it waits, as everywhere.
pub fn chunk_of(screen: &Screen, event: &Event) -> Chunk {
    if screen.in_flight.is_some() && event.from_user() {
        Chunk::Main
    } else if routes_to_account(screen, event) {
        Chunk::Account
    } else if mfa::routes_to_mfa(screen, event) {
        Chunk::Mfa
    } else if rare::routes_to_rare(screen, event) {
        Chunk::Rare
    } else {
        Chunk::Main
    }
}

/// [`next`] for the events of [`Chunk::Main`].
pub fn next_here(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
    let stay = || (screen.clone(), None);
    let idle = screen.in_flight.is_none();
    match (&screen.step, event) {
        // ---- outcomes of effects
        (_, Event::Restored(found)) => match found {
            Restored::Session(profile) => go(Step::SignedIn(profile)),
            Restored::Confirming { username, delivery } => go(Step::ConfirmSignUp {
                username,
                delivery,
                password: None,
            }),
            Restored::Nothing => go(sign_in_form()),
        },
        (_, Event::SignedIn(profile)) => go(Step::SignedIn(profile)),
        (_, Event::MfaRequired { challenge, prompt }) => go(Step::Mfa { challenge, prompt }),
        (Step::SignedIn(profile), Event::DeviceForgotten) => (
            Screen::at(Step::SignedIn(profile.clone())).noting(Notice::DeviceForgotten),
            None,
        ),
        // The session ended: a refused refresh keeps its error for the sign-in form.
        (_, Event::SignedOut(reason)) => match screen.in_flight {
            Some(Effect::EndSession { .. }) => (
                Screen {
                    error: screen.error.clone(),
                    ..Screen::at(sign_in_form())
                },
                None,
            ),
            _ if reason == SignOutReason::Deleted => (
                Screen::at(sign_in_form()).noting(Notice::AccountDeleted),
                None,
            ),
            _ => go(sign_in_form()),
        },
        (_, Event::Done) => stay(),
        // Another tab refreshed, signed in as someone or signed out: follow it, unless this tab
        // waits for a submit of its own.
        (_, Event::TabChanged(_)) if screen.in_flight.as_ref().is_some_and(Effect::is_submit) => {
            stay()
        }
        // Another tab refreshed the same user's tokens: a screen of the account stays.
        (step, Event::TabChanged(Some(profile)))
            if !matches!(step, Step::SignedIn(_))
                && step
                    .account()
                    .is_some_and(|p| p.username == profile.username) =>
        {
            stay()
        }
        // A refresh of ours in flight (or waiting for the lock) is moot: the runner abandons it.
        (_, Event::TabChanged(Some(profile))) => go(Step::SignedIn(profile)),
        (step, Event::TabChanged(None)) if step.account().is_some() => go(sign_in_form()),
        (_, Event::TabChanged(None)) => stay(),
        (_, Event::Failed(error)) => failed(screen, error),

        // ---- from the user while an effect is in flight: going back abandons a submit (the
        // runner cancels its request), signing out abandons a refresh; all else waits.
        (step, Event::ShowSignIn)
            if screen.in_flight.as_ref().is_some_and(Effect::is_submit)
                && !matches!(step, Step::SignedIn(_) | Step::Restoring) =>
        {
            back_to_sign_in(step)
        }
        (Step::SignedIn(_), Event::SignOut { global })
            if matches!(screen.in_flight, Some(Effect::Refresh)) =>
        {
            run(screen, Effect::SignOut { global })
        }
        (_, _) if !idle => stay(),
        (Step::SignIn { .. } | Step::ForgotPassword { .. }, Event::ShowSignUp) => go(Step::SignUp),
        (
            step @ (Step::SignUp
            | Step::ForgotPassword { .. }
            | Step::ResetPassword { .. }
            | Step::ConfirmSignUp { .. }
            | Step::NewPassword { .. }
            | Step::Mfa { .. }
            | Step::SetUpTotp {
                setup: TotpFor::SignIn(_),
                ..
            }),
            Event::ShowSignIn,
        ) => back_to_sign_in(step),
        (Step::SignIn { .. }, Event::ShowForgotPassword { username }) => {
            go(Step::ForgotPassword { username })
        }
        (Step::SignIn { .. }, Event::SignIn { username, password }) => {
            let step = Step::SignIn {
                username: username.clone(),
            };
            go_and_run(step, Effect::SignIn { username, password })
        }
        (Step::SignedIn(_), Event::SignOut { global }) => run(screen, Effect::SignOut { global }),
        (Step::SignedIn(_), Event::ShowMfaSettings) => run(screen, Effect::LoadMfa),
        (Step::SignedIn(_), Event::ShowDevices) => run(screen, Effect::LoadDevices),
        (Step::SignedIn(profile), Event::ShowChangePassword) => {
            go(Step::ChangePassword(profile.clone()))
        }
        (Step::SignedIn(profile), Event::ShowDeleteAccount) => {
            go(Step::DeleteAccount(profile.clone()))
        }
        (Step::SignedIn(_), Event::ShowProfile) => run(screen, Effect::LoadProfile),
        (Step::SignedIn(_), Event::ForgetDevice) => run(screen, Effect::ForgetDevice),
        (Step::SignedIn(_), Event::RefreshDue) => {
            let (busy, effect) = run(screen, Effect::Refresh);
            let retries = screen.retries; // the backoff step survives the attempt
            (Screen { retries, ..busy }, effect)
        }
        _ => stay(),
    }
}

/// "Back to sign in": leaving the code form also forgets the pending sign-up, so a reload no
/// longer reopens it.
fn back_to_sign_in(from: &Step) -> (Screen, Option<Effect>) {
    match from {
        Step::ConfirmSignUp { .. } => (Screen::at(sign_in_form()), Some(Effect::ForgetPending)),
        // Leaving a second factor keeps the name typed at sign-in.
        Step::Mfa { challenge, .. }
        | Step::SetUpTotp {
            setup: TotpFor::SignIn(challenge),
            ..
        } => go(Step::SignIn {
            username: challenge.login.clone(),
        }),
        _ => go(sign_in_form()),
    }
}

/// A failed effect: some failures lead elsewhere, the rest are shown where the user is.
fn failed(screen: &Screen, error: AuthError) -> (Screen, Option<Effect>) {
    let kind = error.cognito_kind();
    match (screen.in_flight.clone(), kind) {
        // Signing in to an account that was never confirmed: send a code and ask for it.
        (Some(Effect::SignIn { username, password }), Some(ErrorKind::UserNotConfirmed)) => {
            let step = Step::ConfirmSignUp {
                username: username.clone(),
                delivery: None,
                password: Some(password),
            };
            go_and_run(step, Effect::ResendCode { username })
        }
        // An administrator reset the password: a code is needed to choose a new one.
        (Some(Effect::SignIn { username, .. }), Some(ErrorKind::PasswordResetRequired)) => {
            let step = Step::ResetPassword {
                username: username.clone(),
                delivery: None,
            };
            let effect = Effect::ForgotPassword { username };
            let (screen, effect) = go_and_run(step, effect);
            (screen.failing(error), effect)
        }
        // The automatic sign-in after confirming failed: sign in by hand, name filled in.
        (Some(Effect::SignIn { username, .. }), _)
            if matches!(screen.step, Step::ConfirmSignUp { .. } | Step::SignUp) =>
        {
            (Screen::at(Step::SignIn { username }).failing(error), None)
        }
        // A confirmation that went through but whose answer was lost: retried, Cognito says the
        // account is confirmed already. Move on as if the first answer had arrived.
        (Some(Effect::ConfirmSignUp { .. }), Some(ErrorKind::NotAuthorized))
            if error.detail().contains("CONFIRMED") =>
        {
            match &screen.step {
                Step::ConfirmSignUp {
                    username, password, ..
                } => confirmed(screen, username, password),
                _ => (Screen::at(screen.step.clone()).failing(error), None),
            }
        }
        // The challenge session ran out: start the sign-in again.
        (Some(Effect::CompleteNewPassword { login, .. }), Some(ErrorKind::NotAuthorized)) => {
            let username = login.clone();
            (Screen::at(Step::SignIn { username }).failing(error), None)
        }
        // …the same for a second factor, with the name the user typed.
        (
            Some(
                Effect::AnswerMfa { challenge, .. }
                | Effect::ChooseMfa { challenge, .. }
                | Effect::VerifyTotp {
                    challenge: Some(challenge),
                    ..
                },
            ),
            Some(ErrorKind::NotAuthorized),
        ) => {
            let step = Step::SignIn {
                username: challenge.login,
            };
            (Screen::at(step).failing(error), None)
        }
        // Cognito refused the refresh token or the user: the session is over. Storage is
        // cleared before the sign-in form shows.
        (Some(Effect::Refresh), _) if classify(&error) == Class::Terminal => {
            let effect = Effect::EndSession {
                reason: end_reason(&error),
            };
            let (screen, effect) = run(screen, effect);
            (screen.failing(error), effect)
        }
        // Anything else keeps the session, silently: the next attempt backs off further.
        (Some(Effect::Refresh), _) => (
            Screen {
                retries: screen.retries.saturating_add(1),
                ..Screen::at(screen.step.clone())
            },
            None,
        ),
        // "Sign out everywhere" that Cognito did not confirm: still signed in, and why.
        (Some(Effect::SignOut { global: true }), _) => {
            (Screen::at(screen.step.clone()).failing(error), None)
        }
        // Signing out here ends locally, whatever happened.
        (Some(Effect::SignOut { .. } | Effect::EndSession { .. }), _) => go(sign_in_form()),
        (Some(Effect::Restore), _) => (Screen::at(sign_in_form()).failing(error), None),
        _ => (Screen::at(screen.step.clone()).failing(error), None),
    }
}
