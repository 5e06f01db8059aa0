//! Signed in: who, their readable attributes, sign out.

use leptos::prelude::*;

use super::context::Widget;
use super::field::attribute_input;
use super::form::heading;
use crate::flow::{Event, Profile};

/// A button of the signed-in view: its label, and the event it sends.
type Action = (&'static str, fn() -> Event);

/// The signed-in view of `profile`.
pub(super) fn signed_in(w: Widget, profile: Profile) -> impl IntoView {
    let t = w.texts();
    let busy = w.busy();
    let name = profile.display_name();
    let config = w.config();
    // The account's actions, under the sign-out button: one template for all of them; the
    // host may leave sections out (`hide_account_sections`).
    let mut actions: Vec<Action> =
        vec![(t.sign_out_everywhere, || Event::SignOut { global: true })];
    let shows = |section| config.shows(section);
    if shows("profile") {
        actions.push((t.your_profile, || Event::ShowProfile));
    }
    if !config.mfa_methods.is_empty() && shows("mfa") {
        actions.push((t.mfa_title, || Event::ShowMfaSettings));
    }
    if w.has_device(&profile.username) && shows("devices") {
        actions.push((t.your_devices, || Event::ShowDevices));
        actions.push((t.forget_device, || Event::ForgetDevice));
    }
    if shows("change-password") {
        actions.push((t.change_password, || Event::ShowChangePassword));
    }
    if shows("delete-account") {
        actions.push((t.delete_account, || Event::ShowDeleteAccount));
    }
    let actions = actions
        .into_iter()
        .map(|(label, event)| {
            view! {
                <button type="button" class="cw-link" disabled=move || busy.get() on:click=move |_| w.send(event())>
                    {label}
                </button>
            }
        })
        .collect_view();
    // "You are signed in as {}." around the highlighted name.
    let (before, after) = t
        .signed_in_as
        .split_once("{}")
        .unwrap_or((t.signed_in_as, ""));
    // The spaces around the name are the texts' own: markup whitespace between an expression
    // and an element does not survive the view macro.
    // The attributes, then the AWS identity and role of the user's credentials once got (the
    // step renders again when they come, `ui/credentials.rs`).
    let rows = profile
        .attributes
        .into_iter()
        .map(|(k, v)| {
            let v = match v.as_str() {
                "true" if k.ends_with("_verified") => t.yes.to_owned(),
                "false" if k.ends_with("_verified") => t.no.to_owned(),
                _ => v,
            };
            (attribute_input(t, &k).0, v)
        })
        .chain(w.aws.get_value())
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view();
    view! {
        <section class="cw-form" data-testid="cw-signed-in">
            {heading(w, t.signed_in_title)}
            <p class="cw-hint">{before}<strong data-testid="cw-who">{name}</strong>{after}</p>
            <dl class="cw-attributes">{rows}</dl>
            <button type="button" class="cw-button" disabled=move || busy.get() on:click=move |_| w.send(Event::SignOut { global: false })>
                {t.sign_out}
            </button>
            {actions}
        </section>
    }
}
