//! POSTs a [`Request`] to Cognito's JSON endpoint and hands back the status, the body and the
//! server's clock (the `Date` header Cognito exposes to browsers) for SRP's TIMESTAMP. Every
//! request has a deadline and can be cancelled (DESIGN §13).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use cognito_protocol::wire::{Request, CONTENT_TYPE};
use leptos::prelude::set_timeout_with_handle;

use super::sign_in::now;
use crate::error::AuthError;
use crate::session::clock::drift;

/// One answer from Cognito.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
    /// The server's `Date`, in Unix seconds, when it sent one.
    pub server_time: Option<i64>,
}

/// A failed fetch in the browser's own words (`TypeError: Failed to fetch`). Matching, not
/// `Display`, so that gloo-net's JSON error formatting is not linked in.
pub fn fetch_failure(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.to_string(),
        gloo_net::Error::GlooError(text) => text,
        _ => "the browser could not read the answer".into(),
    }
}

/// Abandons the request in flight from outside the effect (the user went back, or signed out
/// during a refresh), and counts what was abandoned, so a late outcome can be told apart.
/// Cheap to clone: every clone speaks of the same requests.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Rc<Abandon>);

#[derive(Debug, Default)]
struct Abandon {
    /// The request in flight.
    controller: RefCell<Option<web_sys::AbortController>>,
    /// How many times [`Cancel::cancel`] was called.
    generation: Cell<u32>,
}

impl Cancel {
    /// Aborts the request in flight, if any (its effect ends with [`AuthError::Network`]), and
    /// starts a new generation: outcomes of effects started before are to be dropped.
    pub fn cancel(&self) {
        self.0
            .generation
            .set(self.0.generation.get().wrapping_add(1));
        if let Some(controller) = self.0.controller.borrow_mut().take() {
            controller.abort();
        }
    }

    /// The generation now: an effect whose generation has passed was abandoned.
    pub fn generation(&self) -> u32 {
        self.0.generation.get()
    }
}

/// Where requests go, how long each may take, and how to abandon one.
#[derive(Debug, Clone)]
pub struct Transport {
    endpoint: String,
    timeout_ms: u32,
    cancel: Cancel,
    /// Device clock minus server clock (seconds) at the last answer that had a `Date`.
    drift: Rc<Cell<Option<i64>>>,
}

impl Transport {
    /// Requests go to `endpoint` (ending in `/`); each is abandoned after `timeout_ms`, or when
    /// `cancel` says so.
    pub fn new(endpoint: impl Into<String>, timeout_ms: u32, cancel: Cancel) -> Self {
        Self {
            endpoint: endpoint.into(),
            timeout_ms,
            cancel,
            drift: Rc::default(),
        }
    }

    /// Seconds the device clock is ahead of the server's, by the `Date` of the last answer
    /// (whatever it said, a failure too), if any had one.
    pub fn drift(&self) -> Option<i64> {
        self.drift.get()
    }

    /// Sends `request` with a deadline: a failure to connect is [`AuthError::Network`], no
    /// answer in time [`AuthError::Timeout`]. An abandoned request never yields an answer,
    /// even if its body arrived in the meantime, so nothing is stored after a cancel.
    pub async fn send(&self, request: &Request) -> Result<Answer, AuthError> {
        let controller =
            web_sys::AbortController::new().map_err(|_| AuthError::Network("no fetch".into()))?;
        let signal = controller.signal();
        *self.cancel.0.controller.borrow_mut() = Some(controller.clone());
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (timed_out, controller) = (timed_out.clone(), controller);
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                Duration::from_millis(self.timeout_ms.into()),
            )
            .ok()
        };
        let answer = self.exchange(request, &signal).await;
        if let Some(timer) = timer {
            timer.clear();
        }
        self.cancel.0.controller.borrow_mut().take();
        match answer {
            _ if timed_out.get() => Err(AuthError::Timeout),
            _ if signal.aborted() => Err(AuthError::Network("cancelled".into())),
            answer => {
                if let Ok(Answer {
                    server_time: Some(t),
                    ..
                }) = &answer
                {
                    self.drift.set(Some(drift(now(), *t)));
                }
                answer
            }
        }
    }

    async fn exchange(
        &self,
        request: &Request,
        signal: &web_sys::AbortSignal,
    ) -> Result<Answer, AuthError> {
        let response = gloo_net::http::Request::post(&self.endpoint)
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Target", request.target)
            .abort_signal(Some(signal))
            .body(request.body.to_string())
            .map_err(|e| AuthError::Network(fetch_failure(e)))?
            .send()
            .await
            .map_err(|e| AuthError::Network(fetch_failure(e)))?;
        let server_time = response
            .headers()
            .get("date")
            .and_then(|d| {
                js_sys::Date::parse(&d)
                    .is_finite()
                    .then(|| js_sys::Date::parse(&d))
            })
            .map(|ms| (ms / 1000.0) as i64);
        let status = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| AuthError::Network(fetch_failure(e)))?;
        Ok(Answer {
            status,
            body,
            server_time,
        })
    }
}
