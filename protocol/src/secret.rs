//! Newtypes for values that must never reach a log: their `Debug` prints `[redacted]`, the
//! inner value needs an explicit `.secret()` call, and equality takes a time that depends only
//! on the lengths. What is known only in memory (the password, SRP's exponents and session
//! key) is also wiped when dropped; tokens are not, as the page stores them where
//! amazon-cognito-identity-js reads them (wiping them too measured 0.2 KB gzip more).

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

macro_rules! secret_type {
    (wiped $(#[$meta:meta])* $name:ident($inner:ty)) => {
        secret_type!($(#[$meta])* $name($inner));

        impl Drop for $name {
            fn drop(&mut self) {
                self.0.zeroize();
            }
        }
    };
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name($inner);

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                let (a, b): (&[u8], &[u8]) = (self.0.as_ref(), other.0.as_ref());
                a.ct_eq(b).into()
            }
        }

        impl Eq for $name {}

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<$inner>) -> Self {
                Self(value.into())
            }

            /// The secret itself; call only where it is really needed.
            pub fn secret(&self) -> &$inner {
                &self.0
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }
    };
}

secret_type!(
    wiped
    /// A user's password, as typed.
    Password(String)
);
secret_type!(
    /// An app client's secret (only server-side or native clients have one).
    ClientSecret(String)
);
secret_type!(
    /// A Cognito ID token (JWT).
    IdToken(String)
);
secret_type!(
    /// A Cognito access token (JWT).
    AccessToken(String)
);
secret_type!(
    /// A Cognito refresh token (opaque).
    RefreshToken(String)
);
secret_type!(
    wiped
    /// Temporary AWS credentials' secret part: `SecretKey` or `SessionToken`
    /// (GetCredentialsForIdentity). Kept in memory only, wiped when dropped.
    AwsSecret(String)
);
secret_type!(
    wiped
    /// The SRP session key derived by HKDF (16 bytes).
    SessionKey([u8; 16])
);
secret_type!(
    wiped
    /// A private SRP exponent (`a` on the client, `b` on the server), big-endian bytes.
    SecretExponent(Vec<u8>)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::new("hunter2-and-more");
        assert_eq!(format!("{p:?}"), "Password([redacted])");
        assert_eq!(p.secret(), "hunter2-and-more");
        let k = SessionKey::new([7u8; 16]);
        assert!(!format!("{k:?}").contains('7'));
    }

    #[test]
    fn equality_is_by_value() {
        assert_eq!(Password::new("same"), Password::new("same"));
        assert_ne!(Password::new("same"), Password::new("sane"));
        assert_ne!(Password::new("same"), Password::new("same "));
        assert_ne!(SessionKey::new([1; 16]), SessionKey::new([2; 16]));
        assert_eq!(
            SecretExponent::new(vec![1, 2]),
            SecretExponent::new(vec![1, 2])
        );
    }
}
