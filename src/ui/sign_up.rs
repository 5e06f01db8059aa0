//! The sign-up form: login name, password with the pool's checklist, confirmation, and every
//! required attribute with the right input type and `autocomplete`.

use cognito_protocol::attributes::{check_value, AttributeProblem};
use cognito_protocol::pool::{AttributeSchema, AttributeType};
use cognito_protocol::Password;
use leptos::prelude::*;

use super::context::Widget;
use super::field::{attribute_id, attribute_input, attribute_inputs, Input};
use super::form::{Form, Link};
use super::login::login_input;
use super::password::meets;
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
pub(super) fn sign_up(w: Widget) -> Form {
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
    let policy = config.password_policy;
    let mismatch = Signal::derive(move || {
        (!again.get().is_empty() && again.get() != password.get())
            .then(|| t.passwords_differ.to_owned())
    });
    let mut inputs = vec![
        Input::new("username", label, username, w.error_at(Field::Username)).kind(kind, "username"),
        Input::new(
            "password",
            t.password,
            password,
            w.error_at(Field::Password),
        )
        .password(Some(policy.clone())),
        Input::new("password-again", t.confirm_password, again, mismatch)
            .kind("password", "new-password"),
    ];
    inputs.extend(attribute_inputs(w, &attributes));
    inputs.extend(custom.iter().map(|(schema, value)| {
        let (label, kind, autocomplete) = attribute_input(t, &schema.name);
        let kind = if schema.data_type == AttributeType::Number {
            "number"
        } else {
            kind
        };
        let server = w.error_at(Field::Attribute(schema.name.clone()));
        let (schema_, value_) = (schema.clone(), *value);
        // Checked as the user types, with the rule code the emulator enforces.
        let error = Signal::derive(move || {
            problem(&schema_, &value_.get())
                .map(|p| attribute_problem(p, w.language))
                .or_else(|| server.get())
        });
        Input::new(&attribute_id(&schema.name), label, *value, error).kind(kind, autocomplete)
    }));
    Form {
        title: t.create_account_title,
        hint: None,
        inputs,
        submit: Some((t.create_account, t.creating_account)),
        on_submit: Callback::new(move |()| {
            if password.get_untracked() != again.get_untracked()
                || !meets(&policy, &password.get_untracked())
            {
                return; // the checklist and the mismatch message already say why
            }
            if custom
                .iter()
                .any(|(a, v)| problem(a, &v.get_untracked()).is_some())
            {
                return; // each field already says what is wrong
            }
            // Custom attributes are optional in Cognito; an empty one is not sent.
            let custom = custom
                .iter()
                .map(|(a, v)| (a.name.clone(), v.get_untracked().trim().to_owned()))
                .filter(|(_, v)| !v.is_empty());
            w.send(Event::SignUp {
                username: username.get_untracked().trim().to_owned(),
                password: Password::new(password.get_untracked()),
                attributes: attributes
                    .iter()
                    .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                    .chain(custom)
                    .collect(),
            })
        }),
        links: vec![Link::new(t.have_account, move || w.send(Event::ShowSignIn))],
    }
}
