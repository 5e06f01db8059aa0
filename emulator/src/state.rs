//! What every request handler shares: the pools and clients, the store, the keys, the
//! challenges in flight and the clock.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, RwLock};

use cognito_protocol::mfa::MfaFactor;
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
        /// A `DEVICE_KEY` InitiateAuth named.
        device_key: Option<String>,
    },
    /// An administrator-created user must choose a password.
    NewPasswordRequired {
        /// The internal username.
        username: String,
    },
    /// The password was right; a second factor's code is awaited.
    Mfa {
        /// Who is signing in.
        sign_in: SignIn,
        /// `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or `EMAIL_OTP`.
        factor: MfaFactor,
        /// The code sent by SMS or e-mail (none for an app).
        code: Option<String>,
        /// An e-mail address being set up as the factor (`MFA_SETUP` answered with `EMAIL`).
        setup_email: Option<String>,
        /// Wrong codes so far in this session.
        wrong: u8,
    },
    /// `SELECT_MFA_TYPE`: the user picks a factor.
    SelectMfa {
        /// Who is signing in.
        sign_in: SignIn,
        /// The factors offered.
        choices: Vec<MfaFactor>,
    },
    /// `MFA_SETUP`: the user must set up a factor first.
    MfaSetup {
        /// Who is signing in.
        sign_in: SignIn,
        /// The factors that may be set up.
        choices: Vec<MfaFactor>,
        /// A software token was associated (`AssociateSoftwareToken` with this session).
        associated: bool,
        /// …and verified (`VerifySoftwareToken`): `MFA_SETUP` may now be answered.
        verified: bool,
        /// Wrong codes given to `VerifySoftwareToken` in this session.
        wrong: u8,
    },
    /// `DEVICE_SRP_AUTH`: the device's `SRP_A` is awaited.
    DeviceSrpAuth {
        /// Who is signing in.
        sign_in: SignIn,
    },
    /// `DEVICE_PASSWORD_VERIFIER`: the device's claim is awaited.
    DevicePasswordVerifier {
        /// Who is signing in (its device key is the device being checked).
        sign_in: SignIn,
        /// A, b, B and the device's verifier.
        challenge: Box<ServerChallenge>,
        /// The raw SECRET_BLOCK bytes.
        secret_block: Vec<u8>,
    },
}

/// A sign-in past its password step.
#[derive(Debug, Clone)]
pub struct SignIn {
    /// The internal username.
    pub username: String,
    /// The user's known device the client named (`DEVICE_KEY`), once it is found to be theirs.
    pub device_key: Option<String>,
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
    /// Identity pools by id.
    pub identity_pools: BTreeMap<String, cognito_protocol::identity::IdentityPoolConfig>,
    /// Durable state.
    pub store: Store,
    /// Token signing keys.
    pub keys: Keys,
    /// `http://127.0.0.1:<port>`: token issuers are `<base>/<poolId>`.
    pub base_url: String,
    /// The account id in ARNs (`--account-id`).
    pub account: String,
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

    /// The next step of a flow: the session under a new key, with a new lifetime (each step
    /// of a Cognito flow returns a new `Session`).
    pub fn next_session(&self, session: Session) -> String {
        use base64::Engine;
        let key = base64::engine::general_purpose::STANDARD.encode(crate::random::bytes(96));
        let minutes = self
            .clients
            .get(&session.client_id)
            .map_or(3, |c| c.config.auth_session_minutes);
        let session = Session {
            expires: self.now() + 60 * minutes as i64,
            ..session
        };
        self.restore_session(key.clone(), session);
        key
    }

    /// Puts a session back under its key, as it was (a wrong MFA code may be tried again).
    pub fn restore_session(&self, key: String, session: Session) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.insert(key, session);
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
