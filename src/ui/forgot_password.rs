//! Forgot password: ask for the login name, send a reset code.

use leptos::prelude::*;

use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use super::login::login_input;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// The login name to reset.
pub(super) fn forgot_password(w: Widget) -> Form {
    let t = w.texts();
    let start = w.screen.with_untracked(|s| match &s.step {
        Step::ForgotPassword { username } => username.clone(),
        _ => String::new(),
    });
    let username = RwSignal::new(start);
    let (label, kind, _) = login_input(&w.config());
    Form {
        title: t.reset_title,
        hint: None,
        inputs: vec![
            Input::new("username", label, username, w.error_at(Field::Username))
                .kind(kind, "username"),
        ],
        submit: Some((t.send_code, t.sending)),
        on_submit: Callback::new(move |()| {
            w.send(Event::RequestReset {
                username: username.get_untracked().trim().to_owned(),
            })
        }),
        links: vec![Link::new(t.back_to_sign_in, move || {
            w.send(Event::ShowSignIn)
        })],
        remember: None,
        picture: None,
    }
}
