//! The views. Each renders one step and nothing else; none calls Cognito.
//!
//! `unreachable_pub` is allowed on the component modules: Leptos's `#[component]` re-emits
//! every component function as `pub`, whatever visibility it is written with.

pub mod app;
#[allow(unreachable_pub)]
mod confirm_code;
pub mod context;
mod events;
#[allow(unreachable_pub)]
mod field;
#[allow(unreachable_pub)]
mod forgot_password;
mod load;
mod login;
#[allow(unreachable_pub)]
mod new_password;
#[allow(unreachable_pub)]
mod password;
#[allow(unreachable_pub)]
mod reset_password;
#[allow(unreachable_pub)]
mod sign_in;
#[allow(unreachable_pub)]
mod sign_up;
#[allow(unreachable_pub)]
mod signed_in;
#[allow(unreachable_pub)]
mod status;
#[allow(unreachable_pub)]
mod submit;
