//! NEW_PASSWORD_REQUIRED: an admin-created user chooses a password and fills in what the pool
//! requires but the administrator left out.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::attribute_fields;
use super::password::{meets, PasswordField};
use super::submit::Submit;
use crate::flow::{Event, Step};
use crate::messages::Field;

/// Choose a new password.
#[component]
pub(super) fn NewPassword() -> impl IntoView {
    let w = expect_context::<Widget>();
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
    let fields = attributes.clone();
    let rules = policy.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !meets(&rules, &password.get_untracked()) {
            return;
        }
        w.send(Event::SubmitNewPassword {
            password: Password::new(password.get_untracked()),
            attributes: fields
                .iter()
                .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                .collect(),
        });
    };
    let attribute_fields = attribute_fields(w, attributes);
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">{t.choose_password_title}</h1>
            <PasswordField id=w.id("new-password") label=t.new_password value=password autocomplete="new-password" error=w.error_at(Field::Password) policy=policy />
            {attribute_fields}
            <Submit label=t.change_password busy_label=t.changing_password />
        </form>
    }
}
