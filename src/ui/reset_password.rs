//! The reset code and a new password (with the pool's checklist).

use cognito_protocol::Password;
use leptos::prelude::*;

use super::checks::{self, filled, Checks};
use super::confirm_code::resend_link;
use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// Code + new password.
pub(super) fn reset_password(w: Widget) -> Form {
    let t = w.texts();
    let policy = w.config().password_policy;
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let destination = Signal::derive(move || {
        w.screen.with(|s| match &s.step {
            Step::ResetPassword {
                delivery: Some(d), ..
            } => fill(t.reset_code_sent_to, &[&d.destination]),
            _ => t.enter_code.to_owned(),
        })
    });
    let checks = Checks::new();
    let code_error = checks.error(filled(t, code), w.error_at(Field::Code));
    let password_error = checks.error(
        checks::new_password(t, policy.clone(), password),
        w.error_at(Field::Password),
    );
    Form {
        title: t.choose_password_title,
        hint: Some(destination),
        inputs: vec![
            Input::new("code", t.code, code, code_error).code(),
            Input::new("new-password", t.new_password, password, password_error)
                .password(Some(policy)),
        ],
        submit: Some((t.reset_password, t.resetting)),
        on_submit: Callback::new(move |()| {
            if !checks.pass() {
                return; // each field now says what is wrong
            }
            w.send(Event::ResetPassword {
                code: code.get_untracked().trim().to_owned(),
                password: Password::new(password.get_untracked()),
            })
        }),
        links: vec![
            resend_link(w),
            Link::new(t.back_to_sign_in, move || w.send(Event::ShowSignIn)),
        ],
        remember: None,
        picture: None,
    }
}
