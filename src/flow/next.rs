//! The transition function: `next(screen, event) -> (screen, effect)`, pure.

use cognito_protocol::wire::ErrorKind;

use super::event::{Effect, Event, Restored};
use super::step::Step;
use crate::error::AuthError;

/// A short message shown above a form after something went right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The account is confirmed; sign in.
    AccountConfirmed,
    /// The password was changed; sign in with the new one.
    PasswordReset,
    /// A new code went out.
    CodeResent,
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
}

impl Screen {
    /// The first screen, and the effect that restores a stored session.
    pub fn start() -> (Self, Effect) {
        let screen = Self::at(Step::Restoring).busy(Effect::Restore);
        (screen, Effect::Restore)
    }

    fn at(step: Step) -> Self {
        Self {
            step,
            in_flight: None,
            error: None,
            notice: None,
        }
    }

    fn busy(mut self, effect: Effect) -> Self {
        self.in_flight = Some(effect);
        self
    }

    fn noting(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }

    fn failing(mut self, error: AuthError) -> Self {
        self.error = Some(error);
        self
    }
}

/// Runs `effect` from the current step: clears old messages, remembers the effect.
fn run(screen: &Screen, effect: Effect) -> (Screen, Option<Effect>) {
    (
        Screen::at(screen.step.clone()).busy(effect.clone()),
        Some(effect),
    )
}

fn go(step: Step) -> (Screen, Option<Effect>) {
    (Screen::at(step), None)
}

fn go_and_run(step: Step, effect: Effect) -> (Screen, Option<Effect>) {
    (Screen::at(step).busy(effect.clone()), Some(effect))
}

/// Where `event` leads from `screen`, and the work it starts. Events that make no sense where
/// the user is (or a second submit while one is in flight) leave the screen as it is.
pub fn next(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
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
            Restored::Nothing => go(Step::SignIn {
                username: String::new(),
            }),
        },
        (_, Event::SignedIn(profile)) => go(Step::SignedIn(profile)),
        (
            _,
            Event::NewPasswordRequired {
                username,
                session,
                required,
            },
        ) => go(Step::NewPassword {
            username,
            session,
            required,
        }),
        (
            Step::SignUp,
            Event::SignedUp {
                confirmed,
                delivery,
            },
        ) => match screen.in_flight.clone() {
            Some(Effect::SignUp {
                username, password, ..
            }) if confirmed => run(screen, Effect::SignIn { username, password }),
            Some(Effect::SignUp {
                username, password, ..
            }) => go(Step::ConfirmSignUp {
                username,
                delivery,
                password: Some(password),
            }),
            _ => stay(),
        },
        (
            Step::ConfirmSignUp {
                username, password, ..
            },
            Event::Confirmed,
        ) => match password {
            Some(password) => run(
                screen,
                Effect::SignIn {
                    username: username.clone(),
                    password: password.clone(),
                },
            ),
            None => (
                Screen::at(Step::SignIn {
                    username: username.clone(),
                })
                .noting(Notice::AccountConfirmed),
                None,
            ),
        },
        (
            Step::ConfirmSignUp {
                username, password, ..
            },
            Event::CodeSent(delivery),
        ) => {
            let step = Step::ConfirmSignUp {
                username: username.clone(),
                delivery,
                password: password.clone(),
            };
            (Screen::at(step).noting(Notice::CodeResent), None)
        }
        (Step::ForgotPassword { username }, Event::CodeSent(delivery)) => go(Step::ResetPassword {
            username: username.clone(),
            delivery,
        }),
        (Step::ResetPassword { username, .. }, Event::CodeSent(delivery)) => {
            let step = Step::ResetPassword {
                username: username.clone(),
                delivery,
            };
            (Screen::at(step).noting(Notice::CodeResent), None)
        }
        (Step::ResetPassword { username, .. }, Event::PasswordReset) => (
            Screen::at(Step::SignIn {
                username: username.clone(),
            })
            .noting(Notice::PasswordReset),
            None,
        ),
        (_, Event::SignedOut) => go(Step::SignIn {
            username: String::new(),
        }),
        (_, Event::Failed(error)) => failed(screen, error),

        // ---- from the user; ignored while an effect is in flight
        (_, _) if !idle => stay(),
        (Step::SignIn { .. } | Step::ForgotPassword { .. }, Event::ShowSignUp) => go(Step::SignUp),
        (
            Step::SignUp | Step::ForgotPassword { .. } | Step::ResetPassword { .. },
            Event::ShowSignIn,
        )
        | (Step::ConfirmSignUp { .. } | Step::NewPassword { .. }, Event::ShowSignIn) => {
            go(Step::SignIn {
                username: String::new(),
            })
        }
        (Step::SignIn { .. }, Event::ShowForgotPassword { username }) => {
            go(Step::ForgotPassword { username })
        }
        (Step::SignIn { .. }, Event::SignIn { username, password }) => {
            let step = Step::SignIn {
                username: username.clone(),
            };
            go_and_run(step, Effect::SignIn { username, password })
        }
        (
            Step::SignUp,
            Event::SignUp {
                username,
                password,
                attributes,
            },
        ) => run(
            screen,
            Effect::SignUp {
                username,
                password,
                attributes,
            },
        ),
        (Step::ConfirmSignUp { username, .. }, Event::SubmitCode { code }) => {
            let username = username.clone();
            run(screen, Effect::ConfirmSignUp { username, code })
        }
        (Step::ConfirmSignUp { username, .. }, Event::ResendCode) => {
            let username = username.clone();
            run(screen, Effect::ResendCode { username })
        }
        (
            Step::NewPassword {
                username, session, ..
            },
            Event::SubmitNewPassword {
                password,
                attributes,
            },
        ) => {
            let effect = Effect::CompleteNewPassword {
                username: username.clone(),
                session: session.clone(),
                password,
                attributes,
            };
            run(screen, effect)
        }
        (Step::ForgotPassword { .. }, Event::RequestReset { username }) => {
            let step = Step::ForgotPassword {
                username: username.clone(),
            };
            go_and_run(step, Effect::ForgotPassword { username })
        }
        (Step::ResetPassword { username, .. }, Event::ResendCode) => {
            let username = username.clone();
            run(screen, Effect::ForgotPassword { username })
        }
        (Step::ResetPassword { username, .. }, Event::ResetPassword { code, password }) => {
            let username = username.clone();
            run(
                screen,
                Effect::ConfirmForgotPassword {
                    username,
                    code,
                    password,
                },
            )
        }
        (Step::SignedIn(_), Event::SignOut { global }) => run(screen, Effect::SignOut { global }),
        (Step::SignedIn(_), Event::RefreshDue) => run(screen, Effect::Refresh),
        _ => stay(),
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
        // The challenge session ran out: start the sign-in again.
        (Some(Effect::CompleteNewPassword { username, .. }), Some(ErrorKind::NotAuthorized)) => {
            (Screen::at(Step::SignIn { username }).failing(error), None)
        }
        // A refresh that could not reach Cognito keeps the session; the next one may.
        (Some(Effect::Refresh), None) => (Screen::at(screen.step.clone()), None),
        // Cognito refused the refresh token (revoked, expired): sign in again.
        (Some(Effect::Refresh), Some(_)) => (
            Screen::at(Step::SignIn {
                username: String::new(),
            })
            .failing(error),
            None,
        ),
        // Signing out always ends locally, whatever the server said.
        (Some(Effect::SignOut { .. }), _) => go(Step::SignIn {
            username: String::new(),
        }),
        (Some(Effect::Restore), _) => (
            Screen::at(Step::SignIn {
                username: String::new(),
            })
            .failing(error),
            None,
        ),
        _ => (Screen::at(screen.step.clone()).failing(error), None),
    }
}
