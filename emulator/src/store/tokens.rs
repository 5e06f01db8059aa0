//! Refresh tokens and their revocation (which also revokes the access tokens of a sign-in).

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

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
}
