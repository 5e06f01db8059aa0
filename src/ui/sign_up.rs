//! The sign-up form: login name, password with the pool's checklist, confirmation, and every
//! required attribute with the right input type and `autocomplete`.

use cognito_protocol::attributes::{check_value, AttributeProblem};
use cognito_protocol::pool::{AttributeSchema, AttributeType};
use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::{attribute_fields, attribute_input, TextField};
use super::login::login_input;
use super::password::{meets, PasswordField};
use super::submit::Submit;
use crate::flow::Event;
use crate::messages::{attribute_problem, Field};

/// What is wrong with a typed value, if anything (an empty optional field is fine).
fn problem(schema: &AttributeSchema, value: &str) -> Option<AttributeProblem> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    check_value(schema, value).err()
}

/// Creates an account.
#[component]
pub(super) fn SignUp() -> impl IntoView {
    let w = expect_context::<Widget>();
    let t = w.texts();
    let config = w.config();
    let (label, kind, login_attribute) = login_input(&config);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let attributes: Vec<(String, RwSignal<String>)> = config
        .required_attributes
        .iter()
        .filter(|a| Some(a.as_str()) != login_attribute)
        .map(|a| (a.clone(), RwSignal::new(String::new())))
        .collect();
    let custom: Vec<(AttributeSchema, RwSignal<String>)> = config
        .custom_attributes
        .iter()
        .map(|a| (a.clone(), RwSignal::new(String::new())))
        .collect();
    let policy = config.password_policy.clone();
    let mismatch = Signal::derive(move || {
        (!again.get().is_empty() && again.get() != password.get())
            .then(|| t.passwords_differ.to_owned())
    });
    let fields = attributes.clone();
    let custom_values = custom.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked() != again.get_untracked()
            || !meets(&policy, &password.get_untracked())
        {
            return; // the checklist and the mismatch message already say why
        }
        // Custom attributes are optional in Cognito; an empty one is not sent.
        let custom: Vec<(String, String)> = custom_values
            .iter()
            .map(|(a, v)| (a.name.clone(), v.get_untracked().trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if custom_values
            .iter()
            .any(|(a, v)| problem(a, &v.get_untracked()).is_some())
        {
            return; // each field already says what is wrong
        }
        w.send(Event::SignUp {
            username: username.get_untracked().trim().to_owned(),
            password: Password::new(password.get_untracked()),
            attributes: fields
                .iter()
                .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                .chain(custom)
                .collect(),
        });
    };
    let attribute_fields = attribute_fields(w, attributes);
    let custom_fields = custom
        .into_iter()
        .map(|(schema, value)| {
            let (label, kind, autocomplete) = attribute_input(t, &schema.name);
            let kind = if schema.data_type == AttributeType::Number { "number" } else { kind };
            let server = w.error_at(Field::Attribute(schema.name.clone()));
            let id = w.id(&format!("attr-{}", schema.name.replace(':', "-")));
            // Checked as the user types, with the rule code the emulator enforces.
            let error = Signal::derive(move || {
                problem(&schema, &value.get()).map(|p| attribute_problem(p, w.language)).or_else(|| server.get())
            });
            view! { <TextField id=id label=label value=value kind=kind.to_owned() autocomplete=autocomplete error=error /> }
        })
        .collect_view();
    view! {
        <form class="cw-form" on:submit=submit novalidate=true>
            <h1 class="cw-title">{t.create_account_title}</h1>
            <TextField id=w.id("username") label=label value=username kind=kind.to_owned() autocomplete="username" error=w.error_at(Field::Username) />
            <PasswordField id=w.id("password") label=t.password value=password autocomplete="new-password" error=w.error_at(Field::Password) policy=config.password_policy.clone() />
            <TextField id=w.id("password-again") label=t.confirm_password value=again kind="password".to_owned() autocomplete="new-password" error=mismatch />
            {attribute_fields}
            {custom_fields}
            <Submit label=t.create_account busy_label=t.creating_account />
            <p class="cw-links">
                <button type="button" class="cw-link" on:click=move |_| w.send(Event::ShowSignIn)>{t.have_account}</button>
            </p>
        </form>
    }
}
