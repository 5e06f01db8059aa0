//! The wire module against exact bodies: every request builder, the typed parse of real-looking
//! Cognito answers (shapes from captures noted in shared/reference/cognito-api.md), and errors.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// A crate root looks for modules beside it, so the parts under wire/ are named explicitly.
#[path = "wire/errors.rs"]
mod errors;
#[path = "wire/identity.rs"]
mod identity;
#[path = "wire/mfa_requests.rs"]
mod mfa_requests;
#[path = "wire/redaction.rs"]
mod redaction;
#[path = "wire/requests.rs"]
mod requests;
#[path = "wire/responses.rs"]
mod responses;
