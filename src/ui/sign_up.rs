//! The sign-up form: login name, password with the pool's checklist, confirmation, and every
//! required attribute with the right input type and `autocomplete`.

use cognito_protocol::pool::AttributeSchema;
use cognito_protocol::Password;
use leptos::prelude::*;

use super::checks::{self, filled, Checks};
use super::context::Widget;
use super::field::{attribute_id, attribute_input, attribute_inputs, schema_input, sent, Input};
use super::form::{Form, Link};
use super::login::login_input;
use crate::flow::Event;
use crate::messages::Field;

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
    // The optional standard attributes the host asks for.
    let optional: Vec<(String, RwSignal<String>)> = config
        .optional_attributes
        .iter()
        .filter(|a| Some(a.as_str()) != login_attribute && !config.required_attributes.contains(a))
        .map(|a| (a.clone(), RwSignal::new(String::new())))
        .collect();
    let custom: Vec<(AttributeSchema, RwSignal<String>)> = config
        .custom_attributes
        .iter()
        .map(|a| (a.clone(), RwSignal::new(String::new())))
        .collect();
    let policy = config.password_policy;
    let checks = Checks::new();
    let again_check = move || {
        again.with(|a| {
            if a.is_empty() {
                Some(t.fill_this_in.to_owned())
            } else {
                (password.with(|p| p != a)).then(|| t.passwords_differ.to_owned())
            }
        })
    };
    // A mismatch shows as soon as both are typed; an empty confirmation once submitted.
    let mismatch = Signal::derive(move || {
        (!again.get().is_empty() && again.get() != password.get())
            .then(|| t.passwords_differ.to_owned())
    });
    let mut inputs = vec![
        Input::new(
            "username",
            label,
            username,
            checks.error(filled(t, username), w.error_at(Field::Username)),
        )
        .kind(kind, "username"),
        Input::new(
            "password",
            t.password,
            password,
            checks.error(
                checks::new_password(t, policy.clone(), password),
                w.error_at(Field::Password),
            ),
        )
        .password(Some(policy)),
        Input::new(
            "password-again",
            t.confirm_password,
            again,
            checks.error(again_check, mismatch),
        )
        .kind("password", "new-password"),
    ];
    inputs.extend(attribute_inputs(w, &attributes, checks));
    inputs.extend(optional.iter().map(|(name, value)| {
        let (label, kind, autocomplete) = attribute_input(t, name);
        let error = w.error_at(Field::Attribute(name.clone()));
        Input::new(&attribute_id(name), label, *value, error)
            .kind(kind, autocomplete)
            .optional()
    }));
    inputs.extend(
        custom
            .iter()
            .map(|(schema, value)| schema_input(w, schema, *value, checks)),
    );
    Form {
        title: t.create_account_title,
        hint: None,
        inputs,
        submit: Some((t.create_account, t.creating_account)),
        on_submit: Callback::new(move |()| {
            if !checks.pass() {
                return; // each field now says what is wrong
            }
            // Optional attributes left empty are not sent.
            let optional_given = optional
                .iter()
                .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                .filter(|(_, v)| !v.is_empty())
                .collect::<Vec<_>>();
            let custom = custom
                .iter()
                .map(|(a, v)| (a.name.clone(), sent(a, v.get_untracked().trim())))
                .filter(|(_, v)| !v.is_empty());
            w.send(Event::SignUp {
                username: username.get_untracked().trim().to_owned(),
                password: Password::new(password.get_untracked()),
                attributes: attributes
                    .iter()
                    .map(|(n, v)| (n.clone(), v.get_untracked().trim().to_owned()))
                    .chain(optional_given)
                    .chain(custom)
                    .collect(),
            })
        }),
        links: vec![Link::new(t.have_account, move || w.send(Event::ShowSignIn))],
        remember: None,
        picture: None,
    }
}
