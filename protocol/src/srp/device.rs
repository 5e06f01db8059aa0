//! A remembered device's secret (`ConfirmDevice`'s `DeviceSecretVerifierConfig`), computed as
//! amazon-cognito-identity-js's `generateHashDevice` and Amplify v6 do: the device group key
//! stands for the pool name, the device key for the username, a random password for the
//! user's; the server keeps the verifier and later runs `DEVICE_SRP_AUTH` as a user SRP.

#[cfg(feature = "server")]
use num_bigint::BigUint;

use super::proof::{private_key, HASH_BITS};
use super::realm::{DeviceGroup, Realm};
#[cfg(feature = "server")]
use super::server::Verifier;
use crate::base64;
use crate::secret::Password;
use modp3072::{Int, Residue};

/// What `ConfirmDevice` sends, and the password only the browser keeps.
#[derive(Debug)]
pub struct DeviceSecret {
    /// The device's random password: base64 of 40 random bytes (kept as `randomPasswordKey`).
    pub password: Password,
    /// `PasswordVerifier`: base64 of padHex(g^x mod N).
    pub verifier: String,
    /// `Salt`: base64 of padHex(salt).
    pub salt: String,
}

/// The secret for `device_key` in `group`, from 40 random bytes of password and 16 of salt.
pub fn device_secret(
    group: &DeviceGroup,
    device_key: &str,
    random_password: &[u8],
    salt: &[u8],
) -> DeviceSecret {
    let password = Password::new(base64::encode(random_password));
    // padHex of the salt read as a number: leading zero bytes vanish, a high bit gains a 00.
    let salt = Int::from_be_bytes(salt).pad_hex();
    let x = private_key(&salt, group.realm(), device_key, &password);
    let verifier = Residue::pow_g(&x, HASH_BITS).value().pad_hex();
    DeviceSecret {
        password,
        verifier: base64::encode(&verifier),
        salt: base64::encode(&salt),
    }
}

#[cfg(feature = "server")]
impl Verifier {
    /// The verifier a server keeps from `ConfirmDevice`'s `PasswordVerifier` and `Salt`
    /// (base64 of big-endian bytes); `None` when either is not base64 or is empty.
    pub fn from_device_config(verifier: &str, salt: &str) -> Option<Self> {
        let verifier = base64::decode(verifier).filter(|v| !v.is_empty())?;
        let salt = base64::decode(salt).filter(|s| !s.is_empty())?;
        Some(Self {
            salt: BigUint::from_bytes_be(&salt),
            verifier: BigUint::from_bytes_be(&verifier),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srp::{PasswordVerifierChallenge, ServerChallenge, SrpClient};
    use crate::SecretExponent;

    #[test]
    fn a_device_secret_passes_device_srp_and_a_wrong_password_does_not() {
        let group = DeviceGroup("-wt2ha1Zd".into());
        let key = "us-east-1_3f2a6c2e-0b8e-4f7e-9d55-2d3c1b0a9f88";
        let secret = device_secret(&group, key, &[7; 40], &[0x80; 16]);
        // The salt's high bit gains padHex's leading zero, as the JavaScript clients send it.
        assert_eq!(base64::decode(&secret.salt).unwrap().len(), 17);
        let stored = Verifier::from_device_config(&secret.verifier, &secret.salt).unwrap();
        let client = SrpClient::new(&SecretExponent::new(vec![3; 32])).unwrap();
        let server =
            ServerChallenge::new(&stored, &client.srp_a(), &SecretExponent::new(vec![5; 32]))
                .unwrap();
        let block = base64::encode(b"device secret block");
        let challenge = PasswordVerifierChallenge {
            salt: stored.salt_hex(),
            srp_b: server.srp_b(),
            secret_block: block.clone(),
            user_id_for_srp: key.into(),
        };
        let claim = client
            .respond(&group, &challenge, &secret.password, 1_700_000_000)
            .unwrap();
        let ok = server.verify(
            &group,
            key,
            b"device secret block",
            &claim.timestamp,
            &claim.signature,
        );
        assert_eq!(ok, Ok(1_700_000_000));
        let wrong = Password::new(base64::encode(&[8; 40]));
        let claim = client
            .respond(&group, &challenge, &wrong, 1_700_000_000)
            .unwrap();
        let refused = server.verify(
            &group,
            key,
            b"device secret block",
            &claim.timestamp,
            &claim.signature,
        );
        assert!(refused.is_err());
    }
}
