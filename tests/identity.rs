//! AWS credentials from the demo pool's identity pool (seed 000's), in headless Chrome against
//! the emulator, through a Leptos host's `Authenticator`: got after sign-in (heard as
//! `SessionEvent::Credentials`, the signed-in view showing their identity and role), the same
//! ones until the clock nears their expiry, then new ones, and a guest's after sign-out; a
//! guest who signs in brings their identity along; concurrent callers share one request.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use std::sync::{Arc, Mutex};

use cognito_widget::config::Config;
use cognito_widget::{Credentials, SessionEvent, Widget};
use leptos::prelude::Callback;
use serde_json::Value;
use support::{config_for, existing_user, get, local_storage, mount_handing, sleep, unique_email};
use support::{Mounted, PATIENCE_MS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Heard = Arc<Mutex<Vec<SessionEvent>>>;

/// The widget mounted for a Leptos host that hears its events and holds its handle.
fn mounted(config: &Config) -> (Mounted, Heard, Widget) {
    let heard = Heard::default();
    let keep = heard.clone();
    let handed = Arc::new(Mutex::new(None));
    let hand = handed.clone();
    let mounted = mount_handing(
        config,
        Some(Callback::new(move |e| keep.lock().unwrap().push(e))),
        Some(Callback::new(move |w| *hand.lock().unwrap() = Some(w))),
    );
    let widget = handed
        .lock()
        .unwrap()
        .take()
        .expect("on_mount handed the widget");
    (mounted, heard, widget)
}

/// The credentials heard so far.
fn heard_credentials(heard: &Heard) -> Vec<Credentials> {
    heard
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            SessionEvent::Credentials(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// Waits for the `n`th credentials event.
async fn nth_credentials(heard: &Heard, n: usize) -> Credentials {
    let deadline = js_sys::Date::now() + PATIENCE_MS;
    while js_sys::Date::now() < deadline {
        if let Some(c) = heard_credentials(heard).get(n - 1) {
            return c.clone();
        }
        sleep(20).await;
    }
    panic!("credentials event {n} never came");
}

/// What the emulator recorded for the key `access_key_id`.
async fn issued(access_key_id: &str) -> Value {
    let list = get(&format!(
        "/_emulator/credentials?access_key_id={access_key_id}"
    ))
    .await;
    list["credentials"][0].clone()
}

/// Moves the page's clock (`Date.now`) `minutes` ahead; 0 puts it back.
fn clock_ahead(minutes: i64) {
    let date = js_sys::Reflect::get(&js_sys::global(), &"Date".into()).unwrap();
    let body = format!(
        "return Math.floor(performance.timeOrigin + performance.now()) + {};",
        minutes * 60_000
    );
    js_sys::Reflect::set(&date, &"now".into(), &js_sys::Function::new_no_args(&body)).unwrap();
}

/// The demo pool's client that seed 000's identity pool takes tokens from (the demo's other
/// client, `rotating-client`, is not one of its providers).
async fn identity_client() -> Config {
    config_for("my-user-pool", Some("userpoolclientDA356A8E")).await
}

fn guest_key(config: &Config) -> String {
    let pool = config.identity_pool.as_ref().unwrap();
    format!("com.amplify.Cognito.{}.identityId", pool.id)
}

#[wasm_bindgen_test]
async fn a_signed_in_users_credentials_are_renewed_near_expiry_and_gone_after_sign_out() {
    local_storage().clear().unwrap();
    let config = identity_client().await;
    let pool = config
        .identity_pool
        .clone()
        .expect("the demo client's identity pool");
    assert!(pool.guests, "seed 000's identity pool allows guests");
    let email = unique_email("credentials");
    existing_user(&config, &email, "Secret 42 pass", true).await;
    let (page, heard, widget) = mounted(&config);
    page.sign_in(&email, "Secret 42 pass").await;
    page.wait_for("[data-testid=cw-signed-in]").await;

    // After sign-in: the event, for the user's identity and the authenticated role.
    let first = nth_credentials(&heard, 1).await;
    assert!(first.authenticated);
    assert!(first.aws.access_key_id.starts_with("ASIA"));
    let record = issued(&first.aws.access_key_id).await;
    assert_eq!(record["identity_id"], first.aws.identity_id.as_str());
    assert_eq!(record["authenticated"], true);
    let role = record["role_arn"].as_str().unwrap().to_owned();
    assert!(role.contains("usersgrouprole"), "{role}");
    // The signed-in view shows the identity, then the role the emulator says.
    page.wait_for_text(".cw-attributes", &first.aws.identity_id)
        .await;
    page.wait_for_text(".cw-attributes", &role).await;
    let shown = page.find(".cw-attributes").unwrap().inner_text();
    assert!(
        shown.contains("AWS identity") && shown.contains("AWS role"),
        "{shown}"
    );
    // Memory only: nothing of them in storage.
    let storage = local_storage();
    for i in 0..storage.length().unwrap() {
        let value = storage
            .get_item(&storage.key(i).unwrap().unwrap())
            .unwrap()
            .unwrap();
        assert!(
            !value.contains(&first.aws.access_key_id),
            "a key was stored"
        );
    }

    // Asked for, the same ones while they are good for five more minutes.
    let again = widget.credentials().await.unwrap().unwrap();
    assert_eq!(again.aws.access_key_id, first.aws.access_key_id);
    // 57 minutes on, three minutes before they expire: new ones, same identity.
    clock_ahead(57);
    let renewed = widget.credentials().await;
    clock_ahead(0);
    let renewed = renewed.unwrap().unwrap();
    assert_ne!(
        renewed.aws.access_key_id, first.aws.access_key_id,
        "renewed"
    );
    assert_eq!(renewed.aws.identity_id, first.aws.identity_id);
    assert!(renewed.aws.expiration >= first.aws.expiration);
    assert_eq!(
        nth_credentials(&heard, 2).await.aws.access_key_id,
        renewed.aws.access_key_id,
        "the host hears the renewed ones"
    );

    // Signed out: the user's are gone; the pool allows guests, so a guest's come instead.
    page.click("Sign out");
    page.wait_for("#cw-username").await;
    assert!(page.find(".cw-attributes").is_none());
    let guest = widget.credentials().await.unwrap().unwrap();
    assert!(!guest.authenticated);
    assert_ne!(guest.aws.identity_id, first.aws.identity_id);
    let record = issued(&guest.aws.access_key_id).await;
    assert_eq!(record["authenticated"], false);
    assert!(record["role_arn"]
        .as_str()
        .unwrap()
        .contains("anonymousgrouprole"));
    drop(page);
}

#[wasm_bindgen_test]
async fn a_guest_who_signs_in_brings_their_identity_and_callers_share_one_request() {
    local_storage().clear().unwrap();
    let config = identity_client().await;
    let key = guest_key(&config);
    let (page, heard, widget) = mounted(&config);
    page.wait_for("#cw-username").await;

    // Two callers at once, nobody signed in: one guest identity, one request, one key.
    let (a, b) = futures::join!(widget.credentials(), widget.credentials());
    let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    assert!(!a.authenticated);
    assert_eq!(
        a.aws.access_key_id, b.aws.access_key_id,
        "one request for both"
    );
    let guest_id = a.aws.identity_id.clone();
    assert_eq!(
        local_storage().get_item(&key).unwrap().as_deref(),
        Some(guest_id.as_str()),
        "the guest's identity is kept under Amplify's key"
    );

    // A new user signing in: the guest identity becomes theirs (Cognito upgrades it).
    let email = unique_email("guest");
    existing_user(&config, &email, "Secret 42 pass", true).await;
    page.sign_in(&email, "Secret 42 pass").await;
    let mine = {
        let deadline = js_sys::Date::now() + PATIENCE_MS;
        loop {
            let got = heard_credentials(&heard);
            if let Some(c) = got.iter().find(|c| c.authenticated) {
                break c.clone();
            }
            assert!(
                js_sys::Date::now() < deadline,
                "no credentials after sign-in"
            );
            sleep(20).await;
        }
    };
    assert_eq!(
        mine.aws.identity_id, guest_id,
        "the guest's identity is the user's now"
    );
    assert_eq!(
        local_storage().get_item(&key).unwrap(),
        None,
        "no guest any more"
    );

    // Signed out, a new guest; signing in again, that guest is merged into the user's identity.
    page.click("Sign out");
    page.wait_for("#cw-username").await;
    let second = widget.credentials().await.unwrap().unwrap();
    assert_ne!(second.aws.identity_id, guest_id, "a new guest");
    let before = heard_credentials(&heard).len();
    page.sign_in(&email, "Secret 42 pass").await;
    let back = nth_credentials(&heard, before + 1).await;
    assert!(back.authenticated);
    assert_eq!(back.aws.identity_id, guest_id, "the user's one identity");
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
    drop(page);
}
