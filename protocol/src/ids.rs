//! Identifiers at the API boundary.

use core::fmt;

/// A user-pool id such as `us-east-1_AbCdEfGhI`: a region, one `_`, and the pool's name.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UserPoolId {
    value: String,
    split: usize,
}

/// Why a string is not a user-pool id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a user pool id (expected region_name, such as us-east-1_AbCdEfGhI)")]
pub struct InvalidUserPoolId(pub String);

impl UserPoolId {
    /// Parses `<region>_<name>`; the region is `[a-z0-9-]+`, the name `[0-9A-Za-z]+`.
    pub fn parse(value: &str) -> Result<Self, InvalidUserPoolId> {
        let bad = || InvalidUserPoolId(value.to_owned());
        let (region, name) = value.split_once('_').ok_or_else(bad)?;
        let region_ok = !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if !region_ok || !name_ok || value.len() > 55 {
            return Err(bad());
        }
        Ok(Self {
            value: value.to_owned(),
            split: region.len(),
        })
    }

    /// The region, e.g. `us-east-1`.
    pub fn region(&self) -> &str {
        &self.value[..self.split]
    }

    /// The part after `_`, which SRP hashes as the "pool name".
    pub fn pool_name(&self) -> &str {
        &self.value[self.split + 1..]
    }

    /// The whole id.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UserPoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl fmt::Debug for UserPoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserPoolId({})", self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_region_and_name() {
        let id = UserPoolId::parse("eu-west-2_Zx9Yw8Vu7").unwrap();
        assert_eq!(id.region(), "eu-west-2");
        assert_eq!(id.pool_name(), "Zx9Yw8Vu7");
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "",
            "nounderscore",
            "_abc",
            "us-east-1_",
            "us-east-1_a_b",
            "US_abc",
        ] {
            assert!(UserPoolId::parse(bad).is_err(), "{bad}");
        }
    }
}
