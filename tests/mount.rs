//! The app mounts in a real browser and shows its first screen.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn app_mounts_its_first_screen() {
    let document = document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(
        host.clone().unchecked_into::<web_sys::HtmlElement>(),
        cognito_widget::App,
    );
    let root = host
        .query_selector("[data-testid=cw-root]")
        .unwrap()
        .expect("the root card is in the DOM");
    let heading = root.query_selector("h1").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Sign in");
    drop(handle);
    assert!(host
        .query_selector("[data-testid=cw-root]")
        .unwrap()
        .is_none());
}
