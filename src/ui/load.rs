//! Where the standalone app finds its configuration, in order:
//! 1. `<script type="application/json" id="cognito-widget-config">` holding
//!    `{"amplify_outputs": {…}, "endpoint": "…"}` (endpoint optional: real Cognito by default);
//! 2. a cognito-emulator, on a page that asks for one (`<meta name="cognito-widget:emulator">`,
//!    which `?emulator=URL` overrides; or any page of a debug build, with `?emulator=`):
//!    the first client of `GET <emulator>/_emulator/pools` (of the pool `?pool=` names, by name
//!    or id, when there are several; `?client=` names a client the same way), as a user would
//!    copy it.
//!
//! Then the texts of the configured language, from `i18n/<code>.json` beside the page.

use cognito_protocol::json;

use crate::config::Config;
use crate::error::AuthError;
use crate::i18n::{install, Language};
use crate::runtime::fetch_failure;

/// A `?name=value` parameter of the page's address.
fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let prefix = format!("{name}=");
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(prefix.as_str()))
        .and_then(|v| js_sys::decode_uri_component(v).ok())
        .and_then(|v| v.as_string())
}

/// The emulator to ask: the page's `<meta name="cognito-widget:emulator">`, which `?emulator=`
/// may override; without the meta only a debug build takes `?emulator=`, so that a link cannot
/// point a deployed app at another server's "pool" (which could ask for plain passwords).
fn emulator_address(document: &web_sys::Document) -> Option<String> {
    let meta = document
        .query_selector("meta[name='cognito-widget:emulator']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    if meta.is_none() && !cfg!(debug_assertions) {
        return None;
    }
    query("emulator").or(meta)
}

/// The configuration of the page with its language's texts installed, or why there is none.
pub(super) async fn page_config_and_texts() -> Result<Config, AuthError> {
    let config = page_config().await?;
    if !config.language.is_installed() {
        if let Err(why) = load_texts(config.language).await {
            // Signing in matters more than the language: the widget speaks English instead.
            web_sys::console::warn_1(&format!("cognito-widget: {why}; showing English").into());
        }
    }
    Ok(config)
}

/// Fetches and installs `language`'s catalogue from `i18n/<code>.json` beside the page.
async fn load_texts(language: Language) -> Result<(), String> {
    let url = format!("i18n/{}.json", language.code());
    let failed = |e| format!("{url}: {}", fetch_failure(e));
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(failed)?;
    install(language, &text)
}

/// The configuration of the page, or why there is none.
async fn page_config() -> Result<Config, AuthError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| AuthError::Config("no document".into()))?;
    if let Some(script) = document.get_element_by_id("cognito-widget-config") {
        let text = script.text_content().unwrap_or_default();
        let value = json::parse(&text)
            .map_err(|e| AuthError::Config(format!("#cognito-widget-config is not JSON: {e}")))?;
        return Config::from_value(&value);
    }
    let Some(emulator) = emulator_address(&document) else {
        return Err(AuthError::Config(
            "no #cognito-widget-config script and no emulator address on the page".into(),
        ));
    };
    let url = format!("{}/_emulator/pools", emulator.trim_end_matches('/'));
    let unreachable = |e| {
        AuthError::Config(format!(
            "cannot reach the emulator at {url}: {}",
            fetch_failure(e)
        ))
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(unreachable)?;
    let pools = json::parse(&response.text().await.map_err(unreachable)?)
        .map_err(|e| AuthError::Config(format!("{url} is not JSON: {e}")))?;
    // `?pool=` picks a pool by name or id; otherwise the first.
    let wanted = query("pool");
    let pool = pools["pools"].as_array().into_iter().flatten().find(|p| {
        wanted.as_deref().is_none_or(|w| {
            [&p["pool"]["name"], &p["pool"]["id"]]
                .iter()
                .any(|v| v.as_str() == Some(w))
        })
    });
    // `?client=` picks a client of that pool by name or id; otherwise the first.
    let client = query("client");
    let chosen = pool.and_then(|p| {
        p["clients"].as_array().into_iter().flatten().find(|c| {
            client.as_deref().is_none_or(|w| {
                [&c["client"]["name"], &c["client"]["id"]]
                    .iter()
                    .any(|v| v.as_str() == Some(w))
            })
        })
    });
    match chosen.map(|c| &c["widget_config"]) {
        Some(config) if !config.is_null() => Config::from_value(config),
        _ => Err(AuthError::Config(format!(
            "{url} lists no pool{} with a client{}",
            wanted.map(|w| format!(" named {w}")).unwrap_or_default(),
            client.map(|c| format!(" named {c}")).unwrap_or_default()
        ))),
    }
}
