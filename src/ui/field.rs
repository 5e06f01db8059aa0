//! A labelled input with its error message wired for assistive technology
//! (`aria-invalid`, `aria-describedby`), and the attribute → input mapping.

use leptos::prelude::*;

use super::context::Widget;
use crate::i18n::Catalogue;
use crate::messages::Field;

/// One labelled text input bound to `value`.
#[component]
pub(super) fn TextField(
    /// The input's id; its message gets `<id>-error`.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// What the user typed; kept across errors.
    value: RwSignal<String>,
    /// The input type (`text`, `email`, `tel`, `password`, `date`…).
    #[prop(into, default = "text".into())]
    kind: Signal<String>,
    /// The `autocomplete` token, so browsers and password managers fill it in.
    #[prop(into, default = String::new())]
    autocomplete: String,
    /// `inputmode`, e.g. `numeric` for codes.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The error to show under the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Extra description ids (e.g. the password checklist).
    #[prop(default = None)]
    described_by: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<String> = described_by.iter().cloned().collect();
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="cw-field">
            <label class="cw-label" for=id.clone()>{label}</label>
            <input
                class="cw-input"
                id=id.clone()
                name=id
                type=move || kind.get()
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=inputmode
                required=true
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || error.get().map(|text| view! {
                <p class="cw-field-error" id=error_id.clone() role="alert">{text}</p>
            })}
        </div>
    }
}

/// Inputs for standard attributes (sign-up's required ones, NEW_PASSWORD_REQUIRED's missing ones),
/// each with the server's error for it.
pub(super) fn attribute_fields(
    w: Widget,
    attributes: Vec<(String, RwSignal<String>)>,
) -> impl IntoView {
    let t = w.texts();
    attributes
        .into_iter()
        .map(|(name, value)| {
            let (label, kind, autocomplete) = attribute_input(t, &name);
            let error = w.error_at(Field::Attribute(name.clone()));
            let id = w.id(&format!("attr-{}", name.replace(':', "-")));
            view! { <TextField id=id label=label value=value kind=kind.to_owned() autocomplete=autocomplete error=error /> }
        })
        .collect_view()
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
