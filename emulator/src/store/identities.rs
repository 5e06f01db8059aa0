//! Identity-pool identities (`<region>:<uuid>`), the logins linked to them, and the
//! credentials issued for them (recorded so `/_emulator/credentials` can say whose they are).

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{Store, StoreError};

/// An identity of an identity pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `<region>:<uuid>`.
    pub id: String,
    /// The identity pool.
    pub pool_id: String,
    /// Linked logins, each `<providerName>|<sub>`; none for a guest.
    pub logins: Vec<String>,
    /// Merged into another identity (or disabled): refused from then on.
    pub disabled: bool,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub modified: i64,
}

/// Credentials issued for an identity (the secret parts are not kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedCredentials {
    /// `ASIA…`.
    pub access_key_id: String,
    /// The identity.
    pub identity_id: String,
    /// Its pool.
    pub identity_pool_id: String,
    /// The role they are for.
    pub role_arn: String,
    /// Whether for a signed-in user (else a guest).
    pub authenticated: bool,
    /// Unix seconds.
    pub expiration: i64,
}

fn row_to_identity(r: &rusqlite::Row<'_>) -> rusqlite::Result<Identity> {
    let logins: String = r.get(2)?;
    Ok(Identity {
        id: r.get(0)?,
        pool_id: r.get(1)?,
        logins: serde_json::from_str(&logins).unwrap_or_default(),
        disabled: r.get(3)?,
        created: r.get(4)?,
        modified: r.get(5)?,
    })
}

const COLUMNS: &str = "id, pool_id, logins, disabled, created, modified";

impl Store {
    /// Writes an identity and the index of its logins.
    pub fn put_identity(&self, i: &Identity) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO identities ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ),
            params![
                i.id,
                i.pool_id,
                serde_json::to_string(&i.logins).unwrap_or_else(|_| "[]".into()),
                i.disabled,
                i.created,
                i.modified
            ],
        )?;
        tx.execute(
            "DELETE FROM identity_logins WHERE identity_id = ?1",
            [&i.id],
        )?;
        for login in &i.logins {
            tx.execute(
                "INSERT OR REPLACE INTO identity_logins (pool_id, login, identity_id) VALUES (?1, ?2, ?3)",
                params![i.pool_id, login, i.id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// An identity by id.
    pub fn identity(&self, id: &str) -> Result<Option<Identity>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM identities WHERE id = ?1"),
                [id],
                row_to_identity,
            )
            .optional()?)
    }

    /// The identity a login is linked to in a pool.
    pub fn identity_of_login(
        &self,
        pool_id: &str,
        login: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT identity_id FROM identity_logins WHERE pool_id = ?1 AND login = ?2",
                params![pool_id, login],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A pool's identities, oldest first.
    pub fn identities(&self, pool_id: &str) -> Result<Vec<Identity>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM identities WHERE pool_id = ?1 ORDER BY created, id"
        ))?;
        let rows = stmt.query_map([pool_id], row_to_identity)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes an identity and its logins; `false` if there was none.
    pub fn delete_identity(&self, id: &str) -> Result<bool, StoreError> {
        let conn = self.conn();
        conn.execute("DELETE FROM identity_logins WHERE identity_id = ?1", [id])?;
        Ok(conn.execute("DELETE FROM identities WHERE id = ?1", [id])? == 1)
    }

    /// Records credentials issued.
    pub fn put_credentials(&self, c: &IssuedCredentials) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO issued_credentials
               (access_key_id, identity_id, identity_pool_id, role_arn, authenticated, expiration)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                c.access_key_id,
                c.identity_id,
                c.identity_pool_id,
                c.role_arn,
                c.authenticated,
                c.expiration
            ],
        )?;
        Ok(())
    }

    /// Every credential issued, newest first.
    pub fn issued_credentials(&self) -> Result<Vec<IssuedCredentials>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT access_key_id, identity_id, identity_pool_id, role_arn, authenticated, expiration
             FROM issued_credentials ORDER BY rowid DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(IssuedCredentials {
                access_key_id: r.get(0)?,
                identity_id: r.get(1)?,
                identity_pool_id: r.get(2)?,
                role_arn: r.get(3)?,
                authenticated: r.get(4)?,
                expiration: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
