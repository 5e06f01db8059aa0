//! The password field: show/hide toggle and, when asked, the pool's rules as a live checklist
//! (the same rules the emulator enforces, from `cognito_protocol::password_policy`).

use cognito_protocol::password_policy::{PasswordPolicy, PasswordRule};
use leptos::prelude::*;

use super::context::Widget;
use super::field::TextField;
use crate::i18n::{fill, Catalogue};

fn rule_text(t: &Catalogue, rule: PasswordRule) -> String {
    match rule {
        PasswordRule::MinimumLength(n) => fill(t.rule_length, &[&n.to_string()]),
        PasswordRule::Lowercase => t.rule_lowercase.into(),
        PasswordRule::Uppercase => t.rule_uppercase.into(),
        PasswordRule::Number => t.rule_number.into(),
        PasswordRule::Symbol => t.rule_symbol.into(),
    }
}

/// A password input; with `policy`, a checklist that follows what is typed.
#[component]
pub(super) fn PasswordField(
    /// The input's id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// What the user typed.
    value: RwSignal<String>,
    /// `current-password` or `new-password`.
    autocomplete: &'static str,
    /// The error to show under the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The pool's policy, for a new password.
    #[prop(optional)]
    policy: Option<PasswordPolicy>,
) -> impl IntoView {
    let t = expect_context::<Widget>().texts();
    let shown = RwSignal::new(false);
    let rules_id = format!("{id}-rules");
    let checklist = policy.map(|policy| {
        view! {
            <ul class="cw-checklist" id=rules_id.clone() aria-live="polite">
                {move || {
                    policy
                        .checklist(&value.get())
                        .into_iter()
                        .map(|(rule, met)| view! {
                            <li class=if met { "cw-rule cw-met" } else { "cw-rule" }>
                                <span aria-hidden="true">{if met { "✓ " } else { "○ " }}</span>
                                {rule_text(t, rule)}
                                <span class="cw-visually-hidden">{if met { t.rule_done } else { t.rule_to_do }}</span>
                            </li>
                        })
                        .collect_view()
                }}
            </ul>
        }
    });
    let described_by = checklist.is_some().then_some(rules_id);
    view! {
        <TextField
            id=id
            label=label
            value=value
            kind=Signal::derive(move || if shown.get() { "text".to_owned() } else { "password".to_owned() })
            autocomplete=autocomplete
            error=error
            described_by=described_by
        />
        <label class="cw-toggle">
            <input type="checkbox" prop:checked=move || shown.get() on:change=move |ev| shown.set(event_target_checked(&ev)) />
            " " {t.show_password}
        </label>
        {checklist}
    }
}

/// Whether `password` meets every rule of `policy`.
pub(super) fn meets(policy: &PasswordPolicy, password: &str) -> bool {
    policy.first_violation(password).is_none()
}
