//! Durable state in SQLite: users, codes, refresh tokens, the outbox and the emulator's own
//! keys. Every write is committed before the reply goes out. In WAL mode with
//! `synchronous=NORMAL` a committed transaction is in the WAL file when the call returns, so a
//! crash or kill -9 of the emulator loses nothing acknowledged (tests/restart.rs); only an
//! operating-system crash could drop the last transactions, which is the right trade for a
//! development server (FULL's fsync per commit cost a quarter of the SRP throughput here).

mod devices;
mod groups;
mod identities;
mod names;
mod tokens;
mod users;

pub use devices::Device;
pub use groups::Group;
pub use identities::{Identity, IssuedCredentials};
pub use names::SignInRules;
pub use tokens::RefreshRecord;
pub use users::{MfaSettings, User, UserStatus};

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A store error: the database is broken or unreachable, or a write broke a uniqueness rule.
#[derive(Debug, thiserror::Error)]
#[error("store: {0}")]
pub struct StoreError(#[from] rusqlite::Error);

impl StoreError {
    /// Whether a UNIQUE rule refused the write (a name another user holds).
    pub fn is_taken(&self) -> bool {
        matches!(&self.0, rusqlite::Error::SqliteFailure(e, _)
            if e.code == rusqlite::ErrorCode::ConstraintViolation)
    }
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

/// The SQLite store.
pub struct Store {
    conn: Mutex<Connection>,
    /// Per pool, which attributes are sign-in names (`names`).
    rules: std::sync::RwLock<std::collections::HashMap<String, SignInRules>>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  pool_id TEXT NOT NULL, lookup TEXT NOT NULL, username TEXT NOT NULL, sub TEXT NOT NULL,
  status TEXT NOT NULL, enabled INTEGER NOT NULL, attributes TEXT NOT NULL,
  salt_hex TEXT NOT NULL, verifier_hex TEXT NOT NULL, password_hash TEXT NOT NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
  last_failed INTEGER NOT NULL DEFAULT 0, pending TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (pool_id, lookup));
CREATE TABLE IF NOT EXISTS codes (
  pool_id TEXT NOT NULL, username TEXT NOT NULL, purpose TEXT NOT NULL,
  code TEXT NOT NULL, expires INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (pool_id, username, purpose));
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (pool_id, username);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, pool_id TEXT NOT NULL, username TEXT NOT NULL,
  destination TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, subject TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sign_in_names (
  pool_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, username TEXT NOT NULL,
  PRIMARY KEY (pool_id, kind, value));
CREATE INDEX IF NOT EXISTS sign_in_names_user ON sign_in_names (pool_id, username);
CREATE TABLE IF NOT EXISTS groups (
  pool_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, precedence INTEGER,
  role_arn TEXT, created INTEGER NOT NULL, modified INTEGER NOT NULL,
  PRIMARY KEY (pool_id, name));
CREATE TABLE IF NOT EXISTS group_members (
  pool_id TEXT NOT NULL, group_name TEXT NOT NULL, username TEXT NOT NULL,
  PRIMARY KEY (pool_id, group_name, username));
CREATE TABLE IF NOT EXISTS devices (
  device_key TEXT PRIMARY KEY, pool_id TEXT NOT NULL, username TEXT NOT NULL,
  group_key TEXT NOT NULL, salt_hex TEXT NOT NULL DEFAULT '', verifier_hex TEXT NOT NULL DEFAULT '',
  name TEXT, remembered INTEGER NOT NULL DEFAULT 0, confirmed INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL, modified INTEGER NOT NULL, last_authenticated INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS devices_user ON devices (pool_id, username);
CREATE TABLE IF NOT EXISTS identities (
  id TEXT PRIMARY KEY, pool_id TEXT NOT NULL, logins TEXT NOT NULL DEFAULT '[]',
  disabled INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, modified INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS identities_pool ON identities (pool_id);
CREATE TABLE IF NOT EXISTS identity_logins (
  pool_id TEXT NOT NULL, login TEXT NOT NULL, identity_id TEXT NOT NULL,
  PRIMARY KEY (pool_id, login));
CREATE TABLE IF NOT EXISTS issued_credentials (
  access_key_id TEXT PRIMARY KEY, identity_id TEXT NOT NULL, identity_pool_id TEXT NOT NULL,
  role_arn TEXT NOT NULL, authenticated INTEGER NOT NULL, expiration INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,
  username TEXT NOT NULL, origin_jti TEXT NOT NULL, auth_time INTEGER NOT NULL,
  expires INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, replaced_at INTEGER);
";

/// Columns added since a data directory may have been created: `(table, column, type)`.
/// Opening an older data directory adds them, keeping every row.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("refresh_tokens", "replaced_at", "INTEGER"),
    ("codes", "attempts", "INTEGER NOT NULL DEFAULT 0"),
    ("users", "last_failed", "INTEGER NOT NULL DEFAULT 0"),
    ("users", "pending", "TEXT NOT NULL DEFAULT '{}'"),
    ("users", "mfa", "TEXT NOT NULL DEFAULT '{}'"),
    ("users", "history", "TEXT NOT NULL DEFAULT '[]'"),
];

impl Store {
    /// Opens (creating if needed) `emulator.sqlite3` in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(dir.join("emulator.sqlite3"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        for (table, column, kind) in ADDED_COLUMNS {
            let has: bool = conn.query_row(
                "SELECT COUNT(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |r| r.get(0),
            )?;
            if !has {
                conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
            }
        }
        Ok(Self {
            conn: Mutex::new(conn),
            rules: Default::default(),
        })
    }

    /// Starts the transaction one writing action runs in (`BEGIN IMMEDIATE`); the caller holds
    /// the state's write gate, so no other action writes meanwhile.
    pub fn begin(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        // An action that panicked midway left its transaction open: undo it, as it never ended.
        if !conn.is_autocommit() {
            conn.execute_batch("ROLLBACK")?;
        }
        conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Ends the action's transaction: commits it, or (`keep = false`: the store failed midway)
    /// rolls it back so nothing half-done stays.
    pub fn end(&self, keep: bool) -> Result<(), StoreError> {
        let conn = self.conn();
        if conn.is_autocommit() {
            return Ok(());
        }
        conn.execute_batch(if keep { "COMMIT" } else { "ROLLBACK" })?;
        Ok(())
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

    /// The outstanding code for `purpose`: the code, its expiry, and the wrong tries at it.
    pub fn code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> Result<Option<(String, i64, i64)>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT code, expires, attempts FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                params![pool_id, username, purpose],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(found)
    }

    /// Counts one wrong try at the code for `purpose`.
    pub fn code_failed(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE codes SET attempts = attempts + 1 WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
            params![pool_id, username, purpose],
        )?;
        Ok(())
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
