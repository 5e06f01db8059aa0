//! Cognito's SRP-6a (`USER_SRP_AUTH` → `PASSWORD_VERIFIER`), both halves, exact to the bit.
//!
//! | step | client ([`SrpClient`]) | server ([`ServerChallenge`]) |
//! |---|---|---|
//! | InitiateAuth | A = g^a mod N → `SRP_A` | check A ≢ 0; B = k·v + g^b → `SRP_B`, `SALT`, `SECRET_BLOCK` |
//! | both | u = H(padHex(A) ‖ padHex(B)) ≠ 0 | same |
//! | key | S = (B − k·g^x)^(a+u·x), K = HKDF(u, S) | S = (A·v^u)^b, same K |
//! | RespondToAuthChallenge | HMAC(K, pool ‖ user ‖ block ‖ TIMESTAMP) | recompute, compare |

mod client;
mod device;
mod error;
mod group;
mod proof;
mod realm;
#[cfg(feature = "server")]
mod server;
mod timestamp;

#[cfg(feature = "intermediates")]
pub use client::ClientDerivation;
pub use client::{
    PasswordClaim, PasswordVerifierChallenge, SrpClient, MAX_SECRET_BYTES, MIN_SECRET_BYTES,
};
pub use device::{device_secret, DeviceSecret};
pub use error::SrpError;
#[cfg(feature = "server")]
pub use group::{k, n, pad_hex, pad_hex_signed, parse_hex, parse_salt, to_hex};
pub use group::{G, N_HEX};
pub use modp3072::Int;
pub use realm::{DeviceGroup, Realm};
#[cfg(feature = "server")]
pub use server::{ServerChallenge, Verifier};
pub use timestamp::{format_timestamp, parse_timestamp};
