//! `getSession()` for the embedding API: tokens good for at least a minute more, refreshed first
//! when needed, one refresh however many callers wait (like Amplify's `fetchAuthSession`).

use cognito_protocol::json::Value;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::context::Widget;
use super::events::{error_detail, session_json};
use crate::error::AuthError;
use crate::flow::{Effect, Event, Step};
use crate::runtime::session_still_good;

impl Widget {
    /// The session with tokens good for at least a minute more, refreshing first if needed:
    /// a caller arriving while a refresh is in flight waits for that one (single flight).
    /// `None` when signed out; the `error` event's detail of the refresh's failure when it failed.
    pub async fn valid_session(self) -> Result<Option<Value>, JsValue> {
        let (Some(config), Some(storage)) =
            (self.config.try_get_value(), self.storage.try_get_value())
        else {
            return Ok(None);
        };
        if !session_still_good(&config, &storage, 60) {
            let signed_in = self
                .screen
                .try_with_untracked(|s| matches!(s.step, Step::SignedIn(_)))
                .unwrap_or(false);
            if !signed_in {
                return Ok(None);
            }
            let settled = js_sys::Promise::new(&mut |resolve, _| {
                self.waiters.update_value(|w| w.push(resolve));
            });
            self.send(Event::RefreshDue); // ignored if one is in flight already
            self.settle_waiters(None);
            let failure = wasm_bindgen_futures::JsFuture::from(settled)
                .await
                .unwrap_or(JsValue::NULL);
            if !session_still_good(&config, &storage, 0) {
                return match self.session() {
                    None => Ok(None),
                    Some(_) => Err(failure),
                };
            }
        }
        Ok(session_json(&config, &storage))
    }

    /// Wakes the callers of [`Self::valid_session`] once no refresh is in flight, with the
    /// failure that ended it (the `error` event's detail), if any.
    pub(super) fn settle_waiters(self, failed: Option<&AuthError>) {
        let refreshing = self
            .screen
            .try_with_untracked(|s| matches!(s.in_flight, Some(Effect::Refresh)))
            .unwrap_or(true);
        if refreshing {
            return;
        }
        let waiting = self
            .waiters
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if waiting.is_empty() {
            return;
        }
        let failure = failed.map_or(JsValue::NULL, |e| {
            let detail = error_detail(e, self.language).to_string();
            js_sys::JSON::parse(&detail).unwrap_or(JsValue::NULL)
        });
        for resolve in waiting {
            let _ = resolve.call1(&JsValue::NULL, &failure);
        }
    }
}
