//! The embedding API for pages without Rust: `mount(element, config)` returns a handle with
//! `unmount()`, `signOut()`, `getSession()` and `getCredentials()`. The `<cognito-widget>`
//! custom element (`www/cognito-widget.js`) is built on it.

use std::cell::RefCell;
use std::rc::Rc;

use cognito_protocol::json::Value;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::config::Config;
use crate::flow::Event;
use crate::i18n::{install, Language};
use crate::runtime::Storage;
use crate::ui::app::Card;
use crate::ui::context::Widget;
use crate::ui::credentials::to_json;
use crate::ui::events::error_detail;

/// A mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    widget: Widget,
    unmount: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the widget and everything it holds (timers, listeners, signals).
    pub fn unmount(&mut self) {
        self.widget.stop_refresh();
        self.unmount = None; // dropping Leptos's handle unmounts and disposes
    }

    /// Signs the user out here (tokens removed from storage).
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self) {
        self.widget.send(Event::SignOut { global: false });
    }

    /// A promise of valid tokens: `{username, claims, idToken, accessToken, expiresAt}` (and
    /// `refreshToken` when opted in), refreshed first when they are about to expire (one
    /// refresh however many callers wait), or `null` when signed out. Rejected with
    /// `{name, message}` when no valid tokens can be had now (offline, Cognito unavailable).
    #[wasm_bindgen(js_name = getSession)]
    pub fn get_session(&self) -> js_sys::Promise {
        let widget = self.widget;
        wasm_bindgen_futures::future_to_promise(async move {
            Ok(widget.valid_session().await?.map_or(JsValue::NULL, js))
        })
    }

    /// A promise of temporary AWS credentials from the configuration's identity pool:
    /// `{identityId, authenticated, credentials: {accessKeyId, secretAccessKey, sessionToken,
    /// expiration}}` (`expiration` in Unix seconds), for the signed-in user, or for a guest
    /// when nobody is signed in and the pool allows guests (else `null`). The same credentials
    /// until five minutes before they expire; one request however many callers wait. Rejected
    /// with `{name, message}` when none can be had (no identity pool configured, offline,
    /// refused).
    #[wasm_bindgen(js_name = getCredentials)]
    pub fn get_credentials(&self) -> js_sys::Promise {
        let widget = self.widget;
        wasm_bindgen_futures::future_to_promise(async move {
            match widget.credentials().await {
                Ok(got) => Ok(got.map_or(JsValue::NULL, |c| js(to_json(&c)))),
                Err(e) => Err(js(error_detail(&e, widget.language))),
            }
        })
    }
}

/// A JSON value as the page's own object (through the browser's `JSON.parse`).
fn js(value: Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// Installs a language's texts (the JSON of `i18n/<code>.json`) before a widget in that
/// language mounts; `cognito-widget.js` does this from the files beside it.
#[wasm_bindgen(js_name = addLanguage)]
pub fn add_language(tag: &str, texts: &str) -> Result<(), JsError> {
    let language =
        Language::parse(tag).ok_or_else(|| JsError::new(&format!("no language {tag}")))?;
    install(language, texts).map_err(|e| JsError::new(&e))
}

/// Mounts the widget into `element`. `config` is the configuration file as an object or JSON
/// text (`{"amplify_outputs"|"cdk_outputs"|"auth", "endpoint", …}`); a bad one is refused with
/// an error that says why.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<WidgetHandle, JsError> {
    let config = match config.as_string() {
        Some(text) => Config::from_json(&text),
        None => {
            // An object goes through the browser's own JSON.stringify, then the one reader.
            let text = js_sys::JSON::stringify(&config)
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| JsError::new("config: neither JSON text nor an object"))?;
            Config::from_json(&text)
        }
    }
    .map_err(|e| JsError::new(e.detail()))?;
    let storage = Storage::chosen(config.storage);
    let slot: Rc<RefCell<Option<Widget>>> = Rc::default();
    let inner = slot.clone();
    let handle = leptos::mount::mount_to(element, move || {
        let widget = Widget::new(config.clone(), storage.clone());
        *inner.borrow_mut() = Some(widget);
        view! { <Card widget=widget /> }
    });
    let widget = slot
        .borrow_mut()
        .take()
        .ok_or_else(|| JsError::new("the widget did not mount"))?;
    Ok(WidgetHandle {
        widget,
        unmount: Some(Box::new(handle)),
    })
}
