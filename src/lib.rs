//! `cognito-widget`: Amazon Cognito sign-up and sign-in for any web page, in Rust and
//! WebAssembly. The standalone app (`main.rs`) and embedders mount the same [`App`].

pub mod config;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod embed;
pub mod error;
pub mod flow;
pub mod i18n;
pub mod messages;
pub mod runtime;
pub mod ui;

pub use ui::app::{App, Authenticator};
