//! The signed-in user's account screens: changing the password (the current one, then a new
//! one with the pool's live checklist) and deleting the account (once its name is typed).
//! Both are [`Form`]s, rendered by the one form renderer.

use cognito_protocol::Password;
use leptos::prelude::*;

use super::checks::{self, filled, Checks};
use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use super::qr::escape;
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

/// The user's devices as Cognito tracks them: each one's name (the browser that confirmed it),
/// when it was last used and whether it is remembered, this browser's marked; a "Forget" for
/// each. The list is markup built here (every text escaped: names come from the server).
pub(super) fn devices(w: Widget) -> Form {
    let t = w.texts();
    let (devices, this) = w.screen.with_untracked(|s| match &s.step {
        Step::Devices { devices, this, .. } => (devices.clone(), this.clone()),
        _ => Default::default(),
    });
    let mut items = String::new();
    let mut links = Vec::new();
    for device in devices {
        let here = this.as_deref() == Some(device.key.as_str());
        let name = match (here, device.name.is_empty()) {
            (true, _) => t.this_device.to_owned(),
            (false, true) => device.key.clone(),
            (false, false) => device.name.chars().take(48).collect(),
        };
        let mut facts = Vec::new();
        if let Some(seconds) = device.last_used {
            let date = js_sys::Date::new(&(seconds as f64 * 1000.0).into());
            let shown: String = date
                .to_locale_string(w.language.code(), &wasm_bindgen::JsValue::UNDEFINED)
                .into();
            facts.push(fill(t.last_used, &[&shown]));
        }
        if device.remembered {
            facts.push(t.remembered.to_owned());
        }
        items.push_str(&format!(
            "<li data-testid=\"cw-device\"><strong>{}</strong> {}</li>",
            escape(&name),
            escape(&facts.join(" · "))
        ));
        let key = device.key;
        links.push(Link::new(&fill(t.forget_named, &[&name]), move || {
            w.send(Event::ForgetDeviceKey(key.clone()))
        }));
    }
    links.extend(cancel(w));
    let picture = if items.is_empty() {
        format!("<p class=\"cw-hint\">{}</p>", escape(t.no_devices))
    } else {
        format!("<ul class=\"cw-devices\">{items}</ul>")
    };
    Form {
        title: t.your_devices,
        picture: Some(picture),
        links,
        ..Form::empty()
    }
}
