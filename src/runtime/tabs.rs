//! Tabs that share one stored session (DESIGN §14): one refresh at a time across every tab of
//! the origin, with the Web Locks API. Which storage changes of another tab concern us is
//! `session::concerns_session`.
//!
//! The lock is taken by a few lines of JavaScript: a Rust future run inside the lock's callback
//! (`future_to_promise`) cost 1 KB gzip of the bundle, this costs a fifth of that.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::storage::Storage;

// A lock someone else held may come with their storage writes still on the way to this tab
// (Chromium keeps a copy of localStorage per process and sends changes after the fact): a
// contended lock is handed over 150 ms after it is granted, time for those writes to arrive.
#[wasm_bindgen(inline_js = "export function lock(name) {
  const locks = navigator.locks;
  return locks ? new Promise((granted) => {
    const hold = (wait) => () => new Promise((release) => setTimeout(() => granted(release), wait));
    locks.request(name, { ifAvailable: true }, (free) => free ? hold(0)() : locks.request(name, hold(150)))
      .catch(() => granted(null));
  }) : Promise.resolve(null);
}
export function pause(ms) { return new Promise((done) => setTimeout(done, ms)); }")]
extern "C" {
    /// Resolves, once `name` is held, to the function that releases it (`null` without locks).
    fn lock(name: &str) -> js_sys::Promise;
    fn pause(ms: u32) -> js_sys::Promise;
}

/// Waits `ms` milliseconds.
pub(crate) async fn sleep(ms: u32) {
    let _ = wasm_bindgen_futures::JsFuture::from(pause(ms)).await;
}

/// A held lock; dropping it releases the lock.
pub(crate) struct Held(js_sys::Function);

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::NULL);
    }
}

/// Holds the lock every refresh of `storage`'s session takes, so that tabs sharing
/// `localStorage` spend a refresh token one at a time; `memory` and `session` storage are this
/// tab's own, with nobody to wait for.
pub(crate) async fn hold_refresh(storage: &Storage, client_id: &str) -> Option<Held> {
    match storage {
        Storage::Local => hold(&format!("cognito-widget.refresh.{client_id}")).await,
        _ => None,
    }
}

/// Waits for the lock `name`, shared by every tab of this origin, and holds it until the
/// returned guard is dropped. `None` where the browser has no Web Locks (or refused the
/// request): callers must then tolerate a race.
pub(crate) async fn hold(name: &str) -> Option<Held> {
    let release = wasm_bindgen_futures::JsFuture::from(lock(name))
        .await
        .ok()?;
    release.dyn_into::<js_sys::Function>().ok().map(Held)
}
