//! AWS credentials from the configuration's identity pool, for the widget's host: got after
//! each sign-in and token refresh (the `cognito-widget:credentials` event), renewed five
//! minutes before they expire, dropped at sign-out, and handed out by `getCredentials()`
//! (one request however many callers wait). Guests get some when the pool allows them, on
//! request. Memory only: never written to storage, never shown (the signed-in view shows the
//! identity and, when known, the role). All of this is the `identity` chunk's (`ui/lazy.rs`).

use std::cell::RefCell;
use std::rc::Rc;

use cognito_protocol::json::Value;
use cognito_protocol::wire::identity::AwsCredentials;
use cognito_protocol::{AwsSecret, IdToken};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;

use super::context::Widget;
use super::events::error_detail;
use crate::config::IdentityPool;
use crate::error::AuthError;
use crate::flow::{Event, Screen, Step};
use crate::runtime::{identity, now, refresh_due_in, session_still_good, sleep};

/// Temporary AWS credentials from the identity pool, and whose they are.
#[derive(Clone, PartialEq)]
pub struct Credentials {
    /// For the signed-in user (else a guest).
    pub authenticated: bool,
    /// The identity, the keys and when they expire (Unix seconds).
    pub aws: AwsCredentials,
}

/// Seconds before `Expiration` that credentials are renewed (the AWS SDK's margin).
const MARGIN: i64 = 300;

type Fetch = Shared<LocalBoxFuture<'static, Result<Credentials, AuthError>>>;

/// One widget's credentials.
#[derive(Default)]
struct Held {
    /// The last credentials got, with the ID token they were got with (`None`: a guest's).
    got: Option<(Option<String>, Credentials)>,
    /// The request in flight, for that token.
    in_flight: Option<(Option<String>, Fetch)>,
    /// The identity of the signed-in user (GetId is asked once per user).
    identity: Option<(String, String)>,
    /// The ID token the watcher last saw (`None`: nobody signed in).
    seen: Option<String>,
    /// Bumped at sign-out: answers to earlier requests are dropped.
    generation: u32,
    /// Bumped at each renewal planned (and at sign-out): an earlier plan wakes to nothing.
    renewal: u32,
    /// The device clock minus Cognito Identity's (seconds), which `Expiration` is by.
    drift: i64,
}

/// A widget's, by its screen signal (unique, never reused).
type Each = (RwSignal<Screen>, Rc<RefCell<Held>>);

thread_local! {
    /// Each widget's; an unmounted widget's is dropped the next time any is looked up.
    static HELD: RefCell<Vec<Each>> = const { RefCell::new(Vec::new()) };
}

/// This widget's, unless it is gone.
fn held_now(w: Widget) -> Option<Rc<RefCell<Held>>> {
    HELD.with(|all| {
        let mut all = all.borrow_mut();
        all.retain(|(screen, _)| !screen.is_disposed());
        all.iter()
            .find(|(screen, _)| *screen == w.screen)
            .map(|(_, h)| h.clone())
    })
}

fn held(w: Widget) -> Rc<RefCell<Held>> {
    held_now(w).unwrap_or_else(|| {
        let h = Rc::<RefCell<Held>>::default();
        HELD.with(|all| all.borrow_mut().push((w.screen, h.clone())));
        h
    })
}

/// The stored ID token, while someone is signed in.
fn signed_in_token(w: Widget) -> Option<String> {
    let signed_in = w
        .screen
        .try_with_untracked(|s| s.step.account().is_some())
        .unwrap_or(false);
    if !signed_in {
        return None;
    }
    let client = w.config.try_with_value(|c| c.client_id.clone())?;
    let stored = w
        .storage
        .try_with_value(|s| s.load(&client).ok().flatten())??;
    Some(stored.id_token.secret().clone())
}

/// Follows the session (the card calls this at each sign-in, refresh and sign-out it tells
/// the host of): credentials for each new ID token, none after sign-out.
pub(super) async fn session_changed(w: Widget) {
    let token = signed_in_token(w);
    let was = {
        let h = held(w);
        let mut h = h.borrow_mut();
        if h.seen == token {
            return;
        }
        std::mem::replace(&mut h.seen, token.clone())
    };
    match token {
        Some(_) => {
            let _ = get(w).await;
        }
        None if was.is_some() => signed_out(w),
        None => {}
    }
}

/// Signed out: the user's credentials and identity are dropped, and so is this browser's
/// guest identity (as Amplify's sign-out does: the next guest is a new one).
fn signed_out(w: Widget) {
    let h = held(w);
    let mut h = h.borrow_mut();
    h.generation = h.generation.wrapping_add(1);
    h.got = None;
    h.in_flight = None;
    h.identity = None;
    h.renewal = h.renewal.wrapping_add(1);
    w.aws.set_value(Vec::new());
    if let Some(pool) = w.config.with_value(|c| c.identity_pool.clone()) {
        let _ = w
            .storage
            .with_value(|s| s.set_guest_identity(&pool.id, None));
    }
}

/// The ID token of the signed-in user, good for at least a minute more (refreshed first when
/// it is not); `None` when nobody is signed in.
async fn fresh_token(w: Widget) -> Result<Option<String>, AuthError> {
    let (Some(config), Some(storage)) = (w.config.try_get_value(), w.storage.try_get_value())
    else {
        return Ok(None);
    };
    // The refresh is the flow's (one for every tab); wait for it as long as a request may take.
    let mut asked = false;
    for _ in 0..=(config.timeout_ms / 100 + 20) {
        let Some(token) = signed_in_token(w) else {
            return Ok(None);
        };
        if session_still_good(&config, &storage, 60) {
            return Ok(Some(token));
        }
        let refreshing = w
            .screen
            .try_with_untracked(|s| s.in_flight.is_some())
            .unwrap_or(false);
        if !refreshing {
            if asked {
                break;
            }
            asked = true;
            w.send(Event::RefreshDue);
        }
        sleep(100).await;
    }
    let failed = w.screen.try_with_untracked(|s| s.error.clone()).flatten();
    Err(failed.unwrap_or(AuthError::Timeout))
}

/// Credentials for whoever is signed in, or for a guest when the pool allows guests (`None`
/// when it does not): the ones held while good for five minutes more, else new ones (one
/// request for every caller).
pub(super) async fn get(w: Widget) -> Result<Option<Credentials>, AuthError> {
    let Some(pool) = w
        .config
        .try_with_value(|c| c.identity_pool.clone())
        .flatten()
    else {
        return Err(AuthError::Config(
            "the configuration names no identity pool".into(),
        ));
    };
    let token = fresh_token(w).await?;
    if token.is_none() && !pool.guests {
        return Ok(None);
    }
    let h = held(w);
    let fetch = {
        let mut held = h.borrow_mut();
        let server_now = now() - held.drift;
        if let Some((_, got)) = held
            .got
            .as_ref()
            .filter(|(t, got)| *t == token && got.aws.expiration - MARGIN > server_now)
        {
            return Ok(Some(got.clone()));
        }
        match &held.in_flight {
            Some((t, fetch)) if *t == token => fetch.clone(),
            _ => {
                let fetch = fetch(w, pool, token.clone(), held.generation)
                    .boxed_local()
                    .shared();
                held.in_flight = Some((token, fetch.clone()));
                fetch
            }
        }
    };
    fetch.await.map(Some)
}

/// Asks the identity pool, then keeps what came, tells the host and shows the identity.
async fn fetch(
    w: Widget,
    pool: IdentityPool,
    token: Option<String>,
    generation: u32,
) -> Result<Credentials, AuthError> {
    let (Some(config), Some(storage)) = (w.config.try_get_value(), w.storage.try_get_value())
    else {
        return Err(AuthError::Config("the widget is gone".into()));
    };
    let h = held(w);
    let username = token.as_ref().and_then(|_| {
        w.screen
            .with_untracked(|s| s.step.account().map(|p| p.username.clone()))
    });
    let known = h
        .borrow()
        .identity
        .as_ref()
        .filter(|(user, _)| Some(user) == username.as_ref())
        .map(|(_, id)| id.clone());
    let answer = identity::credentials(
        &config,
        &pool,
        &storage,
        token.clone().map(IdToken::new),
        known,
    )
    .await;
    let kept = keep(w, &h, generation, token, username, answer);
    let got = match kept {
        Ok(got) => got,
        Err(error) => {
            w.say("error", error_detail(&error, w.language), None);
            return Err(error);
        }
    };
    w.say("credentials", to_json(&got), None);
    if got.authenticated {
        show(w, &pool, &got, generation).await;
    }
    Ok(got)
}

/// Shows the user's AWS identity, and the role when the emulator says it, in the signed-in
/// view: its step renders again when they change (a signed-in view has nothing typed to lose;
/// another step shows them when the user comes back to the signed-in view).
async fn show(w: Widget, pool: &IdentityPool, got: &Credentials, generation: u32) {
    let t = w.texts();
    let mut rows = vec![(t.aws_identity.to_owned(), got.aws.identity_id.clone())];
    if let Some(role) = identity::issued_role(pool, &got.aws.access_key_id).await {
        rows.push((t.aws_role.to_owned(), role));
    }
    let h = held(w);
    let current = h.borrow().generation == generation; // not signed out meanwhile
    if !current || w.aws.with_value(|shown| *shown == rows) {
        return;
    }
    w.aws.set_value(rows);
    let signed_in = w
        .screen
        .with_untracked(|s| matches!(s.step, Step::SignedIn(_)));
    if signed_in {
        w.loaded.update(|n| *n += 1);
    }
}

/// Keeps what the identity pool answered, unless the user signed out meanwhile, and plans
/// the renewal of new credentials.
fn keep(
    w: Widget,
    h: &RefCell<Held>,
    generation: u32,
    token: Option<String>,
    username: Option<String>,
    answer: Result<(AwsCredentials, Option<i64>), AuthError>,
) -> Result<Credentials, AuthError> {
    let mut held = h.borrow_mut();
    if held.generation != generation {
        // Signed out meanwhile: nobody's credentials any more.
        return Err(AuthError::Network("signed out".into()));
    }
    held.in_flight = None;
    let (aws, drift) = answer?;
    // The answer's clock, else the session's (a browser may not see the `Date` header).
    held.drift = drift.unwrap_or_else(|| session_drift(w));
    let got = Credentials {
        authenticated: token.is_some(),
        aws,
    };
    if let Some(user) = username {
        held.identity = Some((user, got.aws.identity_id.clone()));
    }
    let signed_in = token.is_some();
    held.got = Some((token, got.clone()));
    // Renewed five minutes before they expire (timers sleep with the page: `get` checks too),
    // unless the tokens' refresh brings new ones first.
    // A sleep, not a timer's callback: a wasm-bindgen closure would pull all of this into the
    // first load (its shim is a root of the main module, `wasm-split` keeps what it calls).
    held.renewal = held.renewal.wrapping_add(1);
    let plan = held.renewal;
    // At least a minute apart, whatever the clocks say: never a storm of requests.
    let due = (got.aws.expiration - MARGIN - (now() - held.drift)).clamp(60, 86_400);
    // A user's tokens refreshed first bring new credentials with them (a new ID token is a new
    // request): no renewal of its own then, or there would be two requests each hour.
    let refreshed_first = signed_in
        && w.config
            .with_value(|c| w.storage.with_value(|s| refresh_due_in(c, s)))
            .is_some_and(|refresh| refresh <= due + 60);
    if refreshed_first {
        return Ok(got);
    }
    leptos::task::spawn_local(async move {
        sleep(due as u32 * 1000).await;
        if held_now(w).is_some_and(|h| h.borrow().renewal == plan) {
            let _ = get(w).await;
        }
    });
    Ok(got)
}

/// The device clock minus Cognito's (seconds), as stored with the session; 0 for a guest.
fn session_drift(w: Widget) -> i64 {
    let client = w.config.with_value(|c| c.client_id.clone());
    w.storage
        .with_value(|s| s.load(&client).ok().flatten())
        .map_or(0, |s| s.clock_drift)
}

impl Credentials {
    /// Read back from [`to_json`]'s form (the event a Leptos host hears).
    pub(crate) fn from_json(detail: &Value) -> Option<Self> {
        let c = &detail["credentials"];
        let text = |v: &Value| v.as_str().map(str::to_owned);
        Some(Self {
            authenticated: detail["authenticated"].as_bool()?,
            aws: AwsCredentials {
                identity_id: text(&detail["identityId"])?,
                access_key_id: text(&c["accessKeyId"])?,
                secret_key: AwsSecret::new(text(&c["secretAccessKey"])?),
                session_token: AwsSecret::new(text(&c["sessionToken"])?),
                expiration: c["expiration"].as_i64()?,
            },
        })
    }
}

/// The `credentials` event's detail and `getCredentials()`'s answer: Amplify's
/// `fetchAuthSession` shape, `{identityId, authenticated, credentials: {accessKeyId,
/// secretAccessKey, sessionToken, expiration}}`, `expiration` in Unix seconds.
pub(crate) fn to_json(c: &Credentials) -> Value {
    let aws = &c.aws;
    Value::object([
        ("identityId", aws.identity_id.as_str().into()),
        ("authenticated", c.authenticated.into()),
        (
            "credentials",
            Value::object([
                ("accessKeyId", aws.access_key_id.as_str().into()),
                ("secretAccessKey", aws.secret_key.secret().as_str().into()),
                ("sessionToken", aws.session_token.secret().as_str().into()),
                ("expiration", aws.expiration.into()),
            ]),
        ),
    ])
}
