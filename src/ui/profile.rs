//! The signed-in user's profile: what the client may read (GetUser), with verified badges on
//! the e-mail address and phone number; a form for what it may write, checked as sign-up
//! checks it; and the code that verifies a changed or unverified address.

use cognito_protocol::pool::{AttributeSchema, AttributeType};
use leptos::prelude::*;

use super::checks::{filled, Checks};
use super::confirm_code::resend_link;
use super::context::Widget;
use super::field::{attribute_input, schema_input, sent, shown, Input};
use super::form::{Form, Link};
use super::qr::escape;
use crate::config::Config;
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// Attributes nobody writes: Cognito keeps them.
fn kept(name: &str) -> bool {
    matches!(name, "sub" | "identities" | "updated_at") || name.ends_with("_verified")
}

/// The schema of an attribute the profile may edit: a custom one's from the configuration;
/// a standard one is a string (a birth date exactly 10 characters).
fn schema_of(config: &Config, name: &str) -> AttributeSchema {
    config
        .custom_attributes
        .iter()
        .find(|a| a.name == name)
        .cloned()
        .unwrap_or_else(|| AttributeSchema {
            name: name.to_owned(),
            data_type: AttributeType::String,
            mutable: true,
            required: false,
            min: Some(if name == "birthdate" { 10 } else { 0 }),
            max: Some(if name == "birthdate" { 10 } else { 2048 }),
        })
}

/// Whether the client may write `name`: the configuration's `write_attributes` when it has
/// them (the emulator's does), else any attribute Cognito does not keep (Cognito refuses the
/// rest, and the form says why).
fn writable(config: &Config, name: &str) -> bool {
    !kept(name)
        && config
            .write_attributes
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == name))
        && config
            .custom_attributes
            .iter()
            .all(|a| a.name != name || a.mutable)
}

/// The profile: read-only attributes listed, writable ones in a form; only changed values are
/// sent. "Verify" for an unverified address.
pub(super) fn profile(w: Widget) -> Form {
    let t = w.texts();
    let config = w.config();
    let attributes = w.screen.with_untracked(|s| match &s.step {
        Step::Profile { attributes, .. } => attributes.clone(),
        _ => Vec::new(),
    });
    let value_of = |name: &str| {
        attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let badge = |name: &str| {
        let verified = value_of(&format!("{name}_verified"))?;
        Some(if verified == "true" {
            t.verified
        } else {
            t.not_verified
        })
    };
    // What the form offers: the user's attributes, then those they lack that sign-up asks for,
    // and an e-mail address or phone number the client may write. Addresses first, then
    // names, then the rest; custom attributes last.
    let mut names: Vec<String> = attributes.iter().map(|(n, _)| n.clone()).collect();
    let addresses = ["email", "phone_number"].map(String::from);
    let may_add = config.write_attributes.iter().flatten();
    for extra in config
        .required_attributes
        .iter()
        .chain(&config.optional_attributes)
        .chain(config.custom_attributes.iter().map(|a| &a.name))
        .chain(may_add.filter(|a| addresses.contains(a)))
    {
        if !names.contains(extra) {
            names.push(extra.clone());
        }
    }
    let rank = |name: &str| match name {
        "email" => 0,
        "phone_number" => 1,
        "given_name" | "name" => 2,
        "family_name" => 3,
        n if n.starts_with("custom:") => 5,
        _ => 4,
    };
    names.sort_by_key(|n| rank(n));
    let checks = Checks::new();
    let mut listed = String::new();
    let mut inputs = Vec::new();
    // (name, as the input showed it, what the user typed now, its schema)
    let mut fields: Vec<(String, String, RwSignal<String>, AttributeSchema)> = Vec::new();
    for name in names.into_iter().filter(|n| !kept(n)) {
        let (label, ..) = attribute_input(t, &name);
        let label = match badge(&name) {
            Some(badge) => format!("{label} ({badge})"),
            None => label,
        };
        let now = value_of(&name).unwrap_or_default().to_owned();
        if !writable(&config, &name) {
            if !now.is_empty() {
                listed.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(&label),
                    escape(&now)
                ));
            }
            continue;
        }
        let schema = schema_of(&config, &name);
        let before = shown(&schema, &now);
        let value = RwSignal::new(before.clone());
        let mut input = schema_input(w, &schema, value, checks);
        input.label = label;
        // An attribute the user has and the pool requires cannot be emptied.
        if config.required_attributes.contains(&name) {
            let server = w.error_at(Field::Attribute(name.clone()));
            input = Input {
                error: checks.error(filled(t, value), server),
                optional: false,
                ..input
            };
        }
        inputs.push(input);
        fields.push((name, before, value, schema));
    }
    let mut links = Vec::new();
    for (name, title) in [("email", t.verify_email), ("phone_number", t.verify_phone)] {
        if value_of(name).is_some() && badge(name) == Some(t.not_verified) {
            links.push(Link::new(title, move || {
                w.send(Event::VerifyNow(name.to_owned()))
            }));
        }
    }
    links.push(Link::new(t.cancel, move || w.send(Event::ShowSignedIn)));
    Form {
        title: t.your_profile,
        picture: (!listed.is_empty()).then(|| format!("<dl class=\"cw-attributes\">{listed}</dl>")),
        inputs,
        submit: Some((t.save_changes, t.saving)),
        on_submit: Callback::new(move |()| {
            if !checks.pass() {
                return;
            }
            // Only what changed (an emptied attribute is sent empty: Cognito removes it).
            let changes = fields
                .iter()
                .filter_map(|(name, before, value, schema)| {
                    let typed = value.get_untracked().trim().to_owned();
                    (typed != *before).then(|| (name.clone(), sent(schema, &typed)))
                })
                .collect();
            w.send(Event::SaveProfile(changes));
        }),
        links,
        ..Form::empty()
    }
}

/// The code that verifies an e-mail address or phone number, with a new code after a
/// cooldown; the hint says which address is in use meanwhile.
pub(super) fn verify_attribute(w: Widget) -> Form {
    let t = w.texts();
    let (attributes, verifying) = w.screen.with_untracked(|s| match &s.step {
        Step::VerifyAttribute {
            attributes,
            verifying,
            ..
        } => (attributes.clone(), Some(verifying.clone())),
        _ => (Vec::new(), None),
    });
    let Some(verifying) = verifying else {
        return Form::empty();
    };
    let now = attributes
        .iter()
        .find(|(n, _)| *n == verifying.attribute)
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut hint = match &verifying.delivery {
        Some(d) => fill(t.reset_code_sent_to, &[&d.destination]),
        None => t.enter_code.to_owned(),
    };
    hint.push(' ');
    hint.push_str(&match &verifying.waiting {
        Some(new) => fill(t.address_waiting, &[&now, new]),
        None => fill(t.address_unverified, &[&now]),
    });
    let title = if verifying.attribute == "email" {
        t.verify_email
    } else {
        t.verify_phone
    };
    let code = RwSignal::new(String::new());
    Form {
        title,
        hint: Some(Signal::stored(hint)),
        inputs: vec![Input::new("code", t.code, code, w.error_at(Field::Code)).code()],
        submit: Some((t.verify, t.verifying)),
        on_submit: Callback::new(move |()| {
            w.send(Event::SubmitCode {
                code: code.get_untracked().trim().to_owned(),
            })
        }),
        links: vec![
            resend_link(w),
            Link::new(t.cancel, move || w.send(Event::ShowProfile)),
        ],
        ..Form::empty()
    }
}
