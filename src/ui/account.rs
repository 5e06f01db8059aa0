//! The signed-in user's account screens: changing the password (the current one, then a new
//! one with the pool's live checklist) and deleting the account (once its name is typed).
//! Both are [`Form`]s, rendered by the one form renderer.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::checks::{self, filled, Checks};
use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use crate::flow::{Event, Step};
use crate::i18n::fill;
use crate::messages::Field;

/// "Cancel": back to the signed-in view.
fn cancel(w: Widget) -> Vec<Link> {
    vec![Link::new(w.texts().cancel, move || {
        w.send(Event::ShowSignedIn)
    })]
}

/// Change the password: ChangePassword with the current one.
pub(super) fn change_password(w: Widget) -> Form {
    let t = w.texts();
    let policy = w.config().password_policy;
    let (current, new) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let checks = Checks::new();
    let inputs = vec![
        Input::new(
            "current-password",
            t.current_password,
            current,
            checks.error(filled(t, current), w.error_at(Field::CurrentPassword)),
        )
        .password(None),
        Input::new(
            "new-password",
            t.new_password,
            new,
            checks.error(
                checks::new_password(t, policy.clone(), new),
                w.error_at(Field::Password),
            ),
        )
        .password(Some(policy)),
    ];
    Form {
        title: t.change_password,
        inputs,
        submit: Some((t.change_password, t.changing_password)),
        on_submit: Callback::new(move |()| {
            if checks.pass() {
                w.send(Event::SubmitChangePassword {
                    previous: Password::new(current.get_untracked()),
                    proposed: Password::new(new.get_untracked()),
                });
            }
        }),
        links: cancel(w),
        ..Form::empty()
    }
}

/// Delete the account: DeleteUser, once the user typed the account's name as shown.
pub(super) fn delete_account(w: Widget) -> Form {
    let t = w.texts();
    let name = w.screen.with_untracked(|s| match &s.step {
        Step::DeleteAccount(profile) => profile.display_name(),
        _ => String::new(),
    });
    let typed = RwSignal::new(String::new());
    let checks = Checks::new();
    let expected = name.clone();
    let mismatch = move || {
        (typed.with(|v| v.trim() != expected)).then(|| fill(t.type_account_exactly, &[&expected]))
    };
    let inputs = vec![Input::new(
        "account-name",
        t.account_to_delete,
        typed,
        checks.error(mismatch, Signal::stored(None)),
    )
    .kind("text", "off")];
    Form {
        title: t.delete_account,
        hint: Some(Signal::stored(fill(t.delete_account_hint, &[&name]))),
        inputs,
        submit: Some((t.delete_account, t.deleting_account)),
        on_submit: Callback::new(move |()| {
            if checks.pass() {
                w.send(Event::DeleteAccount);
            }
        }),
        links: cancel(w),
        ..Form::empty()
    }
}
