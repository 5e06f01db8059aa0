//! The one form renderer. Each step that asks for input describes its form as data
//! ([`Form`]: title, hint, inputs, submit, links) and this renders it. A single view tree for
//! six steps, rather than one per step, keeps the bundle small: every distinct `view!` tree is
//! compiled into its own build, rebuild and mount code.

use leptos::prelude::*;

use super::context::Widget;
use super::field::{field, Input};

/// A secondary action under the form (`Forgot your password?`, `Send a new code`…).
pub(super) struct Link {
    /// Its text (live: the resend countdown changes it).
    pub label: Signal<String>,
    /// When it cannot be pressed.
    pub disabled: Signal<bool>,
    /// What pressing it does.
    pub action: Callback<()>,
}

impl Link {
    /// A link that is always available.
    pub(super) fn new(label: &str, action: impl Fn() + Send + Sync + 'static) -> Self {
        Self {
            label: Signal::stored(label.to_owned()),
            disabled: Signal::stored(false),
            action: Callback::new(move |()| action()),
        }
    }
}

/// What a step shows: rendered by [`render`].
pub(super) struct Form {
    /// The heading.
    pub title: &'static str,
    /// A line under the heading (where the code went), if any.
    pub hint: Option<Signal<String>>,
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// The submit button's label at rest, and while the request is in flight (none: a form
    /// that only shows something, with links).
    pub submit: Option<(&'static str, &'static str)>,
    /// What submitting does (the event's default is already prevented).
    pub on_submit: Callback<()>,
    /// The actions under the submit button.
    pub links: Vec<Link>,
    /// A "Remember this device" box.
    pub remember: Option<RwSignal<bool>>,
    /// Markup this crate built (an authenticator app's QR code and key, `ui/qr.rs`), shown
    /// under the inputs.
    pub picture: Option<String>,
}

impl Form {
    /// A form with nothing in it, to fill in with `..Form::empty()`.
    pub(super) fn empty() -> Self {
        Self {
            title: "",
            hint: None,
            inputs: Vec::new(),
            submit: None,
            on_submit: Callback::new(|()| {}),
            links: Vec::new(),
            remember: None,
            picture: None,
        }
    }
}

/// The card's heading, at the level the host chose (`heading_level`; the standalone app's is
/// 1, an embedded widget's 2 by default): one element for every level, not six.
pub(super) fn heading(w: Widget, text: &'static str) -> impl IntoView {
    // aria-level is not among the attributes `view!` knows.
    leptos::html::div()
        .class("cw-title")
        .role("heading")
        .attr("aria-level", w.heading_level())
        .id(w.id("title"))
        .child(text)
}

/// Renders `form`: heading, hint, inputs, a submit button that shows progress and cannot be
/// pressed twice, and the links.
pub(super) fn render(w: Widget, form: Form) -> impl IntoView {
    let t = w.texts();
    let busy = w.busy();
    // While busy the button says so and ignores presses, but is not `disabled`: a disabled
    // button drops the keyboard focus to the page's body.
    let submit = form.submit.map(|(label, busy_label)| {
        let busy_text = move || if busy.get() { "true" } else { "false" };
        view! {
            <button type="submit" class="cw-button" aria-disabled=busy_text aria-busy=busy_text>
                {move || if busy.get() { busy_label } else { label }}
            </button>
        }
    });
    let on_submit = form.on_submit;
    let picture = form
        .picture
        .map(|markup| view! { <div class="cw-picture" inner_html=markup></div> });
    let remember = form.remember.map(|remember| {
        view! {
            <label class="cw-toggle">
                <input type="checkbox" data-testid="cw-remember" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev)) />
                " " {t.remember_device}
            </label>
        }
    });
    let hint = form.hint.map(|hint| {
        view! { <p class="cw-hint" data-testid="cw-destination">{hint}</p> }
    });
    let inputs = form
        .inputs
        .into_iter()
        .map(|input| field(w, input))
        .collect_view();
    let links = (!form.links.is_empty()).then(|| {
        let links = form
            .links
            .into_iter()
            .map(|link| {
                let Link {
                    label,
                    disabled,
                    action,
                } = link;
                view! {
                    <button type="button" class="cw-link" disabled=disabled on:click=move |_| action.run(())>
                        {label}
                    </button>
                }
            })
            .collect_view();
        view! { <p class="cw-links">{links}</p> }
    });
    view! {
        <form class="cw-form" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            on_submit.run(());
            w.focus_problem(false);
        }>
            {heading(w, form.title)}
            {hint}
            {picture}
            {inputs}
            {remember}
            {submit}
            {links}
        </form>
    }
}
