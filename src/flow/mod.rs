//! The sign-up and sign-in flow as data: one [`Step`] enum, one [`Event`] enum and one pure
//! function, [`next`], that says where an event leads and what work ([`Effect`]) it starts.
//!
//! The effect runner (SRP, transport, storage) performs an [`Effect`] and feeds its outcome
//! back as an [`Event`]; views only render a [`Step`] and send user events. Nothing here
//! touches the browser, so the whole flow is tested natively as a table (`tests.rs`).

pub mod account;
mod event;
pub mod mfa;
mod next;
pub mod rare;
mod step;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_account;
#[cfg(test)]
mod tests_mfa;

pub use account::routes_to_account;
pub use event::{Effect, Event, Restored};
pub use next::{chunk_of, next, next_here, Chunk, Notice, Screen};
pub use step::{Challenge, Delivery, MfaPrompt, Profile, Step, TotpFor, Verifying};
