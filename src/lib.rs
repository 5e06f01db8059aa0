//! `cognito-widget`: Amazon Cognito sign-up and sign-in for any web page, in Rust and
//! WebAssembly. The standalone app (`main.rs`, [`ui::app::start_app`]) and Leptos hosts render
//! the same [`Authenticator`]; other pages use the embedding API (`mount`, `<cognito-widget>`).

pub mod config;
#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod embed;
pub mod error;
pub mod flow;
pub mod i18n;
pub mod messages;
pub mod runtime;
pub mod session;
mod split;
pub mod ui;

pub use session::SignOutReason;
pub use ui::app::Authenticator;
pub use ui::context::Widget;
pub use ui::credentials::Credentials;
pub use ui::events::{Session, SessionEvent};
