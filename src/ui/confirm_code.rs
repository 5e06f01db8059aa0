//! Enter the code that confirms a new account; resend with a cooldown.

use std::time::Duration;

use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Seconds before another code may be requested.
const COOLDOWN: u32 = 30;

/// The code form, naming where the code went.
#[component]
pub(super) fn ConfirmCode() -> impl IntoView {
    let w = expect_context::<Widget>();
    let code = RwSignal::new(String::new());
    let destination = Signal::derive(move || {
        w.screen.with(|s| match &s.step {
            Step::ConfirmSignUp {
                delivery: Some(d), ..
            } => format!("We sent a code to {}. Enter it below.", d.destination),
            _ => "Enter the code we sent you.".to_owned(),
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
            <h1 class="cw-title">"Confirm your account"</h1>
            <p class="cw-hint" data-testid="cw-destination">{destination}</p>
            <TextField id="cw-code" label="Code" value=code autocomplete="one-time-code" inputmode="numeric" error=w.error_at(Field::Code) />
            <Submit label="Confirm" busy_label="Confirming…" />
            <p class="cw-links">
                <button type="button" class="cw-link" disabled=move || { wait.get() > 0 } on:click=resend>
                    {move || match wait.get() {
                        0 => "Send a new code".to_owned(),
                        s => format!("Send a new code ({s} s)"),
                    }}
                </button>
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>"Back to sign in"</button>
            </p>
        </form>
    }
}
