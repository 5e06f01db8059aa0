//! Forgot password: ask for the login name, send a reset code.

use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::login::login_input;
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// The login name to reset.
#[component]
pub(super) fn ForgotPassword() -> impl IntoView {
    let w = expect_context::<Widget>();
    let t = w.texts();
    let start = w.screen.with_untracked(|s| match &s.step {
        Step::ForgotPassword { username } => username.clone(),
        _ => String::new(),
    });
    let username = RwSignal::new(start);
    let (label, kind, _) = login_input(&w.config());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        w.send(Event::RequestReset {
            username: username.get_untracked().trim().to_owned(),
        });
    };
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">{t.reset_title}</h1>
            <TextField id=w.id("username") label=label value=username kind=kind.to_owned() autocomplete="username" error=w.error_at(Field::Username) />
            <Submit label=t.send_code busy_label=t.sending />
            <p class="cw-links">
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>{t.back_to_sign_in}</button>
            </p>
        </form>
    }
}
