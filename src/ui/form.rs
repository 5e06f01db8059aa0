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
    /// The submit button's label at rest, and while the request is in flight (none: the links
    /// are the choices).
    pub submit: Option<(&'static str, &'static str)>,
    /// What submitting does (the event's default is already prevented).
    pub on_submit: Callback<()>,
    /// The actions under the submit button.
    pub links: Vec<Link>,
    /// A "Remember this device" box.
    pub remember: Option<RwSignal<bool>>,
    /// An authenticator app's QR code and key.
    pub qr: Option<Qr>,
}

/// An authenticator app's QR code: its size in modules, the SVG path of its dark modules, and
/// the key as text (grouped for reading, whole for copying).
pub(super) struct Qr {
    pub size: i32,
    pub path: String,
    pub key: String,
    pub secret: String,
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
            qr: None,
        }
    }
}

/// Renders `form`: heading, hint, inputs, a submit button that shows progress and cannot be
/// pressed twice, and the links.
pub(super) fn render(w: Widget, form: Form) -> impl IntoView {
    let t = w.texts();
    let busy = w.busy();
    let on_submit = form.on_submit;
    let submit = form.submit.map(|(label, busy_label)| {
        view! {
            <button type="submit" class="cw-button" disabled=busy aria-busy=move || if busy.get() { "true" } else { "false" }>
                {move || if busy.get() { busy_label } else { label }}
            </button>
        }
    });
    let qr = form.qr.map(|qr| {
        let copied = RwSignal::new(false);
        let Qr { size, path, key, secret } = qr;
        let copy = move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&secret);
                copied.set(true);
            }
        };
        view! {
            <svg class="cw-qr" viewBox=format!("-4 -4 {} {}", size + 8, size + 8) role="img" aria-label=t.qr_label data-testid="cw-qr">
                <path d=path />
            </svg>
            <p class="cw-hint">{t.totp_key} ": " <code class="cw-secret" data-testid="cw-secret">{key}</code></p>
            <button type="button" class="cw-link" on:click=copy>
                {move || if copied.get() { t.key_copied } else { t.copy_key }}
            </button>
        }
    });
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
            on_submit.run(());
        }>
            <h1 class="cw-title">{form.title}</h1>
            {hint}
            {qr}
            {inputs}
            {remember}
            {submit}
            {links}
        </form>
    }
}
