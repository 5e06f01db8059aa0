//! What a form checks before it sends anything. While the user fills a form in for the first
//! time nothing complains; once they have tried to submit, each field says what is wrong with
//! it (marked `aria-invalid`), and the focus goes to the first such field (`Widget::focus_problem`).

use std::sync::Arc;

use cognito_protocol::password_policy::PasswordPolicy;
use leptos::prelude::*;

use super::password::meets;
use crate::i18n::Catalogue;

/// A check of one field: what is wrong with it now, if anything.
type Check = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// A form's checks, and whether the user has tried to submit it.
#[derive(Clone, Copy)]
pub(super) struct Checks {
    tried: RwSignal<bool>,
    all: StoredValue<Vec<Check>>,
}

impl Checks {
    pub(super) fn new() -> Self {
        Self {
            tried: RwSignal::new(false),
            all: StoredValue::new(Vec::new()),
        }
    }

    /// A field's error: `check`'s once the user has tried to submit, else `server`'s.
    pub(super) fn error(
        self,
        check: impl Fn() -> Option<String> + Send + Sync + 'static,
        server: Signal<Option<String>>,
    ) -> Signal<Option<String>> {
        let check: Check = Arc::new(check);
        self.all.update_value(|all| all.push(check.clone()));
        let tried = self.tried;
        Signal::derive(move || {
            tried
                .get()
                .then(|| check())
                .flatten()
                .or_else(|| server.get())
        })
    }

    /// A check whose field shows it as the user types (not only once submitted).
    pub(super) fn also(self, check: impl Fn() -> Option<String> + Send + Sync + 'static) {
        self.all.update_value(|all| all.push(Arc::new(check)));
    }

    /// On submit: from now on every field shows what is wrong with it. Whether nothing is.
    pub(super) fn pass(self) -> bool {
        self.tried.set(true);
        self.all
            .with_value(|all| all.iter().all(|check| check().is_none()))
    }
}

/// A value that must not be left empty.
pub(super) fn filled(
    t: &'static Catalogue,
    value: RwSignal<String>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        value
            .with(|v| v.trim().is_empty())
            .then(|| t.fill_this_in.to_owned())
    }
}

/// A new password: given, and meeting the pool's rules (the checklist says which).
pub(super) fn new_password(
    t: &'static Catalogue,
    policy: PasswordPolicy,
    value: RwSignal<String>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        value.with(|v| {
            if v.is_empty() {
                Some(t.fill_this_in.to_owned())
            } else {
                (!meets(&policy, v)).then(|| t.password_breaks_rules.to_owned())
            }
        })
    }
}
