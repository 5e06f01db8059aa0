//! A labelled input with its error message wired for assistive technology
//! (`aria-invalid`, `aria-describedby`), and the attribute → input mapping.

use leptos::prelude::*;

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

/// Label, input type and `autocomplete` token for a user attribute.
pub(super) fn attribute_input(name: &str) -> (String, &'static str, &'static str) {
    let (label, kind, autocomplete) = match name {
        "email" => ("Email", "email", "email"),
        "phone_number" => ("Phone number", "tel", "tel"),
        "given_name" => ("Given name", "text", "given-name"),
        "family_name" => ("Family name", "text", "family-name"),
        "middle_name" => ("Middle name", "text", "additional-name"),
        "name" => ("Full name", "text", "name"),
        "nickname" => ("Nickname", "text", "nickname"),
        "preferred_username" => ("Preferred username", "text", "username"),
        "birthdate" => ("Birthdate", "date", "bday"),
        "address" => ("Address", "text", "street-address"),
        "gender" => ("Gender", "text", "sex"),
        "locale" => ("Language", "text", "language"),
        "picture" => ("Picture URL", "url", "photo"),
        "profile" | "website" => ("Web page", "url", "url"),
        "zoneinfo" => ("Time zone", "text", "off"),
        "sub" => ("User ID", "text", "off"),
        "email_verified" => ("Email verified", "text", "off"),
        "phone_number_verified" => ("Phone verified", "text", "off"),
        "updated_at" => ("Updated", "text", "off"),
        other => {
            return (
                other.trim_start_matches("custom:").replace('_', " "),
                "text",
                "off",
            )
        }
    };
    (label.to_owned(), kind, autocomplete)
}
