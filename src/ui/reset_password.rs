//! The reset code and a new password (with the pool's checklist).

use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::password::{meets, PasswordField};
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// Code + new password.
#[component]
pub(super) fn ResetPassword() -> impl IntoView {
    let w = expect_context::<Widget>();
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
            <h1 class="cw-title">{t.choose_password_title}</h1>
            <p class="cw-hint" data-testid="cw-destination">{destination}</p>
            <TextField id=w.id("code") label=t.code value=code autocomplete="one-time-code" inputmode="numeric" error=w.error_at(Field::Code) />
            <PasswordField id=w.id("new-password") label=t.new_password value=password autocomplete="new-password" error=w.error_at(Field::Password) policy=policy />
            <Submit label=t.reset_password busy_label=t.resetting />
            <p class="cw-links">
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ResendCode)>{t.send_new_code}</button>
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>{t.back_to_sign_in}</button>
            </p>
        </form>
    }
}
