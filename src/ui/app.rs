//! The root components: [`Authenticator`] shows the step the flow is at; [`App`] is the
//! standalone page, which first finds its configuration.

use std::future::Future;
use std::pin::Pin;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::context::{Heard, Widget};
use super::events::SessionEvent;
use super::form::{render, Form, Link};
use super::fresh::Fresh;
use super::lazy;
use super::sign_in::sign_in;
use super::signed_in::signed_in;
use super::status::Status;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Event, Notice, Step};
use crate::messages::{explain, Language};
use crate::runtime::Storage;
use crate::split::lazy_now;

/// The view of the step the flow is at. Built untracked: only a change of step re-renders, and
/// then the new step's view replaces the old one ([`Fresh`]).
fn step_view(w: Widget) -> impl IntoView {
    let step = w.screen.with_untracked(|s| s.step.clone());
    let form = match step {
        Step::Restoring => {
            return Fresh(EitherOf3::A(
                view! { <p class="cw-hint">{w.texts().loading}</p> },
            ));
        }
        Step::SignedIn(profile) => return Fresh(EitherOf3::B(signed_in(w, profile))),
        Step::SignIn { .. } => sign_in(w),
        // Their code is fetched when first needed (`crate::split`).
        Step::SignUp
        | Step::ConfirmSignUp { .. }
        | Step::NewPassword { .. }
        | Step::ForgotPassword { .. }
        | Step::ResetPassword { .. } => lazy_step(w, lazy_now!(lazy::rare_form(w)), || {
            Box::pin(async { Ok(lazy::load_rare().await?) })
        }),
        Step::Mfa { .. } | Step::SetUpTotp { .. } | Step::MfaSettings { .. } => {
            lazy_step(w, lazy_now!(lazy::mfa_form(w)), || {
                Box::pin(async { Ok(lazy::load_mfa().await?) })
            })
        }
        Step::Devices { .. }
        | Step::Profile { .. }
        | Step::VerifyAttribute { .. }
        | Step::ChangePassword(_)
        | Step::DeleteAccount(_) => lazy_step(w, lazy_now!(lazy::account_form(w)), || {
            Box::pin(async { Ok(lazy::load_account().await?) })
        }),
    };
    Fresh(EitherOf3::C(render(w, form)))
}

/// A chunk's loading, as [`lazy_step`] awaits it.
type Loading = Pin<Box<dyn Future<Output = Result<(), AuthError>>>>;

/// The form of a step whose code is in `chunk`. When the chunk is not loaded yet, the card
/// says it is loading, loads it, and renders the step again; when it cannot be loaded, the
/// card says so (as for a request that did not get through) and offers the way back.
/// One body for every chunk (`load` is the chunk's loader, boxed).
fn lazy_step(w: Widget, form: Option<Result<Form, AuthError>>, load: fn() -> Loading) -> Form {
    match form {
        Some(Ok(form)) => form,
        Some(Err(error)) => unloaded(w, error),
        None => {
            let step = move || w.screen.with_untracked(|s| std::mem::discriminant(&s.step));
            let waiting = step();
            let failed = RwSignal::new(false);
            leptos::task::spawn_local(async move {
                let loaded = load().await;
                if step() != waiting {
                    return; // the user went elsewhere, whose view must keep what they type
                }
                match loaded {
                    Ok(()) => w.loaded.update(|n| *n += 1),
                    Err(error) => {
                        failed.set(true);
                        w.send(Event::Failed(error));
                    }
                }
            });
            let loading = w.texts().loading;
            Form {
                hint: Some(Signal::derive(move || {
                    if failed.get() {
                        String::new()
                    } else {
                        loading.to_owned()
                    }
                })),
                ..back(w)
            }
        }
    }
}

/// What a step whose code could not be fetched shows (the error is in the card's error
/// region): the way back to sign-in.
fn unloaded(w: Widget, error: AuthError) -> Form {
    queue_microtask(move || w.send(Event::Failed(error)));
    back(w)
}

/// A form with only the way back to sign-in (a chunk that is loading, or could not load: the
/// next "Create an account" or "Forgot your password?" tries again).
fn back(w: Widget) -> Form {
    let t = w.texts();
    // A signed-in user's screen goes back to the signed-in view.
    let link = match w.screen.with_untracked(|s| s.step.account().is_some()) {
        true => Link::new(t.cancel, move || w.send(Event::ShowSignedIn)),
        false => Link::new(t.back_to_sign_in, move || w.send(Event::ShowSignIn)),
    };
    Form {
        links: vec![link],
        ..Form::empty()
    }
}

/// Moves focus to the first control of a new step, so keyboard users continue where they are;
/// unless the user is already typing in one of this card's inputs (a fast typist, a password
/// manager), whose focus is not taken away.
fn focus_first(card: NodeRef<leptos::html::Section>) {
    request_animation_frame(move || {
        // The widget may be gone by the next frame.
        let Some(card) = card.try_get_untracked().flatten() else {
            return;
        };
        let typing = card
            .owner_document()
            .and_then(|d| d.active_element())
            .is_some_and(|e| e.tag_name() == "INPUT" && card.contains(Some(&e)));
        if typing {
            return;
        }
        let first = card.query_selector("input, button").ok().flatten();
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// Sign-up, sign-in and everything around them for one configured pool and client.
#[component]
pub fn Authenticator(
    /// Pool, client and endpoint.
    config: Config,
    /// Where tokens live; by default what the configuration says (`localStorage` if nothing).
    #[prop(optional)]
    storage: Option<Storage>,
    /// Hears what the page's DOM events say (`cognito-widget:signed-in`, `tokens-refreshed`,
    /// `signed-out` with its reason, `error`), typed.
    #[prop(optional, into)]
    on_event: Option<Callback<SessionEvent>>,
    /// Hands the host the widget once it exists: [`Widget::credentials`] gets AWS
    /// credentials from the identity pool, [`Widget::session`] the stored session.
    #[prop(optional, into)]
    on_mount: Option<Callback<Widget>>,
) -> impl IntoView {
    let storage = storage.unwrap_or_else(|| Storage::chosen(config.storage));
    // Typed here, so that only hosts that listen carry the code.
    let typed = on_event.map(|heard| {
        Callback::new(move |(name, detail, reason): Heard| {
            if let Some(event) = SessionEvent::of_dom(name, &detail, reason) {
                heard.run(event);
            }
        })
    });
    let w = Widget::new(config, storage).hearing(typed);
    if let Some(on_mount) = on_mount {
        on_mount.run(w);
    }
    view! { <Card widget=w /> }
}

/// The card for an existing [`Widget`] (the embedding API keeps a handle on it).
#[component]
pub fn Card(
    /// The widget's state.
    widget: Widget,
) -> impl IntoView {
    let w = widget;
    provide_context(w);
    w.start();
    // Sign-in's SRP is a chunk of its own (`runtime/lazy.rs`), fetched once the first screen
    // shows: the screen does not wait for it, and a sign-in seldom does. (A failure here is
    // tried again when the user signs in.)
    request_animation_frame(|| {
        leptos::task::spawn_local(async {
            let _ = crate::runtime::load_srp().await;
        })
    });
    // Back online, or the page shown again: a failed or overdue refresh is tried now.
    let online = window_event_listener_untyped("online", move |_| w.wake());
    let shown = window_event_listener_untyped("visibilitychange", move |_| w.wake());
    // Another tab signed in, refreshed or signed out with the same storage: follow it.
    let tabs = window_event_listener_untyped("storage", move |e| {
        let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
        w.storage_changed(key);
    });
    on_cleanup(move || {
        online.remove();
        shown.remove();
        tabs.remove();
        w.stop_refresh();
        w.release();
    });
    // Re-render only when the kind of step changes, so an error keeps what the user typed.
    // A chunk that finished loading renders its step again (`lazy_step`), and so does a step
    // whose look changes within its kind (`Step::look`: a factor chosen, a setting saved, a
    // device forgotten).
    let kind = Memo::new(move |_| {
        let loaded = w.loaded.get();
        w.screen.with(|s| {
            let forgotten = s.notice == Some(Notice::DeviceForgotten);
            (
                std::mem::discriminant(&s.step),
                loaded,
                s.step.look(),
                forgotten,
            )
        })
    });
    let card = NodeRef::<leptos::html::Section>::new();
    card.on_load(move |el| w.set_host(el.into()));
    let first = StoredValue::new(true);
    // Whether the user is acting in this card: focus came into it, and has not gone to
    // something else of the page since (a control the new step removed leaves focus on the
    // body: still engaged). Only then, or in the standalone app, does a new step or a refused
    // submit take the focus (`Widget::acting`): a widget embedded in a page never pulls it (or
    // the page's scroll) away from the host's own fields.
    let engaged = w.engaged;
    let focus_in = move |_| engaged.set_value(true);
    let focus_out = move |ev: leptos::ev::FocusEvent| {
        if let Some(target) = ev.related_target() {
            let node = target.dyn_into::<web_sys::Node>().ok();
            let inside = card
                .get_untracked()
                .is_some_and(|card| card.contains(node.as_ref()));
            engaged.set_value(inside);
        }
    };
    view! {
        <section
            class="cw-card"
            data-testid="cw-root"
            node_ref=card
            aria-labelledby=w.id("title")
            lang=w.language.code()
            data-stopped=w.texts().stopped
            on:focusin=focus_in
            on:focusout=focus_out
        >
            <Status />
            {move || {
                let _ = kind.get(); // get, not track: a memo computes (and subscribes) only when read
                if !first.get_value() && w.acting() {
                    focus_first(card);
                }
                first.set_value(false);
                untrack(move || step_view(w))
            }}
        </section>
    }
}

/// The standalone app (`main.rs`): finds its configuration (see `load.rs`), then mounts the
/// [`Authenticator`] in the page's body. Until then the page's own card shows "Loading…"
/// (`#cw-loading` in index.html); if the configuration cannot be had, that card says why.
/// Those two states are plain DOM, and the widget is mounted once it can be built, rather than
/// a view that switches between three states: 0.7 KB gzip of the bundle, which the session
/// work needed.
pub fn start_app() {
    // Not Leptos's spawn_local: its executor is set up by the mount, which comes later.
    wasm_bindgen_futures::spawn_local(async move {
        let result = super::load::page_config_and_texts().await;
        let placeholder = document().get_element_by_id("cw-loading");
        match result {
            Ok(config) => {
                if let Some(card) = placeholder {
                    card.remove();
                }
                let app = move || {
                    let storage = Storage::chosen(config.storage);
                    // The widget is the page: a new step may always take the focus.
                    let mut widget = Widget::new(config, storage);
                    widget.standalone = true;
                    view! { <Card widget=widget /> }
                };
                // Into the page's <main> (index.html), the card being the page's content.
                let main = document().get_element_by_id("cw-app");
                let parent = main
                    .map(JsCast::unchecked_into)
                    .or_else(|| document().body());
                if let Some(parent) = parent {
                    leptos::mount::mount_to(parent, app).forget();
                }
            }
            Err(error) => show_failure(placeholder, &error),
        }
    });
}

/// Puts why the app cannot start into its card (made if the page has none): the reason in
/// plain words, announced, and the technical detail under it, as text.
fn show_failure(card: Option<web_sys::Element>, error: &AuthError) {
    let document = document();
    let Some(card) = card.or_else(|| {
        let card = document.create_element("div").ok()?;
        card.set_class_name("cw-card");
        document.body()?.append_child(&card).ok()?;
        Some(card)
    }) else {
        return;
    };
    card.set_text_content(None);
    let said = explain(error, Language::En);
    for (class, text) in [("cw-error", said.text), ("cw-hint", error.detail())] {
        if let Ok(p) = document.create_element("p") {
            p.set_class_name(class);
            if class == "cw-error" {
                let _ = p.set_attribute("role", "alert");
            }
            p.set_text_content(Some(text));
            let _ = card.append_child(&p);
        }
    }
}
