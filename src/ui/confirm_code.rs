//! Enter the code that confirms a new account; resend with a cooldown.

use std::time::Duration;

use leptos::prelude::*;

use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// Seconds before another code may be requested.
const COOLDOWN: u32 = 30;

/// "Send a new code", pressable again after a cooldown (a countdown says when), for every form
/// that takes a code.
pub(super) fn resend_link(w: Widget) -> Link {
    let t = w.texts();
    let wait = RwSignal::new(COOLDOWN);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            // The interval may fire once more after the view is gone.
            let _ = wait.try_update(|s| *s = s.saturating_sub(1));
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    Link {
        label: Signal::derive(move || match wait.get() {
            0 => t.send_new_code.to_owned(),
            s => fill(t.send_new_code_in, &[&s.to_string()]),
        }),
        disabled: Signal::derive(move || wait.get() > 0),
        action: Callback::new(move |()| {
            wait.set(COOLDOWN);
            w.send(Event::ResendCode);
        }),
    }
}

/// The code form, naming where the code went.
pub(super) fn confirm_code(w: Widget) -> Form {
    let t = w.texts();
    let code = RwSignal::new(String::new());
    let destination = Signal::derive(move || {
        w.screen.with(|s| match &s.step {
            Step::ConfirmSignUp {
                delivery: Some(d), ..
            } => fill(t.code_sent_to, &[&d.destination]),
            _ => t.enter_code.to_owned(),
        })
    });
    let resend = resend_link(w);
    Form {
        title: t.confirm_title,
        hint: Some(destination),
        inputs: vec![Input::new("code", t.code, code, w.error_at(Field::Code)).code()],
        submit: Some((t.confirm, t.confirming)),
        on_submit: Callback::new(move |()| {
            w.send(Event::SubmitCode {
                code: code.get_untracked().trim().to_owned(),
            })
        }),
        links: vec![
            resend,
            Link::new(t.back_to_sign_in, move || w.send(Event::ShowSignIn)),
        ],
        remember: None,
        picture: None,
    }
}
