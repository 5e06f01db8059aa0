//! The reset code and a new password (with the pool's checklist).

use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::password::{meets, PasswordField};
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Code + new password.
#[component]
pub(super) fn ResetPassword() -> impl IntoView {
    let w = expect_context::<Widget>();
    let policy = w.config().password_policy;
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let destination = Signal::derive(move || {
        w.screen.with(|s| match &s.step {
            Step::ResetPassword {
                delivery: Some(d), ..
            } => format!("We sent a code to {}.", d.destination),
            _ => "Enter the code we sent you.".to_owned(),
        })
    });
    let rules = policy.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !meets(&rules, &password.get_untracked()) {
            return;
        }
        w.send(Event::ResetPassword {
            code: code.get_untracked().trim().to_owned(),
            password: Password::new(password.get_untracked()),
        });
    };
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">"Choose a new password"</h1>
            <p class="cw-hint" data-testid="cw-destination">{destination}</p>
            <TextField id="cw-code" label="Code" value=code autocomplete="one-time-code" inputmode="numeric" error=w.error_at(Field::Code) />
            <PasswordField id="cw-new-password" label="New password" value=password autocomplete="new-password" error=w.error_at(Field::Password) policy=policy />
            <Submit label="Reset password" busy_label="Resetting…" />
            <p class="cw-links">
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ResendCode)>"Send a new code"</button>
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>"Back to sign in"</button>
            </p>
        </form>
    }
}
