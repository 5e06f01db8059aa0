//! The names users sign in with besides their username: the e-mail or phone of a pool that
//! signs in with them, and verified aliases. One row per name, unique per pool, so no two users
//! can hold one even if an action forgot to check (`AliasExistsException` and
//! `UsernameExistsException` are the actions' answers; this is the floor under them). Written
//! with the user's row, in the same savepoint; also how a login name finds its user.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{Store, StoreError, User};

/// Which attributes of a pool are sign-in names: `(username attributes, alias attributes)`.
pub type SignInRules = (Vec<String>, Vec<String>);

/// The sign-in names of `user` under `rules`: `(attribute, value folded to lower case)`.
fn names_of(rules: &SignInRules, user: &User) -> Vec<(String, String)> {
    let value = |a: &str| {
        user.attributes
            .get(a)
            .and_then(Value::as_str)
            .map(str::to_lowercase)
    };
    let mut out: Vec<(String, String)> = rules
        .0
        .iter()
        .filter_map(|a| Some((a.clone(), value(a)?)))
        .collect();
    for a in &rules.1 {
        // An e-mail or phone counts once verified; preferred_username has nothing to verify.
        let usable = a == "preferred_username"
            || user.attributes.get(&format!("{a}_verified")) == Some(&json!("true"));
        if let (true, Some(v)) = (usable, value(a)) {
            if !out.iter().any(|(k, _)| k == a) {
                out.push((a.clone(), v));
            }
        }
    }
    out
}

impl Store {
    /// Says which attributes sign users of `pool_id` in, and rebuilds that pool's names from its
    /// users (a data directory from before this table, or a template whose rules changed). Two
    /// users holding one name (possible in data written before) keep their accounts; the name
    /// goes to the older one, and the others are returned so they can be reported.
    pub fn set_sign_in_rules(
        &self,
        pool_id: &str,
        rules: SignInRules,
    ) -> Result<Vec<String>, StoreError> {
        let users = self.users(pool_id)?;
        let mut conn = self.conn();
        let tx = conn.savepoint()?;
        tx.execute("DELETE FROM sign_in_names WHERE pool_id = ?1", [pool_id])?;
        let mut clashes = Vec::new();
        for user in &users {
            for (kind, value) in names_of(&rules, user) {
                let n = tx.execute(
                    "INSERT OR IGNORE INTO sign_in_names (pool_id, kind, value, username) VALUES (?1, ?2, ?3, ?4)",
                    params![pool_id, kind, value, user.username],
                )?;
                if n == 0 {
                    clashes.push(format!("{} ({kind} {value})", user.username));
                }
            }
        }
        tx.commit()?;
        drop(conn);
        self.rules
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(pool_id.to_owned(), rules);
        Ok(clashes)
    }

    /// Writes `user`'s sign-in names in place of their old ones; fails (a UNIQUE constraint)
    /// when another user holds one.
    pub(super) fn write_names(&self, conn: &Connection, user: &User) -> Result<(), StoreError> {
        let rules = self
            .rules
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&user.pool_id)
            .cloned();
        conn.execute(
            "DELETE FROM sign_in_names WHERE pool_id = ?1 AND username = ?2",
            params![user.pool_id, user.username],
        )?;
        if let Some(rules) = rules {
            for (kind, value) in names_of(&rules, user) {
                conn.execute(
                    "INSERT INTO sign_in_names (pool_id, kind, value, username) VALUES (?1, ?2, ?3, ?4)",
                    params![user.pool_id, kind, value, user.username],
                )?;
            }
        }
        Ok(())
    }

    /// The username holding sign-in name `value` (any kind, case folded) in a pool.
    pub fn username_by_name(
        &self,
        pool_id: &str,
        value: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT username FROM sign_in_names WHERE pool_id = ?1 AND value = ?2",
                params![pool_id, value.to_lowercase()],
                |r| r.get(0),
            )
            .optional()?)
    }
}
