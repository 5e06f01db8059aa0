//! The browser side of the flow: performs an [`Effect`](crate::flow::Effect) with the transport,
//! SRP and storage, and reports its outcome as an [`Event`](crate::flow::Event).

mod account;
pub(crate) mod identity;
mod lazy;
mod mfa;
mod perform;
mod random;
mod rare;
mod sign_in;
mod storage;
mod tabs;
mod tokens;
mod transport;

pub(crate) use lazy::load_srp;
pub use mfa::has_device;
pub use perform::{
    perform, perform_cancellable, refresh_due_in, session_still_good, stored_profile,
};
pub(crate) use sign_in::now;
pub use storage::Storage;
pub(crate) use tabs::sleep;
pub use tokens::{claims_of, profile_of};
pub use transport::{fetch_failure, Cancel, Transport};
