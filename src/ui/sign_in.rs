//! The sign-in form.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use super::login::login_input;
use super::password::PasswordField;
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Login name and password; links to sign-up and forgot-password.
#[component]
pub(super) fn SignIn() -> impl IntoView {
    let w = expect_context::<Widget>();
    let t = w.texts();
    let start = w.screen.with_untracked(|s| match &s.step {
        Step::SignIn { username } => username.clone(),
        _ => String::new(),
    });
    let username = RwSignal::new(start);
    let password = RwSignal::new(String::new());
    let (label, kind, _) = login_input(&w.config());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        w.send(Event::SignIn {
            username: username.get_untracked().trim().to_owned(),
            password: Password::new(password.get_untracked()),
        });
    };
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">{t.sign_in_title}</h1>
            <TextField id=w.id("username") label=label value=username kind=kind.to_owned() autocomplete="username" error=w.error_at(Field::Username) />
            <PasswordField id=w.id("password") label=t.password value=password autocomplete="current-password" error=w.error_at(Field::Password) />
            <Submit label=t.sign_in busy_label=t.signing_in />
            <p class="cw-links">
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowForgotPassword { username: username.get_untracked() })>
                    {t.forgot_password}
                </button>
                {(!w.hide_sign_up).then(|| view! {
                    <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignUp)>
                    {t.create_account_link}
                </button>
                })}
            </p>
        </form>
    }
}
