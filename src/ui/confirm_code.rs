//! Enter the code that confirms a new account; resend with a cooldown.

use std::time::Duration;

use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// Seconds before another code may be requested.
const COOLDOWN: u32 = 30;

/// The code form, naming where the code went.
#[component]
pub(super) fn ConfirmCode() -> impl IntoView {
    let w = expect_context::<Widget>();
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
    let resend = move |_: leptos::ev::MouseEvent| {
        wait.set(COOLDOWN);
        w.send(Event::ResendCode);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        w.send(Event::SubmitCode {
            code: code.get_untracked().trim().to_owned(),
        });
    };
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">{t.confirm_title}</h1>
            <p class="cw-hint" data-testid="cw-destination">{destination}</p>
            <TextField id=w.id("code") label=t.code value=code autocomplete="one-time-code" inputmode="numeric" error=w.error_at(Field::Code) />
            <Submit label=t.confirm busy_label=t.confirming />
            <p class="cw-links">
                <button type="button" class="cw-link" disabled=move || { wait.get() > 0 } on:click=resend>
                    {move || match wait.get() {
                        0 => t.send_new_code.to_owned(),
                        s => fill(t.send_new_code_in, &[&s.to_string()]),
                    }}
                </button>
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>{t.back_to_sign_in}</button>
            </p>
        </form>
    }
}
