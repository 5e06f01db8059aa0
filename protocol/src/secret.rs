//! Newtypes for values that must never reach a log: their `Debug` prints `[redacted]` and the
//! inner value needs an explicit `.secret()` call.

macro_rules! secret_type {
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name($inner);

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
    /// The SRP session key derived by HKDF (16 bytes).
    SessionKey([u8; 16])
);
secret_type!(
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
}
