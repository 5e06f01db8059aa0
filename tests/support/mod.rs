//! Helpers for the browser suites: the running emulator, a mounted widget, and a user's hands
//! (type, click, wait for something to appear).
#![allow(dead_code, unreachable_pub)] // each suite uses a part

use cognito_protocol::Password;
use cognito_widget::config::Config;
use cognito_widget::flow::{Effect, Event};
use cognito_widget::runtime::{perform, Storage};
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

pub fn emulator() -> &'static str {
    match option_env!("COGNITO_EMULATOR") {
        Some(address) => address,
        None => panic!("COGNITO_EMULATOR is set by scripts/test to the running emulator's address"),
    }
}

pub async fn get(path: &str) -> Value {
    let url = format!("{}{path}", emulator().trim_end_matches('/'));
    let response = gloo_net::http::Request::get(&url).send().await.unwrap();
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

/// An admin call, signed as the aws CLI would sign it (the emulator started without
/// `--credentials` takes any well-formed signature; it serves admin calls to pages of this
/// machine only, which the test page is).
pub async fn admin(op: &str, body: Value) -> Value {
    let response = gloo_net::http::Request::post(emulator())
        .header("Content-Type", "application/x-amz-json-1.1")
        .header(
            "X-Amz-Target",
            &format!("AWSCognitoIdentityProviderService.{op}"),
        )
        .header("X-Amz-Date", "20260101T000000Z")
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=wasm-tests/20260101/us-east-1/cognito-idp/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000",
        )
        .body(body.to_string())
        .unwrap()
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert_eq!(response.status(), 200, "{op}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The demo pool's widget configuration, from `/_emulator/pools`.
pub async fn config() -> Config {
    config_of("my-user-pool").await
}

/// The widget configuration of the pool named `name`, from `/_emulator/pools`.
pub async fn config_of(name: &str) -> Config {
    config_for(name, None).await
}

/// The widget configuration of the pool named `name` for its client named `client` (its
/// first one when `None`), from `/_emulator/pools`.
pub async fn config_for(name: &str, client: Option<&str>) -> Config {
    let pools = get("/_emulator/pools").await;
    let pool = pools["pools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["pool"]["name"] == name);
    let clients = pool.unwrap_or_else(|| panic!("no pool {name}"))["clients"]
        .as_array()
        .unwrap();
    let client = clients
        .iter()
        .find(|c| client.is_none_or(|n| c["client"]["name"] == n))
        .unwrap_or_else(|| panic!("no client {client:?} in {name}"));
    Config::from_json(&client["widget_config"].to_string()).unwrap()
}

pub async fn last_code(destination: &str) -> String {
    let outbox = get("/_emulator/outbox").await;
    let mut mine = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["destination"] == destination);
    mine.next_back().unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub fn unique_email(tag: &str) -> String {
    format!(
        "{tag}-{}@example.com",
        js_sys::Math::random().to_bits() % 1_000_000_007
    )
}

/// A user who signed up (and, if `confirm`, confirmed) through the runtime.
pub async fn existing_user(config: &Config, email: &str, password: &str, confirm: bool) {
    let storage = Storage::Memory(Default::default());
    let up = perform(
        config,
        &storage,
        Effect::SignUp {
            username: email.into(),
            password: Password::new(password),
            attributes: vec![
                ("given_name".into(), "Ada".into()),
                ("family_name".into(), "Lovelace".into()),
            ],
        },
    )
    .await;
    assert!(matches!(up, Event::SignedUp { .. }), "{up:?}");
    if confirm {
        let code = last_code(email).await;
        let done = perform(
            config,
            &storage,
            Effect::ConfirmSignUp {
                username: email.into(),
                code,
            },
        )
        .await;
        assert_eq!(done, Event::Confirmed);
    }
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Keys of localStorage that start with `prefix`.
pub fn stored_keys(prefix: &str) -> Vec<String> {
    let storage = local_storage();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// A widget mounted in a fresh host element; dropping it unmounts.
pub struct Mounted {
    pub host: web_sys::HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

pub fn mount(config: &Config) -> Mounted {
    mount_hearing(config, None)
}

/// The `Authenticator` with `on_event` (a Leptos host listening in Rust).
pub fn mount_hearing(
    config: &Config,
    on_event: Option<leptos::prelude::Callback<cognito_widget::SessionEvent>>,
) -> Mounted {
    mount_handing(config, on_event, None)
}

/// The `Authenticator` with `on_event`, handing the host its [`cognito_widget::Widget`] by
/// `on_mount`.
pub fn mount_handing(
    config: &Config,
    on_event: Option<leptos::prelude::Callback<cognito_widget::SessionEvent>>,
    on_mount: Option<leptos::prelude::Callback<cognito_widget::Widget>>,
) -> Mounted {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let config = config.clone();
    let handle = leptos::mount::mount_to(host.clone(), move || match (on_event, on_mount) {
        (Some(heard), Some(mounted)) => view! {
            <cognito_widget::Authenticator config=config.clone() on_event=heard on_mount=mounted />
        }
        .into_any(),
        (Some(heard), None) => {
            view! { <cognito_widget::Authenticator config=config.clone() on_event=heard /> }
                .into_any()
        }
        _ => view! { <cognito_widget::Authenticator config=config.clone() /> }.into_any(),
    });
    Mounted {
        host,
        _handle: Box::new(handle),
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// How long a journey waits for the widget to show something: a deadline by the clock, not a
/// speed test; below wasm-bindgen-test-runner's own 20 s timeout, so that a wait that runs out
/// says what the widget shows instead of the runner killing the page.
pub const PATIENCE_MS: f64 = 15_000.0;

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

impl Mounted {
    pub fn find(&self, selector: &str) -> Option<web_sys::HtmlElement> {
        self.host
            .query_selector(selector)
            .unwrap()
            .map(JsCast::unchecked_into)
    }

    /// Waits (up to [`PATIENCE_MS`]) until `selector` matches.
    pub async fn wait_for(&self, selector: &str) -> web_sys::HtmlElement {
        let deadline = js_sys::Date::now() + PATIENCE_MS;
        while js_sys::Date::now() < deadline {
            if let Some(el) = self.find(selector) {
                return el;
            }
            sleep(20).await;
        }
        panic!(
            "{selector} never appeared; the widget shows: {}",
            self.host.inner_text()
        );
    }

    /// Waits until the element's text contains `text`.
    pub async fn wait_for_text(&self, selector: &str, text: &str) {
        let deadline = js_sys::Date::now() + PATIENCE_MS;
        while js_sys::Date::now() < deadline {
            if self
                .find(selector)
                .is_some_and(|e| e.inner_text().contains(text))
            {
                return;
            }
            sleep(20).await;
        }
        panic!(
            "{selector} never said {text:?}; the widget shows: {}",
            self.host.inner_text()
        );
    }

    /// Types into an input as a user would (value, then an `input` event).
    pub fn type_into(&self, selector: &str, value: &str) {
        let input: web_sys::HtmlInputElement = self.find(selector).unwrap().unchecked_into();
        input.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
        input.dispatch_event(&event).unwrap();
    }

    pub fn value(&self, selector: &str) -> String {
        self.find(selector)
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    }

    /// Clicks the button whose text contains `label`.
    pub fn click(&self, label: &str) {
        let buttons = self.host.query_selector_all("button").unwrap();
        for i in 0..buttons.length() {
            let button: web_sys::HtmlElement = buttons.item(i).unwrap().unchecked_into();
            if button.inner_text().contains(label) {
                // As a pointer does: the button takes the focus, then is clicked.
                button.focus().unwrap();
                button.click();
                return;
            }
        }
        panic!(
            "no button says {label:?}; the widget shows: {}",
            self.host.inner_text()
        );
    }

    pub async fn sign_in(&self, email: &str, password: &str) {
        self.wait_for("#cw-username").await;
        self.type_into("#cw-username", email);
        self.type_into("#cw-password", password);
        self.click("Sign in");
    }
}

pub fn admin_create(pool: &str, email: &str, temporary: &str) -> Value {
    json!({"UserPoolId": pool, "Username": email, "TemporaryPassword": temporary,
           "MessageAction": "SUPPRESS",
           "UserAttributes": [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"},
                              {"Name": "given_name", "Value": "Alan"}]})
}
