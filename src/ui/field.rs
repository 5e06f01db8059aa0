//! One input as data ([`Input`]) and its rendering: label, error wired for assistive
//! technology, show-password toggle and checklist; and the attribute → input mapping.

use cognito_protocol::attributes::{check_value, AttributeProblem};
use cognito_protocol::password_policy::PasswordPolicy;
use cognito_protocol::pool::{AttributeSchema, AttributeType};
use leptos::prelude::*;

use super::checks::{filled, Checks};
use super::context::Widget;
use super::password::checklist;
use crate::i18n::Catalogue;
use crate::messages::{attribute_problem, Field};

/// One input of a form, as data; [`field`] renders it.
pub(super) struct Input {
    /// The element id within the widget (`username` → `cw-username`); its message gets
    /// `<id>-error`.
    pub id: String,
    /// The visible label.
    pub label: String,
    /// What the user typed; kept across errors.
    pub value: RwSignal<String>,
    /// The input type (`text`, `email`, `tel`, `password`, `date`…).
    pub kind: &'static str,
    /// A password with a show toggle.
    pub secret: bool,
    /// The `autocomplete` token, so browsers and password managers fill it in.
    pub autocomplete: &'static str,
    /// A code: `inputmode="numeric"`.
    pub numeric: bool,
    /// The error to show under the field.
    pub error: Signal<Option<String>>,
    /// A new password's rules, shown as a live checklist.
    pub policy: Option<PasswordPolicy>,
    /// May be left empty (not marked `required`).
    pub optional: bool,
    /// A number's bounds (`min`, `max`), as the schema gives them.
    pub bounds: (Option<String>, Option<String>),
}

impl Input {
    /// A text input with no `autocomplete` token.
    pub(super) fn new(
        id: &str,
        label: impl Into<String>,
        value: RwSignal<String>,
        error: Signal<Option<String>>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            label: label.into(),
            value,
            kind: "text",
            secret: false,
            autocomplete: "",
            numeric: false,
            error,
            policy: None,
            optional: false,
            bounds: (None, None),
        }
    }

    /// May be left empty.
    pub(super) fn optional(self) -> Self {
        Self {
            optional: true,
            ..self
        }
    }

    /// The input type and `autocomplete` token.
    pub(super) fn kind(mut self, kind: &'static str, autocomplete: &'static str) -> Self {
        self.kind = kind;
        self.autocomplete = autocomplete;
        self
    }

    /// A password: `current-password`, or with the pool's rules a `new-password` with its
    /// checklist.
    pub(super) fn password(mut self, policy: Option<PasswordPolicy>) -> Self {
        self.kind = "password";
        self.secret = true;
        self.autocomplete = if policy.is_some() {
            "new-password"
        } else {
            "current-password"
        };
        self.policy = policy;
        self
    }

    /// A one-time code typed on a numeric keypad.
    pub(super) fn code(self) -> Self {
        Self {
            numeric: true,
            ..self.kind("text", "one-time-code")
        }
    }
}

/// A labelled input with its error wired for assistive technology (`aria-invalid`,
/// `aria-describedby`); for a password, a show toggle and, with rules, the checklist.
pub(super) fn field(w: Widget, input: Input) -> impl IntoView {
    let t = w.texts();
    let Input {
        id,
        label,
        value,
        kind,
        secret,
        autocomplete,
        numeric,
        error,
        policy,
        optional,
        bounds: (min, max),
    } = input;
    let id = w.id(&id);
    let error_id = format!("{id}-error");
    let rules_id = format!("{id}-rules");
    let shown = RwSignal::new(false);
    let described = {
        let (error_id, rules_id) = (error_id.clone(), rules_id.clone());
        let has_rules = policy.is_some();
        move || {
            let mut ids: Vec<&str> = Vec::new();
            if has_rules {
                ids.push(&rules_id);
            }
            if error.get().is_some() {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let toggle = secret.then(|| {
        view! {
            <label class="cw-toggle">
                <input type="checkbox" prop:checked=move || shown.get() on:change=move |ev| shown.set(event_target_checked(&ev)) />
                " " {t.show_password}
            </label>
        }
    });
    let checklist = policy.map(|policy| checklist(t, rules_id, policy, value));
    view! {
        <div class="cw-field">
            <label class="cw-label" for=id.clone()>{label}</label>
            <input
                class="cw-input"
                id=id.clone()
                name=id
                type=move || if secret && shown.get() { "text" } else { kind }
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=numeric.then_some("numeric")
                required=!optional
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                checked=kind == "checkbox" && value.with_untracked(|v| v == "true")
                min=min
                max=max
                // A checkbox (a Boolean attribute) says "true" or "false".
                on:input=move |ev| value.set(if kind == "checkbox" {
                    event_target_checked(&ev).to_string()
                } else {
                    event_target_value(&ev)
                })
            />
            {move || error.get().map(|text| view! {
                <p class="cw-field-error" id=error_id.clone() role="alert">{text}</p>
            })}
        </div>
        {toggle}
        {checklist}
    }
}

/// Inputs for standard attributes (sign-up's required ones, NEW_PASSWORD_REQUIRED's missing ones),
/// each with the server's error for it, and once submitted, its own if left empty.
pub(super) fn attribute_inputs(
    w: Widget,
    attributes: &[(String, RwSignal<String>)],
    checks: Checks,
) -> Vec<Input> {
    attributes
        .iter()
        .map(|(name, value)| {
            let (label, kind, autocomplete) = attribute_input(w.texts(), name);
            let server = w.error_at(Field::Attribute(name.clone()));
            let error = checks.error(filled(w.texts(), *value), server);
            Input::new(&attribute_id(name), label, *value, error).kind(kind, autocomplete)
        })
        .collect()
}

/// The element id of an attribute's input (`custom:tenant_id` → `attr-custom-tenant_id`).
pub(super) fn attribute_id(name: &str) -> String {
    format!("attr-{}", name.replace(':', "-"))
}

/// Label (in the widget's language), input type and `autocomplete` token for an attribute.
pub(super) fn attribute_input(t: &Catalogue, name: &str) -> (String, &'static str, &'static str) {
    let (label, kind, autocomplete) = match name {
        "email" => (t.email, "email", "email"),
        "phone_number" => (t.phone_number, "tel", "tel"),
        "given_name" => (t.given_name, "text", "given-name"),
        "family_name" => (t.family_name, "text", "family-name"),
        "middle_name" => (t.middle_name, "text", "additional-name"),
        "name" => (t.full_name, "text", "name"),
        "nickname" => (t.nickname, "text", "nickname"),
        "preferred_username" => (t.preferred_username, "text", "username"),
        "birthdate" => (t.birthdate, "date", "bday"),
        "address" => (t.address, "text", "street-address"),
        "gender" => (t.gender, "text", "sex"),
        "locale" => (t.locale, "text", "language"),
        "picture" => (t.picture, "url", "photo"),
        "profile" | "website" => (t.web_page, "url", "url"),
        "zoneinfo" => (t.time_zone, "text", "off"),
        "sub" => (t.user_id, "text", "off"),
        "email_verified" => (t.email_verified, "text", "off"),
        "phone_number_verified" => (t.phone_verified, "text", "off"),
        "updated_at" => (t.updated_at, "text", "off"),
        // A custom attribute has no translation: its own name, made readable.
        other => {
            let words = other.trim_start_matches("custom:").replace('_', " ");
            // ASCII capitalisation: full Unicode case tables would cost 10 KB of the bundle.
            let mut chars = words.chars();
            let label = chars.next().map_or_else(String::new, |c| {
                std::iter::once(c.to_ascii_uppercase())
                    .chain(chars)
                    .collect()
            });
            return (label, "text", "off");
        }
    };
    (label.to_owned(), kind, autocomplete)
}

/// What is wrong with a typed value, if anything (an empty optional field is fine).
pub(super) fn problem(schema: &AttributeSchema, value: &str) -> Option<AttributeProblem> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    check_value(schema, value).err()
}

/// A custom attribute's value as sent: a date and time picker's local `YYYY-MM-DDTHH:MM` as
/// ISO 8601 in UTC (`2026-12-02T09:30:00.000Z`, what JavaScript and the AWS SDKs write).
pub(super) fn sent(schema: &AttributeSchema, value: &str) -> String {
    if schema.data_type == AttributeType::DateTime && !value.is_empty() {
        let date = js_sys::Date::new(&value.into());
        if !date.get_time().is_nan() {
            return date.to_iso_string().into();
        }
    }
    value.to_owned()
}

/// A stored value as its input shows it: a date and time (ISO 8601) as the picker's local
/// `YYYY-MM-DDTHH:MM`.
pub(super) fn shown(schema: &AttributeSchema, value: &str) -> String {
    if schema.data_type == AttributeType::DateTime {
        let d = js_sys::Date::new(&value.into());
        if !d.get_time().is_nan() {
            return format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date(),
                d.get_hours(),
                d.get_minutes()
            );
        }
    }
    value.to_owned()
}

/// The input of an attribute with its schema: each type its own input (a checkbox, a number
/// within its bounds, a date and time picker, sent as ISO 8601 in UTC), checked as the user
/// types with the rule code the emulator enforces (e-mail and phone formats, lengths, bounds).
pub(super) fn schema_input(
    w: Widget,
    schema: &AttributeSchema,
    value: RwSignal<String>,
    checks: Checks,
) -> Input {
    let (label, kind, autocomplete) = attribute_input(w.texts(), &schema.name);
    let kind = match schema.data_type {
        AttributeType::Number => "number",
        AttributeType::Boolean => "checkbox",
        AttributeType::DateTime => "datetime-local",
        AttributeType::String => kind,
    };
    let bounds = match schema.data_type {
        AttributeType::Number => (
            schema.min.map(|n| n.to_string()),
            schema.max.map(|n| n.to_string()),
        ),
        _ => (None, None),
    };
    let server = w.error_at(Field::Attribute(schema.name.clone()));
    let schema_ = schema.clone();
    let check = move || problem(&schema_, &value.get()).map(|p| attribute_problem(p, w.language));
    checks.also(check.clone());
    let error = Signal::derive(move || check().or_else(|| server.get()));
    Input {
        bounds,
        ..Input::new(&attribute_id(&schema.name), label, value, error)
            .kind(kind, autocomplete)
            .optional()
    }
}
