//! NEW_PASSWORD_REQUIRED: an admin-created user chooses a password and fills in what the pool
//! requires but the administrator left out.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::checks::{self, Checks};
use super::context::Widget;
use super::field::{attribute_inputs, Input};
use super::form::Form;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Choose a new password.
pub(super) fn new_password(w: Widget) -> Form {
    let t = w.texts();
    let policy = w.config().password_policy;
    let required = w.screen.with_untracked(|s| match &s.step {
        Step::NewPassword { required, .. } => required.clone(),
        _ => Vec::new(),
    });
    let password = RwSignal::new(String::new());
    let attributes: Vec<(String, RwSignal<String>)> = required
        .into_iter()
        .map(|a| (a, RwSignal::new(String::new())))
        .collect();
    let checks = Checks::new();
    let password_error = checks.error(
        checks::new_password(t, policy.clone(), password),
        w.error_at(Field::Password),
    );
    let mut inputs = vec![
        Input::new("new-password", t.new_password, password, password_error).password(Some(policy)),
    ];
    inputs.extend(attribute_inputs(w, &attributes, checks));
    Form {
        title: t.choose_password_title,
        hint: None,
        inputs,
        submit: Some((t.change_password, t.changing_password)),
        on_submit: Callback::new(move |()| {
            if !checks.pass() {
                return; // each field now says what is wrong
            }
            w.send(Event::SubmitNewPassword {
                password: Password::new(password.get_untracked()),
                attributes: attributes
                    .iter()
                    .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                    .collect(),
            })
        }),
        links: Vec::new(),
        remember: None,
        picture: None,
    }
}
