//! Groups and their members.

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

/// A user pool group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The pool.
    pub pool_id: String,
    /// `GroupName`.
    pub name: String,
    /// `Description` (empty when none).
    pub description: String,
    /// `Precedence`: lower wins; none loses to any number.
    pub precedence: Option<i64>,
    /// `RoleArn`, for identity pools.
    pub role_arn: Option<String>,
    /// Seconds since the epoch.
    pub created: i64,
    /// Seconds since the epoch.
    pub modified: i64,
}

const COLUMNS: &str = "pool_id, name, description, precedence, role_arn, created, modified";

fn row_to_group(r: &rusqlite::Row<'_>) -> rusqlite::Result<Group> {
    Ok(Group {
        pool_id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        precedence: r.get(3)?,
        role_arn: r.get(4)?,
        created: r.get(5)?,
        modified: r.get(6)?,
    })
}

/// Precedence ascending, groups without one last, then by name: the order of the groups in
/// `cognito:groups` (Cognito documents none; this one makes the preferred group first).
const ORDER: &str = "ORDER BY precedence IS NULL, precedence, name";

impl Store {
    /// Creates `group`; `false` if the pool has one of that name.
    pub fn create_group(&self, group: &Group) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            &format!(
                "INSERT OR IGNORE INTO groups ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ),
            params![
                group.pool_id,
                group.name,
                group.description,
                group.precedence,
                group.role_arn,
                group.created,
                group.modified
            ],
        )?;
        Ok(n == 1)
    }

    /// A template's group: created, or brought in line with the template (keeping its dates
    /// and members).
    pub fn put_template_group(&self, group: &Group, now: i64) -> Result<(), StoreError> {
        self.conn().execute(
            &format!(
                "INSERT INTO groups ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (pool_id, name) DO UPDATE SET description = ?3, precedence = ?4,
                   role_arn = ?5"
            ),
            params![
                group.pool_id,
                group.name,
                group.description,
                group.precedence,
                group.role_arn,
                now
            ],
        )?;
        Ok(())
    }

    /// Writes a group's description, precedence, role and modification date.
    pub fn update_group(&self, group: &Group) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE groups SET description = ?3, precedence = ?4, role_arn = ?5, modified = ?6
             WHERE pool_id = ?1 AND name = ?2",
            params![
                group.pool_id,
                group.name,
                group.description,
                group.precedence,
                group.role_arn,
                group.modified
            ],
        )?;
        Ok(())
    }

    /// The group `name` of a pool.
    pub fn group(&self, pool_id: &str, name: &str) -> Result<Option<Group>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM groups WHERE pool_id = ?1 AND name = ?2"),
                params![pool_id, name],
                row_to_group,
            )
            .optional()?)
    }

    /// Every group of a pool.
    pub fn groups(&self, pool_id: &str) -> Result<Vec<Group>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM groups WHERE pool_id = ?1 {ORDER}"
        ))?;
        let rows = stmt.query_map([pool_id], row_to_group)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes a group and its memberships.
    pub fn delete_group(&self, pool_id: &str, name: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.savepoint()?; // nested in the action's transaction
        tx.execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2",
            params![pool_id, name],
        )?;
        tx.execute(
            "DELETE FROM groups WHERE pool_id = ?1 AND name = ?2",
            params![pool_id, name],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a user in a group (again is fine).
    pub fn add_member(&self, pool_id: &str, group: &str, username: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR IGNORE INTO group_members (pool_id, group_name, username) VALUES (?1, ?2, ?3)",
            params![pool_id, group, username],
        )?;
        Ok(())
    }

    /// Takes a user out of a group.
    pub fn remove_member(
        &self,
        pool_id: &str,
        group: &str,
        username: &str,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM group_members WHERE pool_id = ?1 AND group_name = ?2 AND username = ?3",
            params![pool_id, group, username],
        )?;
        Ok(())
    }

    /// The groups a user is in, in token order. A member is named by their username, or (as a
    /// template's attachment may name them) by the e-mail or phone they sign in with: `names`.
    pub fn groups_of(&self, pool_id: &str, names: &[&str]) -> Result<Vec<Group>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM groups WHERE pool_id = ?1 AND name IN
               (SELECT group_name FROM group_members WHERE pool_id = ?1 AND username IN
                  (SELECT value FROM json_each(?2))) {ORDER}"
        ))?;
        let names = serde_json::to_string(names).unwrap_or_else(|_| "[]".into());
        let rows = stmt.query_map(params![pool_id, names], row_to_group)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The usernames in a group.
    pub fn members(&self, pool_id: &str, group: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT username FROM group_members WHERE pool_id = ?1 AND group_name = ?2 ORDER BY username",
        )?;
        let rows = stmt.query_map(params![pool_id, group], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
