//! Durable state in SQLite: users, codes, refresh tokens, the outbox and the emulator's own
//! keys. Every write is committed before the reply goes out. In WAL mode with
//! `synchronous=NORMAL` a committed transaction is in the WAL file when the call returns, so a
//! crash or kill -9 of the emulator loses nothing acknowledged (tests/restart.rs); only an
//! operating-system crash could drop the last transactions, which is the right trade for a
//! development server (FULL's fsync per commit cost a quarter of the SRP throughput here).

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};

/// A store error: the database is broken or unreachable.
#[derive(Debug, thiserror::Error)]
#[error("store: {0}")]
pub struct StoreError(#[from] rusqlite::Error);

/// A user's lifecycle state, as Cognito names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UserStatus {
    /// Signed up, code not yet confirmed.
    #[serde(rename = "UNCONFIRMED")]
    Unconfirmed,
    /// Can sign in.
    #[serde(rename = "CONFIRMED")]
    Confirmed,
    /// Created by an administrator; must choose a password at first sign-in.
    #[serde(rename = "FORCE_CHANGE_PASSWORD")]
    ForceChangePassword,
    /// Must reset the password with a code.
    #[serde(rename = "RESET_REQUIRED")]
    ResetRequired,
}

impl UserStatus {
    /// Cognito's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::Confirmed => "CONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "CONFIRMED" => Self::Confirmed,
            "FORCE_CHANGE_PASSWORD" => Self::ForceChangePassword,
            "RESET_REQUIRED" => Self::ResetRequired,
            _ => Self::Unconfirmed,
        }
    }
}

/// A stored user. Passwords are never kept: only the SRP salt and verifier, and a slow
/// salted hash for the password flows.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// The pool.
    pub pool_id: String,
    /// The internal username (the `sub` in e-mail/phone-as-username pools).
    pub username: String,
    /// The immutable UUID.
    pub sub: String,
    /// Lifecycle state.
    pub status: UserStatus,
    /// `false` after AdminDisableUser.
    pub enabled: bool,
    /// Attribute name → value (strings, as on the wire), `sub` included.
    pub attributes: Map<String, Value>,
    /// SRP salt, canonical hex.
    pub salt_hex: String,
    /// SRP verifier v = g^x mod N, hex.
    pub verifier_hex: String,
    /// PBKDF2 hash for USER_PASSWORD_AUTH and the admin password flow.
    pub password_hash: String,
    /// Seconds since the epoch.
    pub created: i64,
    /// Seconds since the epoch.
    pub modified: i64,
    /// Failed sign-ins in a row.
    pub failed_attempts: i64,
    /// Sign-in refused until this time.
    pub locked_until: i64,
}

/// A message the emulator "sent": listed at `/_emulator/outbox`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// The pool.
    pub pool_id: String,
    /// The internal username.
    pub username: String,
    /// The e-mail address or phone number.
    pub destination: String,
    /// `SIGN_UP`, `FORGOT_PASSWORD`, `INVITATION`, `VERIFY_ATTRIBUTE`, …
    pub kind: String,
    /// The code or temporary password.
    pub code: String,
    /// E-mail subject (empty for SMS).
    pub subject: String,
    /// The rendered text.
    pub body: String,
}

impl User {
    /// A new user with no password yet (see `users::set_password`).
    pub fn new(
        pool_id: &str,
        username: String,
        sub: String,
        status: UserStatus,
        attributes: Map<String, Value>,
        now: i64,
    ) -> Self {
        Self {
            pool_id: pool_id.to_owned(),
            username,
            sub,
            status,
            enabled: true,
            attributes,
            salt_hex: String::new(),
            verifier_hex: String::new(),
            password_hash: String::new(),
            created: now,
            modified: now,
            failed_attempts: 0,
            locked_until: 0,
        }
    }
}

const USER_COLUMNS: &str = "pool_id, username, sub, status, enabled, attributes, salt_hex, \
    verifier_hex, password_hash, created, modified, failed_attempts, locked_until";

/// The SQLite store.
pub struct Store {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  pool_id TEXT NOT NULL, lookup TEXT NOT NULL, username TEXT NOT NULL, sub TEXT NOT NULL,
  status TEXT NOT NULL, enabled INTEGER NOT NULL, attributes TEXT NOT NULL,
  salt_hex TEXT NOT NULL, verifier_hex TEXT NOT NULL, password_hash TEXT NOT NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (pool_id, lookup));
CREATE TABLE IF NOT EXISTS codes (
  pool_id TEXT NOT NULL, username TEXT NOT NULL, purpose TEXT NOT NULL,
  code TEXT NOT NULL, expires INTEGER NOT NULL, PRIMARY KEY (pool_id, username, purpose));
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, pool_id TEXT NOT NULL, username TEXT NOT NULL,
  destination TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, subject TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,
  username TEXT NOT NULL, origin_jti TEXT NOT NULL, auth_time INTEGER NOT NULL,
  expires INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
";

impl Store {
    /// Opens (creating if needed) `emulator.sqlite3` in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(dir.join("emulator.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (each write is one statement
        // or transaction), so a poisoned lock is safe to reuse.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A value of the emulator's own (keys), created by `make` on first use.
    pub fn meta_or_insert(
        &self,
        key: &str,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Result<Vec<u8>, StoreError> {
        let conn = self.conn();
        let found: Option<Vec<u8>> = conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        if let Some(v) = found {
            return Ok(v);
        }
        let value = make();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(value)
    }

    /// The user whose lookup key (username, folded when the pool is case-insensitive) matches.
    pub fn user(&self, pool_id: &str, lookup: &str) -> Result<Option<User>, StoreError> {
        self.user_where("lookup", pool_id, lookup)
    }

    /// The user with this internal username (not a login alias).
    pub fn user_by_username(
        &self,
        pool_id: &str,
        username: &str,
    ) -> Result<Option<User>, StoreError> {
        self.user_where("username", pool_id, username)
    }

    fn user_where(
        &self,
        column: &'static str,
        pool_id: &str,
        value: &str,
    ) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 AND {column} = ?2");
        let conn = self.conn();
        Ok(conn
            .query_row(&sql, params![pool_id, value], row_to_user)
            .optional()?)
    }

    /// Every user of a pool, oldest first.
    pub fn users(&self, pool_id: &str) -> Result<Vec<User>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE pool_id = ?1 ORDER BY created, username"
        ))?;
        let rows = stmt.query_map([pool_id], row_to_user)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Inserts a new user; `false` if the lookup key is taken.
    pub fn insert_user(&self, lookup: &str, user: &User) -> Result<bool, StoreError> {
        let conn = self.conn();
        let n = conn.execute(
            "INSERT OR IGNORE INTO users (pool_id, lookup, username, sub, status, enabled, attributes,
               salt_hex, verifier_hex, password_hash, created, modified, failed_attempts, locked_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                user.pool_id,
                lookup,
                user.username,
                user.sub,
                user.status.as_str(),
                user.enabled,
                Value::Object(user.attributes.clone()).to_string(),
                user.salt_hex,
                user.verifier_hex,
                user.password_hash,
                user.created,
                user.modified,
                user.failed_attempts,
                user.locked_until,
            ],
        )?;
        Ok(n == 1)
    }

    /// Writes every field of an existing user.
    pub fn update_user(&self, user: &User) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE users SET status = ?3, enabled = ?4, attributes = ?5, salt_hex = ?6,
               verifier_hex = ?7, password_hash = ?8, modified = ?9, failed_attempts = ?10,
               locked_until = ?11
             WHERE pool_id = ?1 AND username = ?2",
            params![
                user.pool_id,
                user.username,
                user.status.as_str(),
                user.enabled,
                Value::Object(user.attributes.clone()).to_string(),
                user.salt_hex,
                user.verifier_hex,
                user.password_hash,
                user.modified,
                user.failed_attempts,
                user.locked_until,
            ],
        )?;
        Ok(())
    }

    /// Deletes a user with their codes and refresh tokens.
    pub fn delete_user(&self, pool_id: &str, username: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM users WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.execute(
            "DELETE FROM codes WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.execute(
            "DELETE FROM refresh_tokens WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a code for `purpose`, replacing (and so invalidating) any earlier one.
    pub fn put_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
        code: &str,
        expires: i64,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO codes (pool_id, username, purpose, code, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![pool_id, username, purpose, code, expires],
        )?;
        Ok(())
    }

    /// The outstanding code for `purpose` and its expiry.
    pub fn code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> Result<Option<(String, i64)>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT code, expires FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                params![pool_id, username, purpose],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(found)
    }

    /// Consumes a code (single use).
    pub fn delete_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
            params![pool_id, username, purpose],
        )?;
        Ok(())
    }

    /// Appends to the outbox.
    pub fn send(&self, m: &Message) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO outbox (pool_id, username, destination, kind, code, subject, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                m.pool_id,
                m.username,
                m.destination,
                m.kind,
                m.code,
                m.subject,
                m.body
            ],
        )?;
        Ok(())
    }

    /// Every message sent, oldest first.
    pub fn outbox(&self) -> Result<Vec<Message>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT pool_id, username, destination, kind, code, subject, body FROM outbox ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Message {
                pool_id: r.get(0)?,
                username: r.get(1)?,
                destination: r.get(2)?,
                kind: r.get(3)?,
                code: r.get(4)?,
                subject: r.get(5)?,
                body: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn row_to_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let attributes: String = r.get(5)?;
    let status: String = r.get(3)?;
    Ok(User {
        pool_id: r.get(0)?,
        username: r.get(1)?,
        sub: r.get(2)?,
        status: UserStatus::parse(&status),
        enabled: r.get(4)?,
        attributes: serde_json::from_str(&attributes).unwrap_or_default(),
        salt_hex: r.get(6)?,
        verifier_hex: r.get(7)?,
        password_hash: r.get(8)?,
        created: r.get(9)?,
        modified: r.get(10)?,
        failed_attempts: r.get(11)?,
        locked_until: r.get(12)?,
    })
}

impl Store {
    /// Records an issued refresh token.
    #[allow(clippy::too_many_arguments)]
    pub fn put_refresh_token(
        &self,
        token: &str,
        pool_id: &str,
        client_id: &str,
        username: &str,
        origin_jti: &str,
        auth_time: i64,
        expires: i64,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO refresh_tokens (token, pool_id, client_id, username, origin_jti, auth_time, expires)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![token, pool_id, client_id, username, origin_jti, auth_time, expires],
        )?;
        Ok(())
    }

    /// `(pool, client, username, origin_jti, auth_time, expires, revoked)` of a refresh token.
    #[allow(clippy::type_complexity)]
    pub fn refresh_token(
        &self,
        token: &str,
    ) -> Result<Option<(String, String, String, String, i64, i64, bool)>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT pool_id, client_id, username, origin_jti, auth_time, expires, revoked
                 FROM refresh_tokens WHERE token = ?1",
                [token],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Whether the sign-in with this `origin_jti` was revoked (its access tokens then fail).
    pub fn origin_revoked(&self, origin_jti: &str) -> Result<bool, StoreError> {
        let conn = self.conn();
        let revoked: Option<bool> = conn
            .query_row(
                "SELECT revoked FROM refresh_tokens WHERE origin_jti = ?1",
                [origin_jti],
                |r| r.get(0),
            )
            .optional()?;
        Ok(revoked.unwrap_or(false))
    }
}

impl Store {
    /// Revokes every refresh token of a user (GlobalSignOut); their access tokens then fail.
    pub fn revoke_user_tokens(&self, pool_id: &str, username: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        Ok(())
    }

    /// Revokes one refresh token (RevokeToken).
    pub fn revoke_token(&self, token: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE refresh_tokens SET revoked = 1 WHERE token = ?1",
            [token],
        )?;
        Ok(())
    }

    /// How many users a pool has.
    pub fn count_users(&self, pool_id: &str) -> Result<i64, StoreError> {
        let conn = self.conn();
        Ok(conn.query_row(
            "SELECT COUNT(*) FROM users WHERE pool_id = ?1",
            [pool_id],
            |r| r.get(0),
        )?)
    }
}
