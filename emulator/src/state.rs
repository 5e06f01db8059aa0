//! What every request handler shares: the pools and clients, the store, the keys, the
//! challenges in flight and the clock.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, RwLock};

use cognito_protocol::pool::{ClientConfig, PoolConfig};
use cognito_protocol::srp::ServerChallenge;

use crate::api::error::ApiError;
use crate::store::Store;
use crate::template::LoadedClient;
use crate::tokens::Keys;

/// A challenge issued by InitiateAuth and awaiting RespondToAuthChallenge.
pub enum Pending {
    /// SRP: the server's half and the secret block it sent.
    PasswordVerifier {
        /// The internal username.
        username: String,
        /// A, b, B and the verifier.
        challenge: Box<ServerChallenge>,
        /// The raw SECRET_BLOCK bytes.
        secret_block: Vec<u8>,
    },
    /// An administrator-created user must choose a password.
    NewPasswordRequired {
        /// The internal username.
        username: String,
    },
}

/// One entry of the session table, keyed by the `Session` string.
pub struct Session {
    /// The client the flow started with.
    pub client_id: String,
    /// When it stops being accepted (Unix seconds).
    pub expires: i64,
    /// What is awaited.
    pub pending: Pending,
}

/// The emulator's shared state.
pub struct AppState {
    /// Pools by id.
    pub pools: BTreeMap<String, PoolConfig>,
    /// Clients by id.
    pub clients: BTreeMap<String, LoadedClient>,
    /// Durable state.
    pub store: Store,
    /// Token signing keys.
    pub keys: Keys,
    /// `http://127.0.0.1:<port>`: token issuers are `<base>/<poolId>`.
    pub base_url: String,
    /// Challenges in flight (they last minutes; a restart may drop them, as Cognito's expire).
    pub sessions: Mutex<HashMap<String, Session>>,
    /// Unix seconds; injected so tests can move time.
    pub clock: Box<dyn Fn() -> i64 + Send + Sync>,
    /// `(access key, secret)` that IAM-class calls must be signed with (`--credentials`);
    /// `None`: any well-formed SigV4 signature is taken, as the SDKs need some.
    pub credentials: Option<(String, String)>,
    /// `--admin-from-local-pages`: this machine's web pages may call administrative operations
    /// (signed); by default no web page may.
    pub admin_from_local_pages: bool,
    /// Actions that write hold it exclusively, for their whole read-modify-write (one SQLite
    /// transaction each); actions that only read share it (`api::atomic`).
    pub gate: RwLock<()>,
}

impl AppState {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// The client and its pool, or Cognito's error for an unknown client.
    pub fn client(&self, client_id: &str) -> Result<(&LoadedClient, &PoolConfig), ApiError> {
        let client = self
            .clients
            .get(client_id)
            .ok_or_else(|| ApiError::no_client(client_id))?;
        let pool = self
            .pools
            .get(&client.config.pool_id)
            .ok_or_else(|| ApiError::no_client(client_id))?;
        Ok((client, pool))
    }

    /// The pool, or `ResourceNotFoundException`.
    pub fn pool(&self, pool_id: &str) -> Result<&PoolConfig, ApiError> {
        self.pools.get(pool_id).ok_or_else(|| {
            ApiError::new(
                "ResourceNotFoundException",
                format!("User pool {pool_id} does not exist."),
            )
        })
    }

    /// The issuer of a pool's tokens.
    pub fn issuer(&self, pool_id: &str) -> String {
        format!("{}/{pool_id}", self.base_url)
    }

    /// Stores a session and returns its key.
    pub fn open_session(&self, client: &ClientConfig, pending: Pending) -> String {
        use base64::Engine;
        let key = base64::engine::general_purpose::STANDARD.encode(crate::random::bytes(96));
        self.open_session_as(client, key, pending)
    }

    /// Keeps a session under a key of the caller's choosing: the SRP challenge's SECRET_BLOCK,
    /// which Cognito's clients send back instead of a `Session` (real Cognito sends none).
    pub fn open_session_as(&self, client: &ClientConfig, key: String, pending: Pending) -> String {
        let session = Session {
            client_id: client.id.clone(),
            expires: self.now() + 60 * client.auth_session_minutes as i64,
            pending,
        };
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.now();
        sessions.retain(|_, s| s.expires > now);
        sessions.insert(key.clone(), session);
        key
    }

    /// Takes a session out (single use); expired or unknown sessions are refused.
    pub fn take_session(&self, key: &str) -> Result<Session, ApiError> {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        match sessions.remove(key) {
            Some(s) if s.expires > self.now() => Ok(s),
            _ => Err(ApiError::not_authorized(
                "Invalid session for the user, session is expired.",
            )),
        }
    }
}
