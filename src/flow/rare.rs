//! The transitions of what a returning user does not see: signing up and confirming the
//! account, an administrator-created user's new password, a forgotten password. Split builds
//! keep this code in the `rare` chunk with the screens' views (see [`super::Chunk`]).

use super::event::{Effect, Event};
use super::next::{confirmed, go, go_and_run, run, Notice, Screen};
use super::step::Step;

/// Whether `event` is one of these screens' to handle: an outcome of their effects (the card
/// loads the chunk first), or the user acting on one of them.
pub fn routes_to_rare(screen: &Screen, event: &Event) -> bool {
    match event {
        Event::SignedUp { .. }
        | Event::Confirmed
        | Event::CodeSent(_)
        | Event::PasswordReset
        | Event::NewPasswordRequired { .. } => true,
        Event::SignUp { .. }
        | Event::SubmitCode { .. }
        | Event::ResendCode
        | Event::SubmitNewPassword { .. }
        | Event::RequestReset { .. }
        | Event::ResetPassword { .. } => matches!(
            screen.step,
            Step::SignUp
                | Step::ConfirmSignUp { .. }
                | Step::NewPassword { .. }
                | Step::ForgotPassword { .. }
                | Step::ResetPassword { .. }
        ),
        _ => false,
    }
}

/// Where an event [`routes_to_rare`] takes leads.
pub fn next(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
    let stay = || (screen.clone(), None);
    match (&screen.step, event) {
        (
            _,
            Event::NewPasswordRequired {
                login,
                username,
                session,
                required,
            },
        ) => go(Step::NewPassword {
            login,
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
        ) => confirmed(screen, username, password),
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
                login,
                username,
                session,
                ..
            },
            Event::SubmitNewPassword {
                password,
                attributes,
            },
        ) => {
            let effect = Effect::CompleteNewPassword {
                login: login.clone(),
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
        _ => stay(),
    }
}
