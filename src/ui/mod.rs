//! The views. Each renders one step and nothing else; none calls Cognito. The steps that ask
//! for input describe their form as data, and `form.rs` renders every one of them.
//!
//! `unreachable_pub` is allowed on the component modules: Leptos's `#[component]` re-emits
//! every component function as `pub`, whatever visibility it is written with.

mod account;
pub mod app;
mod checks;
mod confirm_code;
pub mod context;
pub mod credentials;
pub mod events;
mod field;
mod forgot_password;
mod form;
mod fresh;
mod lazy;
mod load;
mod login;
mod mfa;
mod new_password;
mod password;
mod profile;
mod qr;
mod reset_password;
#[cfg(feature = "embed")]
mod session;
mod sign_in;
mod sign_up;
mod signed_in;
#[allow(unreachable_pub)]
mod status;
