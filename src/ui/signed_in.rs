//! Signed in: who, their readable attributes, sign out.

use leptos::prelude::*;

use super::context::Widget;
use super::field::attribute_input;
use crate::flow::{Event, Step};

/// The signed-in view.
#[component]
pub(super) fn SignedIn() -> impl IntoView {
    let w = expect_context::<Widget>();
    let profile = w.screen.with_untracked(|s| match &s.step {
        Step::SignedIn(p) => Some(p.clone()),
        _ => None,
    });
    let Some(profile) = profile else {
        return ().into_any();
    };
    let name = profile
        .attributes
        .iter()
        .find(|(k, _)| k == "email" || k == "phone_number")
        .map_or_else(|| profile.username.clone(), |(_, v)| v.clone());
    let busy = w.busy();
    let rows = profile
        .attributes
        .into_iter()
        .map(|(k, v)| view! { <dt>{attribute_input(&k).0}</dt><dd>{v}</dd> })
        .collect_view();
    view! {
        <section class="cw-form" data-testid="cw-signed-in">
            <h1 class="cw-title">"Signed in"</h1>
            <p class="cw-hint">"You are signed in as " <strong data-testid="cw-who">{name}</strong> "."</p>
            <dl class="cw-attributes">{rows}</dl>
            <button type="button" class="cw-button" disabled=move || busy.get() on:click=move |_| w.send(Event::SignOut { global: false })>
                "Sign out"
            </button>
            <button type="button" class="cw-link" disabled=move || busy.get() on:click=move |_| w.send(Event::SignOut { global: true })>
                "Sign out everywhere"
            </button>
        </section>
    }
    .into_any()
}
