//! A new password's checklist: the pool's rules, live as the user types (the same rules the
//! emulator enforces, from `cognito_protocol::password_policy`).

use cognito_protocol::password_policy::{PasswordPolicy, PasswordRule};
use leptos::prelude::*;

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

/// The pool's rules as a checklist that follows what is typed into `value`.
pub(super) fn checklist(
    t: &'static Catalogue,
    id: String,
    policy: PasswordPolicy,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <ul class="cw-checklist" id=id aria-live="polite">
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
}

/// Whether `password` meets every rule of `policy`.
pub(super) fn meets(policy: &PasswordPolicy, password: &str) -> bool {
    policy.first_violation(password).is_none()
}
