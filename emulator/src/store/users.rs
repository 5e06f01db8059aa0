//! Users: their states, fields and queries.

use cognito_protocol::mfa::UserMfa;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Store, StoreError};

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
    /// When the last failed sign-in was (0: none since the last success).
    pub last_failed: i64,
    /// New values waiting for their verification code before they replace the old ones
    /// (`AttributesRequireVerificationBeforeUpdate`): attribute name → value.
    pub pending: Map<String, Value>,
    /// Second factors and the authenticator-app secret.
    pub mfa: MfaSettings,
    /// Hashes of the passwords before the current one, newest first (the pool's password
    /// history; at most its `PasswordHistorySize`).
    pub previous_hashes: Vec<String>,
}

/// A user's MFA state: the factors on, and the software token (TOTP) behind one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaSettings {
    /// `UserMFASettingList` and `PreferredMfaSetting`.
    #[serde(flatten)]
    pub factors: UserMfa,
    /// The verified authenticator secret (base32), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp_secret: Option<String>,
    /// A secret from `AssociateSoftwareToken` not yet verified; it replaces `totp_secret` once
    /// a code of it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp_pending: Option<String>,
    /// `FriendlyDeviceName` given at verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp_name: Option<String>,
    /// The last TOTP step accepted: a code is taken once, so a later code must be of a later step.
    #[serde(default)]
    pub totp_last_step: u64,
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
            last_failed: 0,
            pending: Map::new(),
            mfa: MfaSettings::default(),
            previous_hashes: Vec::new(),
        }
    }
}

const USER_COLUMNS: &str = "pool_id, username, sub, status, enabled, attributes, salt_hex, \
    verifier_hex, password_hash, created, modified, failed_attempts, locked_until, last_failed, pending, mfa, history";

impl Store {
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
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
        let n = tx.execute(
            "INSERT OR IGNORE INTO users (pool_id, lookup, username, sub, status, enabled, attributes,
               salt_hex, verifier_hex, password_hash, created, modified, failed_attempts, locked_until,
               last_failed, pending, mfa, history)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
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
                user.last_failed,
                Value::Object(user.pending.clone()).to_string(),
                mfa_text(user),
                history_text(user),
            ],
        )?;
        if n == 1 {
            self.write_names(&tx, user)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Writes every field of an existing user.
    pub fn update_user(&self, user: &User) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
        tx.execute(
            "UPDATE users SET status = ?3, enabled = ?4, attributes = ?5, salt_hex = ?6,
               verifier_hex = ?7, password_hash = ?8, modified = ?9, failed_attempts = ?10,
               locked_until = ?11, last_failed = ?12, pending = ?13, mfa = ?14, history = ?15
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
                user.last_failed,
                Value::Object(user.pending.clone()).to_string(),
                mfa_text(user),
                history_text(user),
            ],
        )?;
        self.write_names(&tx, user)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a user with their codes and refresh tokens.
    pub fn delete_user(&self, pool_id: &str, username: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
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
        tx.execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.execute(
            "DELETE FROM sign_in_names WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.execute(
            "DELETE FROM devices WHERE pool_id = ?1 AND username = ?2",
            params![pool_id, username],
        )?;
        tx.commit()?;
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
        last_failed: r.get(13)?,
        pending: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
        mfa: serde_json::from_str(&r.get::<_, String>(15)?).unwrap_or_default(),
        previous_hashes: serde_json::from_str(&r.get::<_, String>(16)?).unwrap_or_default(),
    })
}

fn history_text(user: &User) -> String {
    serde_json::to_string(&user.previous_hashes).unwrap_or_else(|_| "[]".into())
}

fn mfa_text(user: &User) -> String {
    serde_json::to_string(&user.mfa).unwrap_or_else(|_| "{}".into())
}
