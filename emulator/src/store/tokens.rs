//! Refresh tokens and their revocation (which also revokes the access tokens of a sign-in).

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

/// A refresh token as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRecord {
    /// The pool it was issued in.
    pub pool_id: String,
    /// The client it was issued to.
    pub client_id: String,
    /// Its user.
    pub username: String,
    /// The sign-in it descends from (its access tokens carry it).
    pub origin_jti: String,
    /// When that sign-in happened.
    pub auth_time: i64,
    /// When it stops working.
    pub expires: i64,
    /// RevokeToken or GlobalSignOut ended it.
    pub revoked: bool,
    /// When rotation replaced it (it then works only for the client's grace period).
    pub replaced_at: Option<i64>,
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

    /// What is known of a refresh token.
    pub fn refresh_token(&self, token: &str) -> Result<Option<RefreshRecord>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT pool_id, client_id, username, origin_jti, auth_time, expires, revoked,
                        replaced_at
                 FROM refresh_tokens WHERE token = ?1",
                [token],
                |r| {
                    Ok(RefreshRecord {
                        pool_id: r.get(0)?,
                        client_id: r.get(1)?,
                        username: r.get(2)?,
                        origin_jti: r.get(3)?,
                        auth_time: r.get(4)?,
                        expires: r.get(5)?,
                        revoked: r.get(6)?,
                        replaced_at: r.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Rotation: `new` takes the place of `old` (same sign-in, same expiry, as Cognito keeps
    /// no sliding window), and `old` is marked replaced at `now` (the first time only, so a
    /// grace period counts from the first rotation). Whether `old` may still be rotated (never
    /// replaced, or replaced less than `grace` seconds ago) is decided in the same transaction
    /// as the writes, so of two requests racing with one token only one wins when `grace` is 0.
    /// `false`: `old` was already rotated away, and nothing was written.
    pub fn rotate_refresh_token(
        &self,
        old: &str,
        new: &str,
        now: i64,
        grace: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
        let claimed = tx.execute(
            "UPDATE refresh_tokens SET replaced_at = COALESCE(replaced_at, ?2)
             WHERE token = ?1 AND (replaced_at IS NULL OR replaced_at + ?3 > ?2)",
            params![old, now, grace],
        )?;
        if claimed == 0 {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO refresh_tokens (token, pool_id, client_id, username, origin_jti, auth_time, expires, revoked)
             SELECT ?2, pool_id, client_id, username, origin_jti, auth_time, expires, revoked
             FROM refresh_tokens WHERE token = ?1",
            params![old, new],
        )?;
        tx.commit()?;
        Ok(true)
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
}
