//! What SRP hashes as the "pool name": a user pool's name for a user's password, the device
//! group key for a remembered device's random password (`DEVICE_SRP_AUTH`).

use crate::ids::UserPoolId;

/// The first string of x's inner hash and of the claim signature.
pub trait Realm {
    /// That string.
    fn realm(&self) -> &str;
}

impl Realm for UserPoolId {
    fn realm(&self) -> &str {
        self.pool_name()
    }
}

/// A remembered device's `DeviceGroupKey`: device SRP runs the user SRP with it in place of the
/// pool name, the `DeviceKey` in place of the username and the device's random password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceGroup(pub String);

impl Realm for DeviceGroup {
    fn realm(&self) -> &str {
        &self.0
    }
}
