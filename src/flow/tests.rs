//! The transition function as a table: from a screen, an event leads to a screen and an effect.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::wire::{CognitoError, ErrorKind};
use cognito_protocol::Password;

use super::*;
use crate::error::AuthError;
use crate::session::SignOutReason;

pub(super) fn pw(p: &str) -> Password {
    Password::new(p)
}

pub(super) fn at(step: Step) -> Screen {
    Screen {
        step,
        in_flight: None,
        error: None,
        notice: None,
        retries: 0,
    }
}

pub(super) fn busy(step: Step, effect: Effect) -> Screen {
    Screen {
        in_flight: Some(effect),
        ..at(step)
    }
}

pub(super) fn sign_in(username: &str) -> Step {
    Step::SignIn {
        username: username.into(),
    }
}

pub(super) fn cognito(kind: ErrorKind, name: &str) -> AuthError {
    AuthError::Cognito(CognitoError {
        kind,
        name: name.into(),
        message: "server text".into(),
    })
}

pub(super) fn profile() -> Profile {
    Profile {
        username: "ada".into(),
        attributes: vec![("email".into(), "ada@example.com".into())],
    }
}

fn bob() -> Profile {
    Profile {
        username: "bob".into(),
        attributes: vec![("email".into(), "bob@example.com".into())],
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

pub(super) fn sign_in_effect(password: &str) -> Effect {
    Effect::SignIn {
        username: "ada".into(),
        password: pw(password),
    }
}

fn confirm_effect() -> Effect {
    Effect::ConfirmSignUp {
        username: "ada".into(),
        code: "123456".into(),
    }
}

fn retrying(retries: u32, screen: Screen) -> Screen {
    Screen { retries, ..screen }
}

fn end(reason: SignOutReason) -> Effect {
    Effect::EndSession { reason }
}

fn refused(message: &str) -> AuthError {
    AuthError::Cognito(CognitoError::new("NotAuthorizedException", message))
}

fn revoked() -> AuthError {
    refused("Refresh Token has been revoked")
}

fn expired() -> AuthError {
    refused("Refresh Token has expired")
}

fn already_confirmed() -> AuthError {
    refused("User cannot be confirmed. Current status is CONFIRMED")
}

fn sign_up_effect() -> Effect {
    Effect::SignUp {
        username: "ada".into(),
        password: pw("secret1"),
        attributes: vec![],
    }
}

/// (what the row checks, screen before, event, screen after, effect started)
pub(super) type Row = (&'static str, Screen, Event, Screen, Option<Effect>);

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
                login: "ada".into(),
                username: "u-1".into(),
                session: "s".into(),
                required: vec!["family_name".into()],
            },
            at(Step::NewPassword {
                login: "ada".into(),
                username: "u-1".into(),
                session: "s".into(),
                required: vec!["family_name".into()],
            }),
            None,
        ),
        (
            "the new password is sent with the challenge session",
            at(Step::NewPassword {
                login: "ada".into(),
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
                    login: "ada".into(),
                    username: "u-1".into(),
                    session: "s".into(),
                    required: vec![],
                },
                Effect::CompleteNewPassword {
                    login: "ada".into(),
                    username: "u-1".into(),
                    session: "s".into(),
                    password: pw("chosen1"),
                    attributes: vec![],
                },
            ),
            Some(Effect::CompleteNewPassword {
                login: "ada".into(),
                username: "u-1".into(),
                session: "s".into(),
                password: pw("chosen1"),
                attributes: vec![],
            }),
        ),
        (
            "an expired challenge session goes back to sign-in with the name typed",
            busy(
                Step::NewPassword {
                    login: "ada".into(),
                    username: "u-1".into(),
                    session: "s".into(),
                    required: vec![],
                },
                Effect::CompleteNewPassword {
                    login: "ada".into(),
                    username: "u-1".into(),
                    session: "s".into(),
                    password: pw("chosen1"),
                    attributes: vec![],
                },
            ),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(sign_in("ada"))
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
            Event::SignedOut(SignOutReason::User),
            at(sign_in("")),
            None,
        ),
        (
            "a global sign-out Cognito did not confirm keeps the user signed in, saying why",
            busy(Step::SignedIn(profile()), Effect::SignOut { global: true }),
            Event::Failed(AuthError::Network("offline".into())),
            Screen {
                error: Some(AuthError::Network("offline".into())),
                ..at(Step::SignedIn(profile()))
            },
            None,
        ),
        (
            "signing out here ends locally whatever happened",
            busy(Step::SignedIn(profile()), Effect::SignOut { global: false }),
            Event::Failed(AuthError::Storage("blocked".into())),
            at(sign_in("")),
            None,
        ),
        (
            "sign out while a refresh is in flight abandons the refresh",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::SignOut { global: false },
            busy(Step::SignedIn(profile()), Effect::SignOut { global: false }),
            Some(Effect::SignOut { global: false }),
        ),
        (
            "tokens about to expire are refreshed",
            at(Step::SignedIn(profile())),
            Event::RefreshDue,
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Some(Effect::Refresh),
        ),
        (
            "a retry keeps its backoff step",
            retrying(3, at(Step::SignedIn(profile()))),
            Event::RefreshDue,
            retrying(3, busy(Step::SignedIn(profile()), Effect::Refresh)),
            Some(Effect::Refresh),
        ),
        (
            "a refresh that cannot reach Cognito keeps the session, silently, one step further",
            retrying(2, busy(Step::SignedIn(profile()), Effect::Refresh)),
            Event::Failed(AuthError::Network("offline".into())),
            retrying(3, at(Step::SignedIn(profile()))),
            None,
        ),
        (
            "a refresh that timed out keeps the session",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(AuthError::Timeout),
            retrying(1, at(Step::SignedIn(profile()))),
            None,
        ),
        (
            "a proxy's 503 page answering a refresh keeps the session",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(AuthError::Cognito(CognitoError::malformed(
                "HTTP 503, not JSON",
            ))),
            retrying(1, at(Step::SignedIn(profile()))),
            None,
        ),
        (
            "a throttled refresh keeps the session",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(cognito(
                ErrorKind::TooManyRequests,
                "TooManyRequestsException",
            )),
            retrying(1, at(Step::SignedIn(profile()))),
            None,
        ),
        (
            "Cognito's internal error answering a refresh keeps the session",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(cognito(ErrorKind::InternalError, "InternalErrorException")),
            retrying(1, at(Step::SignedIn(profile()))),
            None,
        ),
        (
            "a revoked refresh token ends the session: storage is cleared first",
            retrying(2, busy(Step::SignedIn(profile()), Effect::Refresh)),
            Event::Failed(revoked()),
            Screen {
                error: Some(revoked()),
                ..busy(Step::SignedIn(profile()), end(SignOutReason::Revoked))
            },
            Some(end(SignOutReason::Revoked)),
        ),
        (
            "an expired refresh token ends the session, saying so to the host",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::Failed(expired()),
            Screen {
                error: Some(expired()),
                ..busy(Step::SignedIn(profile()), end(SignOutReason::Expired))
            },
            Some(end(SignOutReason::Expired)),
        ),
        (
            "the ended session's reason stays on the sign-in form",
            Screen {
                error: Some(revoked()),
                ..busy(Step::SignedIn(profile()), end(SignOutReason::Revoked))
            },
            Event::SignedOut(SignOutReason::Revoked),
            Screen {
                error: Some(revoked()),
                ..at(sign_in(""))
            },
            None,
        ),
        (
            "a refresh succeeded: the backoff starts over",
            retrying(4, busy(Step::SignedIn(profile()), Effect::Refresh)),
            Event::SignedIn(profile()),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "signed out in another tab meanwhile",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::SignedOut(SignOutReason::OtherTab),
            at(sign_in("")),
            None,
        ),
        (
            "another tab refreshed: the same user, new tokens",
            at(Step::SignedIn(profile())),
            Event::TabChanged(Some(profile())),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "another tab's refresh lands while ours waits: ours is abandoned, the backoff too",
            retrying(2, busy(Step::SignedIn(profile()), Effect::Refresh)),
            Event::TabChanged(Some(profile())),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "another tab signed in as someone else: follow",
            at(Step::SignedIn(profile())),
            Event::TabChanged(Some(bob())),
            at(Step::SignedIn(bob())),
            None,
        ),
        (
            "another tab signed in while this one shows the sign-in form: follow",
            at(sign_in("ada")),
            Event::TabChanged(Some(bob())),
            at(Step::SignedIn(bob())),
            None,
        ),
        (
            "another tab signed in while this one submits a sign-up: the submit wins",
            busy(Step::SignUp, sign_up_effect()),
            Event::TabChanged(Some(bob())),
            busy(Step::SignUp, sign_up_effect()),
            None,
        ),
        (
            "another tab signed out",
            busy(Step::SignedIn(profile()), Effect::Refresh),
            Event::TabChanged(None),
            at(sign_in("")),
            None,
        ),
        (
            "another tab signed out while this one was not signed in: nothing to do",
            at(Step::SignUp),
            Event::TabChanged(None),
            at(Step::SignUp),
            None,
        ),
        (
            "back from the code form forgets the pending sign-up",
            at(confirming(None)),
            Event::ShowSignIn,
            at(sign_in("")),
            Some(Effect::ForgetPending),
        ),
        (
            "forgetting it changes nothing on screen",
            at(sign_in("")),
            Event::Done,
            at(sign_in("")),
            None,
        ),
        (
            "back while a sign-up is in flight abandons it",
            busy(Step::SignUp, sign_up_effect()),
            Event::ShowSignIn,
            at(sign_in("")),
            None,
        ),
        (
            "back while a code is being checked abandons it and forgets the sign-up",
            busy(confirming(Some("secret1")), confirm_effect()),
            Event::ShowSignIn,
            at(sign_in("")),
            Some(Effect::ForgetPending),
        ),
        (
            "other user events still wait for the submit in flight",
            busy(Step::SignUp, sign_up_effect()),
            Event::SignUp {
                username: "ada".into(),
                password: pw("secret1"),
                attributes: vec![],
            },
            busy(Step::SignUp, sign_up_effect()),
            None,
        ),
        (
            "a confirmation whose answer was lost, retried: already confirmed signs in",
            busy(confirming(Some("secret1")), confirm_effect()),
            Event::Failed(already_confirmed()),
            busy(confirming(Some("secret1")), sign_in_effect("secret1")),
            Some(sign_in_effect("secret1")),
        ),
        (
            "already confirmed after a reload (no password in memory): sign in by hand",
            busy(confirming(None), confirm_effect()),
            Event::Failed(already_confirmed()),
            Screen {
                notice: Some(Notice::AccountConfirmed),
                ..at(sign_in("ada"))
            },
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
    for (what, before, event, after, effect) in rows()
        .into_iter()
        .chain(super::tests_mfa::rows())
        .chain(super::tests_account::rows())
    {
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

#[test]
fn who_may_replace_the_effect_in_flight() {
    // User events (and the refresh timer) may replace an effect in flight; outcomes never do.
    assert!(Event::ShowSignIn.from_user());
    assert!(Event::SignOut { global: false }.from_user());
    assert!(Event::RefreshDue.from_user());
    for outcome in [
        Event::Done,
        Event::Confirmed,
        Event::SignedOut(SignOutReason::User),
        Event::TabChanged(None),
        Event::Failed(AuthError::Timeout),
        Event::SignedIn(profile()),
    ] {
        assert!(!outcome.from_user(), "{outcome:?}");
    }
    // Submits are what the user waits for and may abandon; background work is not.
    assert!(sign_up_effect().is_submit() && confirm_effect().is_submit());
    for background in [
        Effect::Restore,
        Effect::Refresh,
        Effect::SignOut { global: true },
        Effect::ForgetPending,
        end(SignOutReason::Expired),
    ] {
        assert!(!background.is_submit(), "{background:?}");
    }
}
