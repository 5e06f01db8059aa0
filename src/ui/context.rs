//! What every view reads: the current screen, the configuration, and `send` for user events.

use std::time::Duration;

use cognito_protocol::json::Value;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::events::{dispatch, error_detail, session_json};
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{chunk_of, next_here, Chunk, Effect, Event, Notice, Restored, Screen, Step};
use crate::i18n::Catalogue;
use crate::messages::{explain, Field, Language};
use crate::runtime::{perform_cancellable, refresh_due_in, stored_profile, Cancel, Storage};
use crate::session::{backoff_ms, concerns_session, SignOutReason};
use crate::split::{lazy, lazy_now};

/// The widget's shared state, provided as context and read with `expect_context::<Widget>()`.
#[derive(Clone, Copy)]
pub struct Widget {
    /// The screen; views derive what they show from it.
    pub screen: RwSignal<Screen>,
    pub(super) config: StoredValue<Config>,
    pub(super) storage: StoredValue<Storage, LocalStorage>,
    refresh_timer: StoredValue<Option<TimeoutHandle>>,
    /// Cancels the request in flight when the user abandons its effect.
    cancel: StoredValue<Cancel, LocalStorage>,
    /// Callers of `valid_session` (`getSession()`) waiting for a refresh to settle.
    #[cfg(feature = "embed")]
    pub(super) waiters: StoredValue<Vec<js_sys::Function>, LocalStorage>,
    /// The element events are dispatched from (the card), once mounted.
    host: StoredValue<Option<web_sys::Element>, LocalStorage>,
    /// Hears each host event as `(name, detail, reason)` (a Leptos host's `on_event`, typed
    /// by `Authenticator`: the standalone app, which has none, carries no typing code).
    listener: Option<Callback<Heard>>,
    /// The language of every text.
    pub language: Language,
    /// Which widget of the page this is (1 for the first), so element ids never clash.
    instance: u32,
    /// Open on sign-up when nobody is signed in.
    start_with_sign_up: bool,
    /// Offer no way to create an account.
    pub hide_sign_up: bool,
    /// How many times the step was asked to render again: a chunk of code loaded
    /// (`ui/app.rs`), the AWS identity got (`ui/credentials.rs`).
    pub(super) loaded: RwSignal<u32>,
    /// The standalone app, where the widget is the page (a new step always takes the focus).
    pub(super) standalone: bool,
    /// Whether the user is acting in this card (kept by the card's focus events, `ui/app.rs`).
    pub(super) engaged: StoredValue<bool>,
    /// The AWS identity of the signed-in user's credentials and, when known, their role, as
    /// rows of the signed-in view (`ui/credentials.rs`).
    pub(super) aws: StoredValue<Vec<(String, String)>>,
}

/// A host event: its name, its detail, and a sign-out's reason.
pub type Heard = (&'static str, Value, Option<SignOutReason>);

/// What the host hears of a step change.
enum Change {
    /// Someone is signed in who was not (or another tab's user replaced ours).
    SignedIn,
    /// The same user, with new tokens (refreshed here or in another tab).
    Refreshed,
    /// Nobody is signed in any more, for this reason.
    SignedOut(SignOutReason),
    /// Nothing the host needs to know.
    None,
}

thread_local! {
    /// Instance numbers of the widgets mounted on this page.
    static LIVE: std::cell::RefCell<Vec<u32>> = Default::default();
}

impl Widget {
    /// A widget whose flow has not started yet.
    pub fn new(config: Config, storage: Storage) -> Self {
        let (screen, _) = Screen::start();
        let language = config.language;
        // The lowest free number: a page with one widget always gets `cw-…` ids.
        let instance = LIVE.with(|live| {
            let mut live = live.borrow_mut();
            let n = (1..).find(|n| !live.contains(n)).unwrap_or(1);
            live.push(n);
            n
        });
        Self {
            start_with_sign_up: config.start_with_sign_up,
            hide_sign_up: config.hide_sign_up,
            language,
            instance,
            screen: RwSignal::new(screen),
            config: StoredValue::new(config),
            storage: StoredValue::new_local(storage),
            refresh_timer: StoredValue::new(None),
            cancel: StoredValue::new_local(Cancel::default()),
            #[cfg(feature = "embed")]
            waiters: StoredValue::new_local(Vec::new()),
            host: StoredValue::new_local(None),
            listener: None,
            loaded: RwSignal::new(0),
            standalone: false,
            engaged: StoredValue::new(false),
            aws: StoredValue::new(Vec::new()),
        }
    }

    /// Starts the flow: restores a stored session.
    pub fn start(self) {
        let (screen, effect) = Screen::start();
        self.screen.set(screen);
        self.perform(effect);
    }

    /// Feeds `event` to the flow and runs the effect it starts, if any.
    pub fn send(self, event: Event) {
        // An outcome may arrive after the widget was unmounted: then there is nobody to tell.
        let first_visit = matches!(event, Event::Restored(Restored::Nothing));
        // The user, or another tab, may replace the effect in flight.
        let replaces = event.from_user() || matches!(event, Event::TabChanged(_));
        let (failed, reason) = match &event {
            Event::Failed(error) => (Some(error.clone()), None),
            Event::SignedOut(reason) => (None, Some(*reason)),
            Event::TabChanged(None) => (None, Some(SignOutReason::OtherTab)),
            _ => (None, None),
        };
        let new_tokens = matches!(event, Event::SignedIn(_) | Event::TabChanged(Some(_)));
        // Saved or verified attributes: the host hears them, and the tokens renewed for them.
        let updated = match &event {
            Event::ProfileLoaded {
                attributes,
                notice: Some(Notice::ProfileSaved | Notice::AttributeVerified),
                ..
            } => Some(Value::object([(
                "attributes",
                Value::Object(
                    attributes
                        .iter()
                        .map(|(k, v)| (k.clone(), v.as_str().into()))
                        .collect(),
                ),
            )])),
            _ => None,
        };
        let user = |s: &Screen| s.step.account().map(|p| p.username.clone());
        let Some((replaced, was, (screen, effect))) = self.screen.try_with_untracked(|s| {
            // The transitions of the account's, MFA's and rare screens are in their chunks,
            // loaded by now (`ui/lazy.rs`).
            let answer = match chunk_of(s, &event) {
                Chunk::Main => Some(Ok(next_here(s, event))),
                Chunk::Account => lazy_now!(super::lazy::account_next(s.clone(), event)),
                Chunk::Mfa => lazy_now!(super::lazy::mfa_next(s.clone(), event)),
                Chunk::Rare => lazy_now!(super::lazy::rare_next(s.clone(), event)),
            };
            let (screen, effect) = answer
                .and_then(Result::ok)
                .unwrap_or_else(|| (s.clone(), None));
            let kind = |e: &Option<Effect>| e.as_ref().map(std::mem::discriminant);
            let replaced = s.in_flight.is_some() && kind(&screen.in_flight) != kind(&s.in_flight);
            (replaced, user(s), (screen, effect))
        }) else {
            return;
        };
        // The effect in flight was replaced (the user went back, or signed out during a
        // refresh; another tab's session arrived): its request is cancelled, its outcome dropped.
        if replaces && replaced {
            self.abandon();
        }
        let now = user(&screen);
        let change = match (&was, &now) {
            (None, Some(_)) => Change::SignedIn,
            (Some(was), Some(now)) if was != now => Change::SignedIn, // another tab's user
            (Some(_), Some(_)) if new_tokens || updated.is_some() => Change::Refreshed,
            (Some(_), None) => Change::SignedOut(reason.unwrap_or(SignOutReason::User)),
            _ => Change::None,
        };
        // `initial_screen: account`: a user who just signed in (or was found signed in) goes
        // on to the profile.
        let open_account = matches!(change, Change::SignedIn)
            && matches!(screen.step, Step::SignedIn(_))
            && self
                .config
                .try_with_value(|c| c.open_account && c.shows("profile"))
                .unwrap_or(false);
        let deleted = matches!(change, Change::SignedOut(SignOutReason::Deleted));
        self.screen.set(screen);
        self.tell_host(change, failed.clone());
        match (updated, was) {
            (Some(detail), _) if now.is_some() => self.say("attributes-updated", detail, None),
            (_, Some(username)) if deleted => {
                let detail = Value::object([("username", username.into())]);
                self.say("account-deleted", detail, None);
            }
            _ => {}
        }
        if let Some(effect) = effect {
            self.perform(effect);
        }
        self.schedule_refresh();
        #[cfg(feature = "embed")]
        self.settle_waiters(failed.as_ref());
        if first_visit && self.start_with_sign_up {
            self.send(Event::ShowSignUp);
        }
        if open_account {
            self.send(Event::ShowProfile);
        }
    }

    /// Drops the outcome of the effect in flight and cancels its request.
    fn abandon(self) {
        if let Some(cancel) = self.cancel.try_get_value() {
            cancel.cancel();
        }
    }

    /// The element the host's events come from.
    pub fn set_host(self, element: web_sys::Element) {
        self.host.set_value(Some(element));
    }

    /// This widget, telling `listener` what it tells the page.
    pub fn hearing(self, listener: Option<Callback<Heard>>) -> Self {
        Self { listener, ..self }
    }

    /// Signed in, refreshed, signed out (and why) or a failure: tell the host page (DOM
    /// events from the card) and a Leptos host (its `on_event`).
    fn tell_host(self, change: Change, failed: Option<AuthError>) {
        let (Some(config), Some(storage)) =
            (self.config.try_get_value(), self.storage.try_get_value())
        else {
            return;
        };
        let session = || session_json(&config, &storage);
        // AWS credentials follow the session, in their own chunk (`ui/credentials.rs`).
        if config.identity_pool.is_some() && !matches!(change, Change::None) {
            leptos::task::spawn_local(async move {
                if let Ok(work) = lazy!(super::lazy::identity_session(self)) {
                    work.await;
                }
            });
        }
        match change {
            Change::SignedIn => {
                if let Some(session) = session() {
                    self.say("signed-in", session, None);
                }
            }
            Change::Refreshed => {
                if let Some(session) = session() {
                    self.say("tokens-refreshed", session, None);
                }
            }
            Change::SignedOut(reason) => {
                let detail = Value::object([("reason", reason.as_str().into())]);
                self.say("signed-out", detail, Some(reason));
            }
            Change::None => {}
        }
        if let Some(error) = failed {
            self.say("error", error_detail(&error, self.language), None);
            self.focus_problem(true);
        }
    }

    /// After a refused submit, while the user is in this card (or the card is the page):
    /// focuses the first field marked invalid, else, when the step `failed`, the error region.
    /// Next frame, once the views have caught up.
    pub(super) fn focus_problem(self, failed: bool) {
        let Some(Some(card)) = self.host.try_get_value() else {
            return;
        };
        request_animation_frame(move || {
            if !self.acting() {
                return;
            }
            let find = |selector| card.query_selector(selector).ok().flatten();
            let target = find("[aria-invalid=true]")
                .or_else(|| failed.then(|| find(".cw-error:not(:empty)")).flatten());
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    }

    /// Dispatches `cognito-widget:<name>` from the card, and tells the listener.
    pub(super) fn say(self, name: &'static str, detail: Value, reason: Option<SignOutReason>) {
        if let Some(Some(host)) = self.host.try_get_value() {
            dispatch(&host, name, &detail);
        }
        if let Some(listener) = self.listener {
            listener.run((name, detail, reason));
        }
    }

    /// The stored session (tokens and claims) as JSON, if signed in, whether valid or not.
    pub fn session(self) -> Option<Value> {
        session_json(
            &self.config.try_get_value()?,
            &self.storage.try_get_value()?,
        )
    }

    /// Keeps one timer, while signed in: the next refresh, due five minutes before the tokens
    /// expire by Cognito's clock, or after a failed one the next retry, backing off (it cannot
    /// spin: every retry waits at least two seconds).
    fn schedule_refresh(self) {
        self.stop_refresh();
        let retries = self.screen.try_with_untracked(|s| {
            (matches!(s.step, Step::SignedIn(_)) && s.in_flight.is_none()).then_some(s.retries)
        });
        let Some(Some(retries)) = retries else {
            return;
        };
        let delay_ms = match retries {
            0 => match self.refresh_due_in() {
                Some(seconds) => seconds.clamp(0, i64::from(i32::MAX) / 1000) as u64 * 1000,
                None => return,
            },
            n => u64::from(backoff_ms(n - 1, js_sys::Math::random())),
        };
        let fire = move || self.send(Event::RefreshDue);
        if let Ok(handle) = set_timeout_with_handle(fire, Duration::from_millis(delay_ms)) {
            self.refresh_timer.set_value(Some(handle));
        }
    }

    fn refresh_due_in(self) -> Option<i64> {
        let (config, storage) = (self.config.try_get_value()?, self.storage.try_get_value()?);
        refresh_due_in(&config, &storage)
    }

    /// Another tab changed `key` in `localStorage`: adopt the session it left, if the change
    /// concerns ours (`memory` and `session` storage are this tab's own).
    pub fn storage_changed(self, key: Option<String>) {
        let (Some(config), Some(storage)) =
            (self.config.try_get_value(), self.storage.try_get_value())
        else {
            return;
        };
        if !matches!(storage, Storage::Local) {
            return;
        }
        let last = storage.last_user(&config.client_id);
        // A cleared storage (`localStorage.clear()`) has no key.
        if key.is_none_or(|k| concerns_session(&k, &config.client_id, last.as_deref())) {
            self.send(Event::TabChanged(stored_profile(&config, &storage)));
        }
    }

    /// The network came back, or the page became visible again: a refresh that failed (or fell
    /// due while timers slept) is tried now rather than at the end of its backoff.
    pub fn wake(self) {
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        let Some(due) = self.screen.try_with_untracked(|s| {
            matches!(s.step, Step::SignedIn(_)) && s.in_flight.is_none() && s.retries > 0
        }) else {
            return;
        };
        if online && (due || self.refresh_due_in() == Some(0)) {
            self.send(Event::RefreshDue);
        }
    }

    /// Cancels the refresh timer (signing out, unmounting).
    pub fn stop_refresh(self) {
        if let Some(Some(handle)) = self.refresh_timer.try_get_value() {
            handle.clear();
            self.refresh_timer.set_value(None);
        }
    }

    fn perform(self, effect: Effect) {
        let (Some(config), Some(storage), Some(cancel)) = (
            self.config.try_get_value(),
            self.storage.try_get_value(),
            self.cancel.try_get_value(),
        ) else {
            return;
        };
        let generation = cancel.generation();
        leptos::task::spawn_local(async move {
            let event = perform_cancellable(&config, &storage, effect, &cancel).await;
            let event = super::lazy::ready(event).await;
            // Abandoned meanwhile (or unmounted): nobody waits for this outcome.
            if cancel.generation() == generation {
                self.send(event);
            }
        });
    }

    /// Whether this browser remembers a device for `username`.
    pub fn has_device(self, username: &str) -> bool {
        let client = self.config.with_value(|c| c.client_id.clone());
        self.storage
            .with_value(|s| crate::runtime::has_device(&client, s, username))
    }

    /// The configuration.
    pub fn config(self) -> Config {
        self.config.get_value()
    }

    /// Whether a submit is in flight (buttons disable, show progress); a background refresh
    /// is not one.
    pub fn busy(self) -> Signal<bool> {
        let screen = self.screen;
        Signal::derive(move || {
            screen.with(|s| {
                s.in_flight
                    .as_ref()
                    .is_some_and(|e| !matches!(e, Effect::Refresh))
            })
        })
    }

    /// A page-unique element id: `cw-<name>` for the first widget, `cw<n>-<name>` for others.
    pub fn id(self, name: &str) -> String {
        match self.instance {
            1 => format!("cw-{name}"),
            n => format!("cw{n}-{name}"),
        }
    }

    /// Temporary AWS credentials from the configuration's identity pool, for the signed-in
    /// user, or for a guest when nobody is and the pool allows guests (`None` when it does
    /// not): the ones held while good for five more minutes, else new ones, the tokens
    /// refreshed first when due; one request however many callers wait. Memory only.
    pub async fn credentials(self) -> Result<Option<super::credentials::Credentials>, AuthError> {
        // A split point in the package only (`ui/lazy.rs`).
        #[cfg(all(cw_split, feature = "embed"))]
        let work = super::lazy::identity_get(self).await?;
        #[cfg(not(all(cw_split, feature = "embed")))]
        let work = super::lazy::identity_get(self)?;
        work.await
    }

    /// Frees this widget's instance number (it is unmounting).
    pub fn release(self) {
        LIVE.with(|live| live.borrow_mut().retain(|n| *n != self.instance));
    }

    /// The texts in the widget's language.
    pub fn texts(self) -> &'static Catalogue {
        self.language.texts()
    }

    /// The current error in plain words, when `belongs` says its field (`None`: no field) is
    /// shown where this signal is read.
    pub fn error_where(
        self,
        belongs: impl Fn(Option<&Field>) -> bool + Send + Sync + 'static,
    ) -> Signal<Option<String>> {
        let (screen, language) = (self.screen, self.language);
        Signal::derive(move || {
            screen.with(|s| {
                let mut said = explain(s.error.as_ref()?, language);
                let t = language.texts();
                // No message was sent when the code is an authenticator app's.
                if said.text == t.code_mismatch && s.step.asks_app_code() {
                    said.text = t.app_code_mismatch;
                }
                // Changing the password, "wrong password" is the current one's.
                if said.text == t.wrong_credentials && matches!(s.step, Step::ChangePassword(_)) {
                    said.text = t.wrong_current_password;
                    said.field = Some(Field::CurrentPassword);
                }
                belongs(said.field.as_ref()).then(|| said.text.to_owned())
            })
        })
    }

    /// Whether focus may move within the card: the card is the page, or the user is acting
    /// in it.
    pub(super) fn acting(self) -> bool {
        self.standalone || self.engaged.try_get_value().unwrap_or(false)
    }

    /// The card's heading level: the host's, else 1 in the standalone app and 2 embedded.
    pub(super) fn heading_level(self) -> String {
        let level = self.config.with_value(|c| c.heading_level);
        level
            .unwrap_or(if self.standalone { 1 } else { 2 })
            .to_string()
    }

    /// The current error's text if it belongs to `field`.
    pub fn error_at(self, field: Field) -> Signal<Option<String>> {
        self.error_where(move |at| at == Some(&field))
    }
}
