//! What every view reads: the current screen, the configuration, and `send` for user events.

use std::time::Duration;

use cognito_protocol::json::Value;
use leptos::prelude::*;

use super::events::{dispatch, error_detail, session_json};
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{next, Event, Restored, Screen, Step};
use crate::i18n::Catalogue;
use crate::messages::{explain, Field, Language};
use crate::runtime::{perform, refresh_due_in, Storage};

/// The widget's shared state, provided as context and read with `expect_context::<Widget>()`.
#[derive(Clone, Copy)]
pub struct Widget {
    /// The screen; views derive what they show from it.
    pub screen: RwSignal<Screen>,
    config: StoredValue<Config>,
    storage: StoredValue<Storage, LocalStorage>,
    refresh_timer: StoredValue<Option<TimeoutHandle>>,
    /// The element events are dispatched from (the card), once mounted.
    host: StoredValue<Option<web_sys::Element>, LocalStorage>,
    /// The language of every text.
    pub language: Language,
    /// Which widget of the page this is (1 for the first), so element ids never clash.
    instance: u32,
    /// Open on sign-up when nobody is signed in.
    start_with_sign_up: bool,
    /// Offer no way to create an account.
    pub hide_sign_up: bool,
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
            host: StoredValue::new_local(None),
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
        let failed = match &event {
            Event::Failed(error) => Some(error.clone()),
            _ => None,
        };
        let Some((screen, effect)) = self.screen.try_with_untracked(|s| next(s, event)) else {
            return;
        };
        let signed_in = matches!(screen.step, Step::SignedIn(_)) && screen.in_flight.is_none();
        let was_signed_in = self
            .screen
            .with_untracked(|s| matches!(s.step, Step::SignedIn(_)));
        let now_signed_in = matches!(screen.step, Step::SignedIn(_));
        self.screen.set(screen);
        self.tell_host(was_signed_in, now_signed_in, failed);
        if let Some(effect) = effect {
            self.perform(effect);
        }
        self.schedule_refresh(signed_in);
        if first_visit && self.start_with_sign_up {
            self.send(Event::ShowSignUp);
        }
    }

    /// The element the host's events come from.
    pub fn set_host(self, element: web_sys::Element) {
        self.host.set_value(Some(element));
    }

    /// Signed in, signed out or a failure: tell the host page.
    fn tell_host(self, was: bool, now: bool, failed: Option<AuthError>) {
        let Some(Some(host)) = self.host.try_get_value() else {
            return;
        };
        match (was, now) {
            (false, true) => {
                let (Some(config), Some(storage)) =
                    (self.config.try_get_value(), self.storage.try_get_value())
                else {
                    return;
                };
                if let Some(session) = session_json(&config, &storage) {
                    dispatch(&host, "signed-in", &session);
                }
            }
            (true, false) => dispatch(&host, "signed-out", &Value::object([])),
            _ => {}
        }
        if let Some(error) = failed {
            dispatch(&host, "error", &error_detail(&error, self.language));
        }
    }

    /// The stored session (tokens and claims) as JSON, if signed in.
    pub fn session(self) -> Option<Value> {
        session_json(
            &self.config.try_get_value()?,
            &self.storage.try_get_value()?,
        )
    }

    /// Keeps one timer that refreshes the tokens five minutes before they expire, while signed in.
    fn schedule_refresh(self, signed_in: bool) {
        self.stop_refresh();
        let due = self
            .config
            .try_get_value()
            .zip(self.storage.try_get_value())
            .and_then(|(config, storage)| refresh_due_in(&config, &storage));
        if let (true, Some(seconds)) = (signed_in, due) {
            let fire = move || self.send(Event::RefreshDue);
            let delay = Duration::from_secs(seconds.unsigned_abs());
            if let Ok(handle) = set_timeout_with_handle(fire, delay) {
                self.refresh_timer.set_value(Some(handle));
            }
        }
    }

    /// Cancels the refresh timer (signing out, unmounting).
    pub fn stop_refresh(self) {
        if let Some(Some(handle)) = self.refresh_timer.try_get_value() {
            handle.clear();
            self.refresh_timer.set_value(None);
        }
    }

    fn perform(self, effect: crate::flow::Effect) {
        let (Some(config), Some(storage)) =
            (self.config.try_get_value(), self.storage.try_get_value())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let event = perform(&config, &storage, effect).await;
            self.send(event);
        });
    }

    /// The configuration.
    pub fn config(self) -> Config {
        self.config.get_value()
    }

    /// Whether a submit is in flight (buttons disable, show progress).
    pub fn busy(self) -> Signal<bool> {
        let screen = self.screen;
        Signal::derive(move || screen.with(|s| s.in_flight.is_some()))
    }

    /// A page-unique element id: `cw-<name>` for the first widget, `cw<n>-<name>` for others.
    pub fn id(self, name: &str) -> String {
        match self.instance {
            1 => format!("cw-{name}"),
            n => format!("cw{n}-{name}"),
        }
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
                let said = explain(s.error.as_ref()?, language);
                belongs(said.field.as_ref()).then(|| said.text.to_owned())
            })
        })
    }

    /// The current error's text if it belongs to `field`.
    pub fn error_at(self, field: Field) -> Signal<Option<String>> {
        self.error_where(move |at| at == Some(&field))
    }
}
