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

/// The pool's rules as a checklist that follows what is typed into `value`. The list itself
/// is not a live region (it would be read out whole on every key); a hidden live region says
/// only what changed: "A number (done)" when one is typed.
pub(super) fn checklist(
    t: &'static Catalogue,
    id: String,
    policy: PasswordPolicy,
    value: RwSignal<String>,
) -> impl IntoView {
    let rules = policy.rules();
    // Which rules held at the last key, one bit each, so that a live region says only what
    // changed. Written by the list's own render (the cheapest place: no memo of its own).
    let held = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(u32::MAX));
    let said = RwSignal::new(String::new());
    view! {
        <ul class="cw-checklist" id=id>
            {move || {
                let v = value.get();
                let now = (rules.iter().enumerate())
                    .fold(0, |bits, (i, r)| bits | u32::from(r.holds(&v)) << i);
                let before = held.swap(now, std::sync::atomic::Ordering::Relaxed);
                if before != u32::MAX && before != now {
                    let changed = (rules.iter().enumerate())
                        .filter(|(i, _)| (now ^ before) >> i & 1 == 1)
                        .map(|(i, &rule)| {
                            let done = now >> i & 1 == 1;
                            rule_text(t, rule) + if done { t.rule_done } else { t.rule_to_do }
                        });
                    said.set(changed.collect::<Vec<_>>().join(", "));
                }
                rules
                    .iter()
                    .map(|&rule| {
                        let met = rule.holds(&v);
                        view! {
                            <li class=if met { "cw-rule cw-met" } else { "cw-rule" }>
                                <span aria-hidden="true">{if met { "✓ " } else { "○ " }}</span>
                                {rule_text(t, rule)}
                                <span class="cw-visually-hidden">{if met { t.rule_done } else { t.rule_to_do }}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <p class="cw-visually-hidden" aria-live="polite">{move || said.get()}</p>
    }
}

/// Whether `password` meets every rule of `policy`.
pub(super) fn meets(policy: &PasswordPolicy, password: &str) -> bool {
    policy.first_violation(password).is_none()
}
