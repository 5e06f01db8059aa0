//! One client sign-in's SRP work — A, then u, x, S, HKDF and the signature — exported to
//! JavaScript so `scripts/bench-srp` can time it beside amazon-cognito-identity-js in one page.

use cognito_protocol::srp::{PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use wasm_bindgen::prelude::*;

/// A client whose A was computed ahead, as the widget does while the sign-in form is shown.
#[wasm_bindgen]
pub struct PreparedSignIn(SrpClient);

#[wasm_bindgen]
impl PreparedSignIn {
    /// Computes A = g^a mod N.
    #[wasm_bindgen(constructor)]
    pub fn new(a_hex: &str) -> Result<PreparedSignIn, JsError> {
        let a = hex_bytes(a_hex).ok_or_else(|| JsError::new("a_hex is not even-length hex"))?;
        Ok(Self(SrpClient::new(&SecretExponent::new(a))?))
    }

    /// The work left after the button press: u, x, S, HKDF and the signature.
    #[allow(clippy::too_many_arguments)]
    pub fn respond(
        &self,
        pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        salt: &str,
        srp_b: &str,
        secret_block: &str,
        unix_seconds: f64,
    ) -> Result<String, JsError> {
        let pool = UserPoolId::parse(pool_id)?;
        let challenge = PasswordVerifierChallenge {
            salt: salt.to_owned(),
            srp_b: srp_b.to_owned(),
            secret_block: secret_block.to_owned(),
            user_id_for_srp: user_id_for_srp.to_owned(),
        };
        let claim = self.0.respond(
            &pool,
            &challenge,
            &Password::new(password),
            unix_seconds as i64,
        )?;
        Ok(format!("{} {}", self.0.srp_a(), claim.signature))
    }
}

/// Runs a whole client sign-in computation and returns `SRP_A` and the signature joined by a
/// space (so the page can check both implementations agree).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn srp_sign_in(
    pool_id: &str,
    user_id_for_srp: &str,
    password: &str,
    a_hex: &str,
    salt: &str,
    srp_b: &str,
    secret_block: &str,
    unix_seconds: f64,
) -> Result<String, JsError> {
    let pool = UserPoolId::parse(pool_id)?;
    let a = hex_bytes(a_hex).ok_or_else(|| JsError::new("a_hex is not even-length hex"))?;
    let client = SrpClient::new(&SecretExponent::new(a))?;
    let challenge = PasswordVerifierChallenge {
        salt: salt.to_owned(),
        srp_b: srp_b.to_owned(),
        secret_block: secret_block.to_owned(),
        user_id_for_srp: user_id_for_srp.to_owned(),
    };
    let claim = client.respond(
        &pool,
        &challenge,
        &Password::new(password),
        unix_seconds as i64,
    )?;
    Ok(format!("{} {}", client.srp_a(), claim.signature))
}

fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}
