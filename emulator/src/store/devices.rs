//! Remembered devices: the keys Cognito hands out in `NewDeviceMetadata`, the verifier
//! `ConfirmDevice` stores for device SRP, and whether the user chose to remember them.

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};

/// A device of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// `<region>_<uuid>`.
    pub device_key: String,
    /// The pool.
    pub pool_id: String,
    /// The internal username.
    pub username: String,
    /// `DeviceGroupKey`: the device SRP's "pool name".
    pub group_key: String,
    /// Device SRP salt, canonical hex (empty until confirmed).
    pub salt_hex: String,
    /// Device SRP verifier, hex (empty until confirmed).
    pub verifier_hex: String,
    /// `DeviceName` from ConfirmDevice.
    pub name: Option<String>,
    /// `DeviceRememberedStatus` is `remembered`.
    pub remembered: bool,
    /// ConfirmDevice was called.
    pub confirmed: bool,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds.
    pub modified: i64,
    /// Unix seconds of the last sign-in with it.
    pub last_authenticated: i64,
}

const COLUMNS: &str = "device_key, pool_id, username, group_key, salt_hex, verifier_hex, name, \
    remembered, confirmed, created, modified, last_authenticated";

impl Store {
    /// Writes a device (new or changed).
    pub fn put_device(&self, d: &Device) -> Result<(), StoreError> {
        self.conn().execute(
            &format!(
                "INSERT OR REPLACE INTO devices ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            ),
            params![
                d.device_key,
                d.pool_id,
                d.username,
                d.group_key,
                d.salt_hex,
                d.verifier_hex,
                d.name,
                d.remembered,
                d.confirmed,
                d.created,
                d.modified,
                d.last_authenticated
            ],
        )?;
        Ok(())
    }

    /// A user's device by key (another user's key is not theirs: `None`).
    pub fn device(
        &self,
        pool_id: &str,
        username: &str,
        device_key: &str,
    ) -> Result<Option<Device>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM devices
                     WHERE device_key = ?1 AND pool_id = ?2 AND username = ?3"
                ),
                params![device_key, pool_id, username],
                row_to_device,
            )
            .optional()?)
    }

    /// A user's confirmed devices, most recently used first.
    pub fn devices(&self, pool_id: &str, username: &str) -> Result<Vec<Device>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM devices WHERE pool_id = ?1 AND username = ?2 AND confirmed = 1
             ORDER BY last_authenticated DESC, device_key"
        ))?;
        let rows = stmt.query_map(params![pool_id, username], row_to_device)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets a device; `false` if there was none.
    pub fn delete_device(
        &self,
        pool_id: &str,
        username: &str,
        device_key: &str,
    ) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "DELETE FROM devices WHERE device_key = ?1 AND pool_id = ?2 AND username = ?3",
            params![device_key, pool_id, username],
        )?;
        Ok(n == 1)
    }
}

fn row_to_device(r: &rusqlite::Row<'_>) -> rusqlite::Result<Device> {
    Ok(Device {
        device_key: r.get(0)?,
        pool_id: r.get(1)?,
        username: r.get(2)?,
        group_key: r.get(3)?,
        salt_hex: r.get(4)?,
        verifier_hex: r.get(5)?,
        name: r.get(6)?,
        remembered: r.get(7)?,
        confirmed: r.get(8)?,
        created: r.get(9)?,
        modified: r.get(10)?,
        last_authenticated: r.get(11)?,
    })
}
