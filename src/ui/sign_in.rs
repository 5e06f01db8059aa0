//! The sign-in form.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use super::login::login_input;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Login name and password; links to forgot-password and sign-up.
pub(super) fn sign_in(w: Widget) -> Form {
    let t = w.texts();
    let start = w.screen.with_untracked(|s| match &s.step {
        Step::SignIn { username } => username.clone(),
        _ => String::new(),
    });
    let username = RwSignal::new(start);
    let password = RwSignal::new(String::new());
    let (label, kind, _) = login_input(&w.config());
    let mut links = vec![Link::new(t.forgot_password, move || {
        w.send(Event::ShowForgotPassword {
            username: username.get_untracked(),
        })
    })];
    if !w.hide_sign_up {
        links.push(Link::new(t.create_account_link, move || {
            w.send(Event::ShowSignUp)
        }));
    }
    Form {
        title: t.sign_in_title,
        hint: None,
        inputs: vec![
            Input::new("username", label, username, w.error_at(Field::Username))
                .kind(kind, "username"),
            Input::new(
                "password",
                t.password,
                password,
                w.error_at(Field::Password),
            )
            .password(None),
        ],
        submit: Some((t.sign_in, t.signing_in)),
        on_submit: Callback::new(move |()| {
            w.send(Event::SignIn {
                username: username.get_untracked().trim().to_owned(),
                password: Password::new(password.get_untracked()),
            })
        }),
        links,
        remember: None,
        picture: None,
    }
}
