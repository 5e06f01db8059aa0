//! What keeps a session alive through bad networks and wrong clocks, as pure functions the
//! flow and the runtime share (tested natively and in the browser, `tests/session.rs`):
//! - [`classify`]: whether a failure ends a session, is worth retrying, or is a refusal;
//! - [`backoff_ms`]: how long to wait before retrying, capped and jittered;
//! - [`clock`]: the server's time from the device clock and `clockDrift`, and when tokens are due;
//! - [`concerns_session`]: which storage changes of another tab this tab must adopt.

mod backoff;
mod class;
pub mod clock;
mod tabs;

pub use backoff::{backoff_ms, FIRST_RETRY_MS, MAX_WAIT_MS};
pub use class::{classify, end_reason, Class, SignOutReason};
pub use tabs::concerns_session;
