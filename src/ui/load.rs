//! Where the standalone app finds its configuration, in order:
//! 1. `<script type="application/json" id="cognito-widget-config">` holding
//!    `{"amplify_outputs": {…}, "endpoint": "…"}` (endpoint optional: real Cognito by default);
//! 2. a cognito-emulator (`?emulator=URL`, else `<meta name="cognito-widget:emulator">`):
//!    the first client of `GET <emulator>/_emulator/pools`, as a user would copy it.

use serde_json::Value;

use crate::config::Config;
use crate::error::AuthError;

fn from_widget_config(value: &Value) -> Result<Config, AuthError> {
    let outputs = value
        .get("amplify_outputs")
        .ok_or_else(|| AuthError::Config("the configuration has no amplify_outputs".into()))?;
    Config::from_amplify_outputs(
        &outputs.to_string(),
        value.get("endpoint").and_then(Value::as_str),
    )
}

fn emulator_address(document: &web_sys::Document) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let from_query = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("emulator="))
        .and_then(|v| js_sys::decode_uri_component(v).ok())
        .and_then(|v| v.as_string());
    from_query.or_else(|| {
        document
            .query_selector("meta[name='cognito-widget:emulator']")
            .ok()??
            .get_attribute("content")
    })
}

/// The configuration of the page, or why there is none.
pub(super) async fn page_config() -> Result<Config, AuthError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| AuthError::Config("no document".into()))?;
    if let Some(script) = document.get_element_by_id("cognito-widget-config") {
        let text = script.text_content().unwrap_or_default();
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| AuthError::Config(format!("#cognito-widget-config is not JSON: {e}")))?;
        return from_widget_config(&value);
    }
    let Some(emulator) = emulator_address(&document) else {
        return Err(AuthError::Config(
            "no #cognito-widget-config script and no emulator address on the page".into(),
        ));
    };
    let url = format!("{}/_emulator/pools", emulator.trim_end_matches('/'));
    let unreachable =
        |e: gloo_net::Error| AuthError::Config(format!("cannot reach the emulator at {url}: {e}"));
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(unreachable)?;
    let pools: Value = serde_json::from_str(&response.text().await.map_err(unreachable)?)
        .map_err(|e| AuthError::Config(format!("{url} is not JSON: {e}")))?;
    let first = &pools["pools"][0]["clients"][0]["widget_config"];
    if first.is_null() {
        return Err(AuthError::Config(format!(
            "{url} lists no pool with a client"
        )));
    }
    from_widget_config(first)
}
