//! Another Leptos app that uses cognito-widget as a Rust dependency: its own page around the
//! `Authenticator`, and its own reaction to signing in (the widget's events, typed, through
//! `on_event`).
//! Run it with `trunk serve --offline` in this folder while `../../scripts/dev` (or any
//! cognito-emulator on :9229) serves the demo pool.

use cognito_widget::config::Config;
use cognito_widget::{Authenticator, SessionEvent};
use leptos::prelude::*;

const EMULATOR_CONFIG: &str = "http://127.0.0.1:9229/_emulator/pools/my-user-pool/widget-config";

fn main() {
    leptos::mount::mount_to_body(Host);
}

async fn load_config() -> Result<Config, String> {
    let response = gloo_net::http::Request::get(EMULATOR_CONFIG)
        .send()
        .await
        .map_err(|e| format!("cannot reach the emulator: {e}"))?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    Config::from_json(&text).map_err(|e| format!("{e:?}"))
}

/// The host app: a header that greets whoever signs in, the widget below it.
#[component]
fn Host() -> impl IntoView {
    let config = LocalResource::new(load_config);
    let greeting = RwSignal::new("Nobody is signed in.".to_owned());
    // With an identity pool in the configuration: the AWS identity of the user's credentials.
    let aws = RwSignal::new(String::new());
    // What the widget says happened, typed (the same as its DOM events).
    let on_event = move |event: SessionEvent| match event {
        SessionEvent::SignedIn(session) => greeting.set(format!("Welcome, {}!", session.username)),
        SessionEvent::SignedOut(reason) => {
            greeting.set(format!("Nobody is signed in ({}).", reason.as_str()));
            aws.set(String::new());
        }
        SessionEvent::Credentials(got) if got.authenticated => {
            aws.set(format!(" · AWS identity {}", got.aws.identity_id));
        }
        SessionEvent::AccountDeleted { username } => {
            greeting.set(format!("{username} deleted their account."));
        }
        _ => {}
    };
    view! {
        <header style="font-family: system-ui; padding: 1rem; background: #0b6bcb; color: white">
            <strong>"My Leptos app"</strong>
            " · "
            {move || greeting.get()}
            {move || aws.get()}
        </header>
        <div>
            <Suspense fallback=|| "Loading…">
                {move || {
                    config.get().map(|loaded| match loaded {
                        Ok(config) => view! { <Authenticator config=config on_event=on_event /> }.into_any(),
                        Err(why) => view! { <p>{why}</p> }.into_any(),
                    })
                }}
            </Suspense>
        </div>
    }
}
