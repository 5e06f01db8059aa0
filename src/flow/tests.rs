//! The transition function as a table: from a screen, an event leads to a screen and an effect.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::wire::{CognitoError, ErrorKind};
use cognito_protocol::Password;

use super::*;
use crate::error::AuthError;

fn pw(p: &str) -> Password {
    Password::new(p)
}

fn at(step: Step) -> Screen {
    Screen {
        step,
        in_flight: None,
        error: None,
        notice: None,
    }
}

fn busy(step: Step, effect: Effect) -> Screen {
    Screen {
        in_flight: Some(effect),
        ..at(step)
    }
}

fn sign_in(username: &str) -> Step {
    Step::SignIn {
        username: username.into(),
    }
}

fn cognito(kind: ErrorKind, name: &str) -> AuthError {
    AuthError::Cognito(CognitoError {
        kind,
        name: name.into(),
        message: "server text".into(),
    })
}

fn profile() -> Profile {
    Profile {
        username: "ada".into(),
        attributes: vec![("email".into(), "ada@example.com".into())],
    }
}

fn delivery() -> Delivery {
    Delivery {
        destination: "a***@e***".into(),
        medium: "EMAIL".into(),
    }
}

fn confirming(password: Option<&str>) -> Step {
    Step::ConfirmSignUp {
        username: "ada".into(),
        delivery: Some(delivery()),
        password: password.map(pw),
    }
}

fn sign_in_effect(password: &str) -> Effect {
    Effect::SignIn {
        username: "ada".into(),
        password: pw(password),
    }
}

fn sign_up_effect() -> Effect {
    Effect::SignUp {
        username: "ada".into(),
        password: pw("secret1"),
        attributes: vec![],
    }
}

/// (what the row checks, screen before, event, screen after, effect started)
type Row = (&'static str, Screen, Event, Screen, Option<Effect>);

fn rows() -> Vec<Row> {
    let nothing = Event::Restored(Restored::Nothing);
    let password_reset = || Step::ResetPassword {
        username: "ada".into(),
        delivery: None,
    };
    vec![
        (
            "start restores",
            Screen::start().0,
            nothing,
            at(sign_in("")),
            None,
        ),
        (
            "a stored session signs in",
            Screen::start().0,
            Event::Restored(Restored::Session(profile())),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "a pending confirmation survives a reload",
            Screen::start().0,
            Event::Restored(Restored::Confirming {
                username: "ada".into(),
                delivery: None,
            }),
            at(Step::ConfirmSignUp {
                username: "ada".into(),
                delivery: None,
                password: None,
            }),
            None,
        ),
        (
            "sign-in submits SRP",
            at(sign_in("")),
            Event::SignIn {
                username: "ada".into(),
                password: pw("secret1"),
            },
            busy(sign_in("ada"), sign_in_effect("secret1")),
            Some(sign_in_effect("secret1")),
        ),
        (
            "a second submit while one is in flight is ignored",
            busy(sign_in("ada"), sign_in_effect("secret1")),
            Event::SignIn {
                username: "ada".into(),
                password: pw("other"),
            },
            busy(sign_in("ada"), sign_in_effect("secret1")),
            None,
        ),
        (
            "a wrong password stays on sign-in with the error",
            busy(sign_in("ada"), sign_in_effect("wrong")),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(sign_in("ada"))
            },
            None,
        ),
        (
            "an unconfirmed user is sent to the code form and a code is sent",
            busy(sign_in("ada"), sign_in_effect("secret1")),
            Event::Failed(cognito(
                ErrorKind::UserNotConfirmed,
                "UserNotConfirmedException",
            )),
            busy(
                Step::ConfirmSignUp {
                    username: "ada".into(),
                    delivery: None,
                    password: Some(pw("secret1")),
                },
                Effect::ResendCode {
                    username: "ada".into(),
                },
            ),
            Some(Effect::ResendCode {
                username: "ada".into(),
            }),
        ),
        (
            "a reset required by an admin asks for a code and a new password",
            busy(sign_in("ada"), sign_in_effect("secret1")),
            Event::Failed(cognito(
                ErrorKind::PasswordResetRequired,
                "PasswordResetRequiredException",
            )),
            Screen {
                error: Some(cognito(
                    ErrorKind::PasswordResetRequired,
                    "PasswordResetRequiredException",
                )),
                ..busy(
                    password_reset(),
                    Effect::ForgotPassword {
                        username: "ada".into(),
                    },
                )
            },
            Some(Effect::ForgotPassword {
                username: "ada".into(),
            }),
        ),
        (
            "tokens sign in",
            busy(sign_in("ada"), sign_in_effect("secret1")),
            Event::SignedIn(profile()),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "NEW_PASSWORD_REQUIRED asks for a password and missing attributes",
            busy(sign_in("ada"), sign_in_effect("temp")),
            Event::NewPasswordRequired {
                username: "u-1".into(),
                session: "s".into(),
                required: vec!["family_name".into()],
            },
            at(Step::NewPassword {
                username: "u-1".into(),
                session: "s".into(),
                required: vec!["family_name".into()],
            }),
            None,
        ),
        (
            "the new password is sent with the challenge session",
            at(Step::NewPassword {
                username: "u-1".into(),
                session: "s".into(),
                required: vec![],
            }),
            Event::SubmitNewPassword {
                password: pw("chosen1"),
                attributes: vec![],
            },
            busy(
                Step::NewPassword {
                    username: "u-1".into(),
                    session: "s".into(),
                    required: vec![],
                },
                Effect::CompleteNewPassword {
                    username: "u-1".into(),
                    session: "s".into(),
                    password: pw("chosen1"),
                    attributes: vec![],
                },
            ),
            Some(Effect::CompleteNewPassword {
                username: "u-1".into(),
                session: "s".into(),
                password: pw("chosen1"),
                attributes: vec![],
            }),
        ),
        (
            "an expired challenge session goes back to sign-in",
            busy(
                Step::NewPassword {
                    username: "u-1".into(),
                    session: "s".into(),
                    required: vec![],
                },
                Effect::CompleteNewPassword {
                    username: "u-1".into(),
                    session: "s".into(),
                    password: pw("chosen1"),
                    attributes: vec![],
                },
            ),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(sign_in("u-1"))
            },
            None,
        ),
        (
            "sign-up form",
            at(sign_in("")),
            Event::ShowSignUp,
            at(Step::SignUp),
            None,
        ),
        (
            "sign-up submits",
            at(Step::SignUp),
            Event::SignUp {
                username: "ada".into(),
                password: pw("secret1"),
                attributes: vec![],
            },
            busy(Step::SignUp, sign_up_effect()),
            Some(sign_up_effect()),
        ),
        (
            "a sign-up that needs a code keeps the password in memory",
            busy(Step::SignUp, sign_up_effect()),
            Event::SignedUp {
                confirmed: false,
                delivery: Some(delivery()),
            },
            at(confirming(Some("secret1"))),
            None,
        ),
        (
            "an auto-confirmed sign-up signs straight in",
            busy(Step::SignUp, sign_up_effect()),
            Event::SignedUp {
                confirmed: true,
                delivery: None,
            },
            busy(Step::SignUp, sign_in_effect("secret1")),
            Some(sign_in_effect("secret1")),
        ),
        (
            "a taken username stays on sign-up with the error",
            busy(Step::SignUp, sign_up_effect()),
            Event::Failed(cognito(
                ErrorKind::UsernameExists,
                "UsernameExistsException",
            )),
            Screen {
                error: Some(cognito(
                    ErrorKind::UsernameExists,
                    "UsernameExistsException",
                )),
                ..at(Step::SignUp)
            },
            None,
        ),
        (
            "the code is submitted",
            at(confirming(Some("secret1"))),
            Event::SubmitCode {
                code: "123456".into(),
            },
            busy(
                confirming(Some("secret1")),
                Effect::ConfirmSignUp {
                    username: "ada".into(),
                    code: "123456".into(),
                },
            ),
            Some(Effect::ConfirmSignUp {
                username: "ada".into(),
                code: "123456".into(),
            }),
        ),
        (
            "a wrong code stays with the error",
            busy(
                confirming(None),
                Effect::ConfirmSignUp {
                    username: "ada".into(),
                    code: "000000".into(),
                },
            ),
            Event::Failed(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
            Screen {
                error: Some(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
                ..at(confirming(None))
            },
            None,
        ),
        (
            "confirmed with the password in memory: sign in automatically",
            busy(
                confirming(Some("secret1")),
                Effect::ConfirmSignUp {
                    username: "ada".into(),
                    code: "1".into(),
                },
            ),
            Event::Confirmed,
            busy(confirming(Some("secret1")), sign_in_effect("secret1")),
            Some(sign_in_effect("secret1")),
        ),
        (
            "confirmed without it (after a reload): sign-in with the name filled in",
            busy(
                confirming(None),
                Effect::ConfirmSignUp {
                    username: "ada".into(),
                    code: "1".into(),
                },
            ),
            Event::Confirmed,
            Screen {
                notice: Some(Notice::AccountConfirmed),
                ..at(sign_in("ada"))
            },
            None,
        ),
        (
            "the automatic sign-in failing leaves the user at sign-in",
            busy(confirming(Some("secret1")), sign_in_effect("secret1")),
            Event::Failed(AuthError::Network("offline".into())),
            Screen {
                error: Some(AuthError::Network("offline".into())),
                ..at(sign_in("ada"))
            },
            None,
        ),
        (
            "resend",
            at(confirming(None)),
            Event::ResendCode,
            busy(
                confirming(None),
                Effect::ResendCode {
                    username: "ada".into(),
                },
            ),
            Some(Effect::ResendCode {
                username: "ada".into(),
            }),
        ),
        (
            "a resent code says so and where it went",
            busy(
                Step::ConfirmSignUp {
                    username: "ada".into(),
                    delivery: None,
                    password: None,
                },
                Effect::ResendCode {
                    username: "ada".into(),
                },
            ),
            Event::CodeSent(Some(delivery())),
            Screen {
                notice: Some(Notice::CodeResent),
                ..at(confirming(None))
            },
            None,
        ),
        (
            "forgot password carries the typed name",
            at(sign_in("")),
            Event::ShowForgotPassword {
                username: "ada".into(),
            },
            at(Step::ForgotPassword {
                username: "ada".into(),
            }),
            None,
        ),
        (
            "forgot password sends a code",
            at(Step::ForgotPassword {
                username: String::new(),
            }),
            Event::RequestReset {
                username: "ada".into(),
            },
            busy(
                Step::ForgotPassword {
                    username: "ada".into(),
                },
                Effect::ForgotPassword {
                    username: "ada".into(),
                },
            ),
            Some(Effect::ForgotPassword {
                username: "ada".into(),
            }),
        ),
        (
            "the reset code went out",
            busy(
                Step::ForgotPassword {
                    username: "ada".into(),
                },
                Effect::ForgotPassword {
                    username: "ada".into(),
                },
            ),
            Event::CodeSent(Some(delivery())),
            at(Step::ResetPassword {
                username: "ada".into(),
                delivery: Some(delivery()),
            }),
            None,
        ),
        (
            "code and new password reset it",
            at(password_reset()),
            Event::ResetPassword {
                code: "123456".into(),
                password: pw("newpass1"),
            },
            busy(
                password_reset(),
                Effect::ConfirmForgotPassword {
                    username: "ada".into(),
                    code: "123456".into(),
                    password: pw("newpass1"),
                },
            ),
            Some(Effect::ConfirmForgotPassword {
                username: "ada".into(),
                code: "123456".into(),
                password: pw("newpass1"),
            }),
        ),
        (
            "after a reset: sign in with the new password",
            busy(
                password_reset(),
                Effect::ConfirmForgotPassword {
                    username: "ada".into(),
                    code: "1".into(),
                    password: pw("n"),
                },
            ),
            Event::PasswordReset,
            Screen {
                notice: Some(Notice::PasswordReset),
                ..at(sign_in("ada"))
            },
            None,
        ),
        (
            "sign out",
            at(Step::SignedIn(profile())),
            Event::SignOut { global: true },
            busy(Step::SignedIn(profile()), Effect::SignOut { global: true }),
            Some(Effect::SignOut { global: true }),
        ),
        (
            "signed out",
            busy(Step::SignedIn(profile()), Effect::SignOut { global: false }),
            Event::SignedOut,
            at(sign_in("")),
            None,
        ),
        (
            "a global sign-out the server refused still signs out here",
            busy(Step::SignedIn(profile()), Effect::SignOut { global: true }),
            Event::Failed(AuthError::Network("offline".into())),
            at(sign_in("")),
            None,
        ),
        (
            "tokens about to expire are refreshed",
            at(Step::SignedIn(profile())),
            Event::RefreshDue,
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Some(Effect::Refresh),
        ),
        (
            "a refresh that cannot reach Cognito keeps the user signed in",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(AuthError::Network("offline".into())),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "a refused refresh token ends the session",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(sign_in(""))
            },
            None,
        ),
        (
            "a refresh succeeded",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::SignedIn(profile()),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "a code on the sign-in form makes no sense: ignored",
            at(sign_in("ada")),
            Event::SubmitCode {
                code: "123456".into(),
            },
            at(sign_in("ada")),
            None,
        ),
        (
            "sign out while not signed in: ignored",
            at(sign_in("ada")),
            Event::SignOut { global: false },
            at(sign_in("ada")),
            None,
        ),
    ]
}

#[test]
fn transitions() {
    let mut failures = Vec::new();
    for (what, before, event, after, effect) in rows() {
        let got = next(&before, event);
        if got != (after.clone(), effect.clone()) {
            failures.push(format!(
                "{what}:\n  got      {got:?}\n  expected {:?}",
                (after, effect)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn start_runs_restore() {
    let (screen, effect) = Screen::start();
    assert_eq!(effect, Effect::Restore);
    assert_eq!(screen.step, Step::Restoring);
}
