//! Sign-in: USER_SRP_AUTH computed here (the password never leaves the page) or, when the
//! configuration asks for it, USER_PASSWORD_AUTH. Then whatever Cognito asks next: a
//! remembered device's SRP (answered here, with the device's own secret), a new password, or
//! a second factor. Ends with tokens or a step for the user.

use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::srp::{DeviceGroup, PasswordVerifierChallenge, SrpClient};
use cognito_protocol::wire::{self, AuthResponse, AuthTokens, Call, CognitoError, ErrorKind};
use cognito_protocol::{json, Password, SecretExponent};

use super::lazy;
use super::random;
use super::storage::{Device, Storage};
use super::transport::Transport;
use crate::config::{AuthFlow, Config};
use crate::error::AuthError;
use crate::flow::{Challenge, MfaPrompt};
use crate::split::lazy;

/// Where a sign-in (or one of its later steps) ended.
pub(crate) enum Outcome {
    /// Signed in.
    Tokens(AuthTokens),
    /// An admin-created user must choose a password.
    NewPassword {
        username: String,
        session: String,
        required: Vec<String>,
    },
    /// A second factor is asked for.
    Mfa(Challenge, MfaPrompt),
    /// MFA is required and the user has none: an authenticator app to set up, with its secret.
    TotpSetup(Challenge, String),
}

/// What a challenge led to: an outcome for the user, or Cognito's next response.
pub(crate) enum Next {
    Outcome(Outcome),
    Response(AuthResponse),
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

/// A challenge this widget does not answer (custom auth…).
pub(crate) fn unsupported(name: &str) -> AuthError {
    AuthError::Cognito(CognitoError::new(
        "UnsupportedChallenge",
        format!("the {name} challenge is not supported by this widget"),
    ))
}

fn srp_error(e: impl ToString) -> AuthError {
    AuthError::Srp(e.to_string())
}

/// Where a sign-in is: the login typed, what to send next, the clock offset.
pub(crate) struct Progress<'a> {
    pub config: &'a Config,
    pub storage: &'a Storage,
    pub transport: &'a Transport,
    /// What the user typed as login name.
    pub login: String,
    /// Cognito's clock minus ours.
    pub offset: i64,
}

/// What a [`Progress`] refers to, owned: a split point (`runtime/lazy.rs`) takes this.
pub(crate) struct Held {
    config: Config,
    storage: Storage,
    transport: Transport,
    login: String,
    offset: i64,
}

impl Held {
    /// The progress again, on the other side.
    pub(crate) fn progress(&self) -> Progress<'_> {
        Progress {
            config: &self.config,
            storage: &self.storage,
            transport: &self.transport,
            login: self.login.clone(),
            offset: self.offset,
        }
    }
}

impl Progress<'_> {
    /// This progress, owned, for a split point.
    pub(crate) fn held(&self) -> Held {
        Held {
            config: self.config.clone(),
            storage: self.storage.clone(),
            transport: self.transport.clone(),
            login: self.login.clone(),
            offset: self.offset,
        }
    }

    /// Follows Cognito's answers until the user has to act or tokens come: device SRP is
    /// answered here; an `MFA_SETUP` for an app gets its secret at once.
    pub(crate) async fn settle(
        &mut self,
        username: String,
        mut response: AuthResponse,
    ) -> Result<Outcome, AuthError> {
        loop {
            let (name, session, parameters) = match response {
                AuthResponse::Tokens(tokens) => return Ok(Outcome::Tokens(tokens)),
                AuthResponse::Challenge {
                    name,
                    session,
                    parameters,
                } => (name, session.unwrap_or_default(), parameters),
            };
            // The internal username, once Cognito names it (USER_PASSWORD_AUTH starts with
            // what was typed).
            let username = parameters
                .get("USER_ID_FOR_SRP")
                .cloned()
                .unwrap_or_else(|| username.clone());
            if name == wire::NEW_PASSWORD_REQUIRED {
                return Ok(Outcome::NewPassword {
                    username,
                    session,
                    required: wire::required_attributes(&parameters).map_err(AuthError::Cognito)?,
                });
            }
            // Second factors and devices: their code is a chunk of its own (`lazy.rs`).
            let work = lazy!(lazy::challenge(
                self.held(),
                username,
                name,
                session,
                parameters
            ))?;
            match work.await? {
                Next::Outcome(outcome) => return Ok(outcome),
                Next::Response(next) => response = next,
            }
        }
    }

    /// A challenge other than `NEW_PASSWORD_REQUIRED`: device SRP is answered here (its
    /// answer is the next response); an `MFA_SETUP` for an app gets its secret at once; an
    /// MFA code or the choice of factor is the user's to give.
    pub(super) async fn challenge(
        &self,
        username: String,
        name: String,
        session: String,
        parameters: json::Map<String>,
    ) -> Result<Next, AuthError> {
        let challenge = Challenge {
            login: self.login.clone(),
            username: username.clone(),
            session: session.clone(),
        };
        let factors = |key: &str| -> Vec<MfaFactor> {
            let listed = parameters.get(key).map(String::as_str).unwrap_or("[]");
            let listed = json::parse(listed).unwrap_or_default();
            let names = listed.as_array().map(Vec::as_slice).unwrap_or_default();
            names
                .iter()
                .filter_map(|n| MfaFactor::parse(n.as_str()?))
                .collect()
        };
        let prompt = match name.as_str() {
            "DEVICE_SRP_AUTH" => {
                let device = self
                    .storage
                    .device(&self.config.client_id, &username)
                    .ok_or_else(|| unsupported(&name))?;
                let response = Box::pin(self.device_srp(&username, &device, session)).await?;
                return Ok(Next::Response(response));
            }
            "MFA_SETUP" => {
                if !factors("MFAS_CAN_SETUP").contains(&MfaFactor::SoftwareToken) {
                    return Err(unsupported(&name));
                }
                let call = Call::AssociateSoftwareToken {
                    by: wire::TokenOrSession::Session(session),
                };
                let (answer, _) =
                    exchange::<wire::SoftwareTokenResponse>(self.transport, &call).await?;
                let challenge = Challenge {
                    session: answer.session.unwrap_or_default(),
                    ..challenge
                };
                return Ok(Next::Outcome(Outcome::TotpSetup(
                    challenge,
                    answer.secret_code,
                )));
            }
            "SELECT_MFA_TYPE" => MfaPrompt::Choose(factors("MFAS_CAN_CHOOSE")),
            other => match MfaFactor::parse(other) {
                Some(factor) => MfaPrompt::Code {
                    factor,
                    destination: parameters.get("CODE_DELIVERY_DESTINATION").cloned(),
                },
                None => return Err(unsupported(other)),
            },
        };
        Ok(Next::Outcome(Outcome::Mfa(challenge, prompt)))
    }

    /// `DEVICE_SRP_AUTH` → `DEVICE_PASSWORD_VERIFIER`: the user SRP with the device group key
    /// for the pool name, the device key for the username and the device's random password.
    pub(super) async fn device_srp(
        &self,
        username: &str,
        device: &Device,
        session: String,
    ) -> Result<AuthResponse, AuthError> {
        let srp = SrpClient::new(&SecretExponent::new(random::bytes(32)?)).map_err(srp_error)?;
        let answers = vec![
            ("USERNAME".into(), username.to_owned()),
            ("DEVICE_KEY".into(), device.key.clone()),
            ("SRP_A".into(), srp.srp_a()),
        ];
        let response = self.respond("DEVICE_SRP_AUTH", session, answers).await?;
        let AuthResponse::Challenge {
            name,
            session,
            parameters,
        } = response
        else {
            return Ok(response);
        };
        let get = |k: &str| parameters.get(k).cloned().unwrap_or_default();
        let challenge = PasswordVerifierChallenge {
            salt: get("SALT"),
            srp_b: get("SRP_B"),
            secret_block: get("SECRET_BLOCK"),
            user_id_for_srp: device.key.clone(),
        };
        if name != "DEVICE_PASSWORD_VERIFIER" {
            return Err(unsupported(&name));
        }
        let group = DeviceGroup(device.group.clone());
        let claim = srp
            .respond(&group, &challenge, &device.password, now() + self.offset)
            .map_err(srp_error)?;
        let answers = vec![
            ("USERNAME".into(), username.to_owned()),
            ("DEVICE_KEY".into(), device.key.clone()),
            ("PASSWORD_CLAIM_SECRET_BLOCK".into(), claim.secret_block),
            ("TIMESTAMP".into(), claim.timestamp),
            ("PASSWORD_CLAIM_SIGNATURE".into(), claim.signature),
        ];
        let session = session.unwrap_or_default();
        self.respond("DEVICE_PASSWORD_VERIFIER", session, answers)
            .await
    }

    /// RespondToAuthChallenge `name` in `session`.
    pub(crate) async fn respond(
        &self,
        name: &str,
        session: String,
        answers: Vec<(String, String)>,
    ) -> Result<AuthResponse, AuthError> {
        let call = Call::Respond {
            client_id: self.config.client_id.clone(),
            challenge: name.into(),
            session: Some(session),
            answers,
        };
        Ok(exchange::<AuthResponse>(self.transport, &call).await?.0)
    }
}

/// Whether Cognito says the device this browser named is unknown to it.
fn device_gone(e: &AuthError) -> bool {
    matches!(e, AuthError::Cognito(c) if c.kind == ErrorKind::ResourceNotFound
        && c.message.contains("evice"))
}

/// Signs `login` in with `password` by the configured flow. Runs in the chunk `srp`
/// (`runtime/lazy.rs`) with what follows the password.
pub(crate) async fn sign_in(
    p: &mut Progress<'_>,
    password: &Password,
) -> Result<Outcome, AuthError> {
    let login = p.login.clone();
    let (username, response) = if p.config.flow == AuthFlow::Password {
        let call = Call::InitiatePassword {
            client_id: p.config.client_id.clone(),
            username: login.clone(),
            password: password.clone(),
            secret_hash: None,
        };
        let (response, offset) = exchange::<AuthResponse>(p.transport, &call).await?;
        p.offset = offset;
        (login, response)
    } else {
        let (username, response, offset) = srp_sign_in(p, password).await?;
        p.offset = offset;
        (username, response)
    };
    p.settle(username, response).await
}

/// USER_SRP_AUTH: A, then the answer to PASSWORD_VERIFIER signed with the server's time.
/// Returns the internal username, Cognito's answer and its clock offset from ours.
async fn srp_sign_in(
    p: &Progress<'_>,
    password: &Password,
) -> Result<(String, AuthResponse, i64), AuthError> {
    let client_id = p.config.client_id.clone();
    let login = p.login.clone();
    let srp = SrpClient::new(&SecretExponent::new(random::bytes(32)?)).map_err(srp_error)?;
    let call = Call::InitiateSrp {
        client_id: client_id.clone(),
        username: login.clone(),
        srp_a: srp.srp_a(),
        secret_hash: None,
    };
    let (response, offset) = exchange::<AuthResponse>(p.transport, &call).await?;
    let (session, parameters) = match response {
        AuthResponse::Challenge {
            name,
            session,
            parameters,
        } if name == wire::PASSWORD_VERIFIER => (session, parameters),
        other => return Ok((login, other, offset)),
    };
    let challenge = wire::password_verifier(&parameters).map_err(AuthError::Cognito)?;
    // Sign the server's time, not ours: a device clock that is off must not break sign-in.
    let claim = srp
        .respond(&p.config.pool, &challenge, password, now() + offset)
        .map_err(srp_error)?;
    let username = claim.username.clone();
    // A device this browser remembers for the user goes with the claim, as Amplify sends it.
    let device = p.storage.device(&client_id, &username);
    let call = |device_key: Option<String>| Call::RespondPasswordVerifier {
        client_id: client_id.clone(),
        session: session.clone(),
        claim: claim.clone(),
        secret_hash: None,
        device_key,
    };
    let first = exchange::<AuthResponse>(p.transport, &call(device.map(|d| d.key))).await;
    let response = match first {
        // Forgotten elsewhere: forget it here too, and send the same claim without it (the
        // challenge stays open for that).
        Err(e) if device_gone(&e) => {
            p.storage.set_device(&client_id, &username, None)?;
            exchange::<AuthResponse>(p.transport, &call(None)).await?.0
        }
        other => other?.0,
    };
    Ok((username, response, offset))
}
