//! Code splitting: what only some users reach is fetched when first needed.
//!
//! Release builds (`scripts/small-release` sets `--cfg cw_split`) mark the functions in
//! `ui/lazy.rs` and `runtime/lazy.rs` as split points with `wasm_split` (the crate Leptos's
//! `#[lazy]` uses); `scripts/release/split.mjs` then cuts the linked wasm with wasm-split-cli,
//! so that each split point, with everything only it reaches, becomes a chunk of its own,
//! loaded the first time it is called. Other builds (tests, `trunk serve`) call the same
//! functions directly. The bundle budget counts what loads before the first screen; each chunk
//! is measured and listed beside it (`e2e/bundle-budget.mjs`).

use crate::error::AuthError;

/// Calls a split point: in split builds it is an `async fn` (its chunk is loaded first),
/// otherwise a plain one.
macro_rules! lazy {
    ($call:expr) => {{
        #[cfg(cw_split)]
        let answer = $call.await;
        #[cfg(not(cw_split))]
        let answer = $call;
        answer
    }};
}
pub(crate) use lazy;

/// Calls a split point without waiting: `Some` of its answer when its chunk is loaded, `None`
/// when it is not (yet). A view cannot wait: it shows that it is loading, and renders again
/// once the chunk is there (`ui/app.rs`); the card loads the chunk of the step an answer leads
/// to before it hands the answer to the flow (`ui/lazy.rs`), so that this is rare.
macro_rules! lazy_now {
    ($call:expr) => {{
        #[cfg(cw_split)]
        let answer = $crate::split::now($call);
        #[cfg(not(cw_split))]
        let answer = Some($call);
        answer
    }};
}
pub(crate) use lazy_now;

/// Polls a future once: its output if it is ready at once. A split point whose chunk is
/// loaded is: its loader is a resolved cell.
#[cfg(cw_split)]
pub(crate) fn now<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(answer) => Some(answer),
        Poll::Pending => None,
    }
}

/// A chunk could not be fetched (offline, or the server lost it): the user sees the same
/// words as for any request that did not get through, and the next try fetches it again.
impl From<leptos::wasm_split::SplitLoaderError> for AuthError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        AuthError::Network("a part of the widget could not be loaded".to_owned())
    }
}
