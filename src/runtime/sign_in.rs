//! Sign-in: USER_SRP_AUTH computed here (the password never leaves the page) or, when the
//! configuration asks for it, USER_PASSWORD_AUTH. Ends with tokens or a challenge.

use cognito_protocol::srp::SrpClient;
use cognito_protocol::wire::{self, AuthResponse, AuthTokens, Call, CognitoError};
use cognito_protocol::{Password, SecretExponent};

use super::random;
use super::transport::Transport;
use crate::config::{AuthFlow, Config};
use crate::error::AuthError;
use crate::split::lazy;

/// Where a sign-in ended.
pub(crate) enum Outcome {
    /// Signed in.
    Tokens(AuthTokens),
    /// An admin-created user must choose a password.
    NewPassword {
        username: String,
        session: String,
        required: Vec<String>,
    },
}

/// Sends `call` and parses Cognito's answer as `T`; also returns the server's clock offset
/// from ours in seconds (0 when the server sent no `Date`).
pub(crate) async fn exchange<T: wire::FromBody>(
    transport: &Transport,
    call: &Call,
) -> Result<(T, i64), AuthError> {
    let answer = transport.send(&call.request()).await?;
    let offset = answer.server_time.map_or(0, |t| t - now());
    let parsed = wire::parse::<T>(answer.status, &answer.body).map_err(AuthError::Cognito)?;
    Ok((parsed, offset))
}

/// The page's clock, Unix seconds.
pub(crate) fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A challenge this widget does not answer (MFA, custom auth…).
pub(crate) fn unsupported(name: &str) -> AuthError {
    AuthError::Cognito(CognitoError::new(
        "UnsupportedChallenge",
        format!("the {name} challenge is not supported by this widget"),
    ))
}

fn outcome(response: AuthResponse) -> Result<Outcome, AuthError> {
    match response {
        AuthResponse::Tokens(tokens) => Ok(Outcome::Tokens(tokens)),
        AuthResponse::Challenge {
            name,
            session,
            parameters,
        } if name == wire::NEW_PASSWORD_REQUIRED => Ok(Outcome::NewPassword {
            username: parameters
                .get("USER_ID_FOR_SRP")
                .cloned()
                .unwrap_or_default(),
            session: session.unwrap_or_default(),
            required: wire::required_attributes(&parameters).map_err(AuthError::Cognito)?,
        }),
        AuthResponse::Challenge { name, .. } => Err(unsupported(&name)),
    }
}

/// Signs `username` in with `password` by the configured flow.
pub(crate) async fn sign_in(
    config: &Config,
    transport: &Transport,
    username: &str,
    password: &Password,
) -> Result<(Outcome, i64), AuthError> {
    let client_id = config.client_id.clone();
    if config.flow == AuthFlow::Password {
        let call = Call::InitiatePassword {
            client_id,
            username: username.to_owned(),
            password: password.clone(),
            secret_hash: None,
        };
        let (response, offset) = exchange::<AuthResponse>(transport, &call).await?;
        return Ok((outcome(response)?, offset));
    }
    // SRP's code (modp3072, SHA-256, HKDF) is a chunk of its own, fetched once the first
    // screen shows (`runtime/lazy.rs`), so that the first screen does not wait for it.
    let work = lazy!(super::lazy::srp(
        config.clone(),
        transport.clone(),
        username.to_owned(),
        password.clone()
    ))?;
    work.await
}

/// USER_SRP_AUTH: A, then the answer to PASSWORD_VERIFIER signed with the server's time.
pub(super) async fn srp_sign_in(
    config: &Config,
    transport: &Transport,
    username: &str,
    password: &Password,
) -> Result<(Outcome, i64), AuthError> {
    let client_id = config.client_id.clone();
    let srp = SrpClient::new(&SecretExponent::new(random::bytes(32)?))
        .map_err(|e| AuthError::Srp(e.to_string()))?;
    let call = Call::InitiateSrp {
        client_id: client_id.clone(),
        username: username.to_owned(),
        srp_a: srp.srp_a(),
        secret_hash: None,
    };
    let (response, offset) = exchange::<AuthResponse>(transport, &call).await?;
    let (session, parameters) = match response {
        AuthResponse::Challenge {
            name,
            session,
            parameters,
        } if name == wire::PASSWORD_VERIFIER => (session, parameters),
        other => return Ok((outcome(other)?, offset)),
    };
    let challenge = wire::password_verifier(&parameters).map_err(AuthError::Cognito)?;
    // Sign the server's time, not ours: a device clock that is off must not break sign-in.
    let claim = srp
        .respond(&config.pool, &challenge, password, now() + offset)
        .map_err(|e| AuthError::Srp(e.to_string()))?;
    let call = Call::RespondPasswordVerifier {
        client_id,
        session,
        claim,
        secret_hash: None,
    };
    let (response, _) = exchange::<AuthResponse>(transport, &call).await?;
    Ok((outcome(response)?, offset))
}
