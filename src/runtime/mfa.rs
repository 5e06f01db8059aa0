//! Second factors and remembered devices: answering MFA challenges, setting up an
//! authenticator app, the user's MFA settings, and the device a sign-in's tokens came with
//! (ConfirmDevice with a verifier computed here, remembered when the user says so).

use cognito_protocol::srp::{device_secret, DeviceGroup};
use cognito_protocol::wire::{
    AuthTokens, Call, ConfirmDeviceResponse, GetUserResponse, SoftwareTokenResponse, TokenOrSession,
};
use cognito_protocol::AccessToken;

use super::lazy;
use super::perform::signed_in;
use super::random;
use super::sign_in::{exchange, Outcome, Progress};
use super::storage::Device;
use super::tokens::profile_of;
use crate::error::AuthError;
use crate::flow::{Challenge, Effect, Event};
use crate::split::lazy;
use cognito_protocol::mfa::MfaFactor;

/// Performs the effects of second factors and devices (one future for all of them, apart
/// from the runner's).
pub(crate) async fn perform(p: &mut Progress<'_>, effect: Effect) -> Result<Event, AuthError> {
    match effect {
        Effect::AnswerMfa {
            challenge,
            factor,
            code,
            remember,
        } => {
            p.login = challenge.login.clone();
            answer_code(p, challenge, factor, code, remember).await
        }
        Effect::ChooseMfa { challenge, factor } => {
            p.login = challenge.login.clone();
            choose(p, challenge, factor).await
        }
        Effect::VerifyTotp {
            challenge,
            code,
            remember,
        } => {
            p.login = challenge
                .as_ref()
                .map(|c| c.login.clone())
                .unwrap_or_default();
            verify_totp(p, challenge, code, remember).await
        }
        Effect::LoadMfa => load(p).await,
        Effect::AssociateTotp => associate(p).await,
        Effect::SetMfa {
            factor,
            enabled,
            preferred,
        } => set_mfa(p, factor, enabled, preferred).await,
        _ => forget(p).await,
    }
}

/// The event a sign-in step ended with; tokens are stored, with a new device confirmed.
pub(crate) async fn outcome_event(
    p: &Progress<'_>,
    outcome: Outcome,
    remember: bool,
) -> Result<Event, AuthError> {
    Ok(match outcome {
        Outcome::Tokens(tokens) => {
            if tokens.new_device.is_some() || remember {
                // Not loaded: the device is not remembered, as when ConfirmDevice fails.
                if let Ok(work) = lazy!(lazy::confirm_device(p.held(), tokens.clone(), remember)) {
                    work.await;
                }
            }
            p.storage.set_pending(&p.config.client_id, None)?;
            signed_in(p.config, p.storage, tokens, None)?
        }
        Outcome::NewPassword {
            username,
            session,
            required,
        } => Event::NewPasswordRequired {
            login: p.login.clone(),
            username,
            session,
            required,
        },
        Outcome::Mfa(challenge, prompt) => Event::MfaRequired { challenge, prompt },
        Outcome::TotpSetup(challenge, secret) => Event::TotpSecret {
            challenge: Some(challenge),
            secret,
        },
    })
}

/// A new device came with the tokens: ConfirmDevice with a verifier of a random password
/// that only this browser keeps, then (when the pool asks the user and they said yes)
/// UpdateDeviceStatus. Kept once Cognito confirmed it, remembered or only tracked, as Amplify
/// keeps it: the next sign-in sends its key, and Cognito asks for its SRP instead of tracking
/// yet another device. A failure costs nothing but the device, as in Amplify. No new device
/// but "Remember this device" ticked: the tracked one this sign-in proved is remembered.
pub(super) async fn confirm_device(p: &Progress<'_>, tokens: &AuthTokens, remember: bool) {
    let Some(username) = profile_of(&tokens.id_token).map(|profile| profile.username) else {
        return;
    };
    let client = &p.config.client_id;
    let access_token = tokens.access_token.clone();
    let remember_it = |device_key: String| Call::UpdateDeviceStatus {
        access_token: access_token.clone(),
        device_key,
        remembered: true,
    };
    let Some((key, group)) = &tokens.new_device else {
        if let Some(device) = p.storage.device(client, &username) {
            let _ = exchange::<()>(p.transport, &remember_it(device.key)).await;
        }
        return;
    };
    let (Ok(password), Ok(salt)) = (random::bytes(40), random::bytes(16)) else {
        return;
    };
    let group = DeviceGroup(group.clone());
    let secret = device_secret(&group, key, &password, &salt);
    let name = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let call = Call::ConfirmDevice {
        access_token: access_token.clone(),
        device_key: key.clone(),
        verifier: secret.verifier,
        salt: secret.salt,
        name,
    };
    let Ok((answer, _)) = exchange::<ConfirmDeviceResponse>(p.transport, &call).await else {
        return;
    };
    let device = Device {
        key: key.clone(),
        group: group.0,
        password: secret.password,
    };
    if p.storage
        .set_device(client, &username, Some(&device))
        .is_err()
    {
        return;
    }
    if answer.user_confirmation_necessary && remember {
        let _ = exchange::<()>(p.transport, &remember_it(key.clone())).await;
    }
}

/// The answer to a code challenge, with this browser's device for the user (Cognito then asks
/// for the device's SRP instead of issuing a new key).
async fn answer_code(
    p: &mut Progress<'_>,
    challenge: Challenge,
    factor: MfaFactor,
    code: String,
    remember: bool,
) -> Result<Event, AuthError> {
    let mut answers = vec![
        ("USERNAME".into(), challenge.username.clone()),
        (factor.code_key().into(), code),
    ];
    if let Some(device) = p.storage.device(&p.config.client_id, &challenge.username) {
        answers.push(("DEVICE_KEY".into(), device.key));
    }
    let response = p
        .respond(factor.as_str(), challenge.session, answers)
        .await?;
    let outcome = p.settle(challenge.username, response).await?;
    outcome_event(p, outcome, remember).await
}

/// The factor chosen at `SELECT_MFA_TYPE`.
async fn choose(
    p: &mut Progress<'_>,
    challenge: Challenge,
    factor: MfaFactor,
) -> Result<Event, AuthError> {
    let answers = vec![
        ("USERNAME".into(), challenge.username.clone()),
        ("ANSWER".into(), factor.as_str().into()),
    ];
    let response = p
        .respond("SELECT_MFA_TYPE", challenge.session, answers)
        .await?;
    let outcome = p.settle(challenge.username, response).await?;
    outcome_event(p, outcome, false).await
}

/// The app's first code: for a sign-in, VerifySoftwareToken with its session and then the
/// `MFA_SETUP` answer; for the signed-in user, VerifySoftwareToken and then TOTP on and
/// preferred.
async fn verify_totp(
    p: &mut Progress<'_>,
    challenge: Option<Challenge>,
    code: String,
    remember: bool,
) -> Result<Event, AuthError> {
    let by = match &challenge {
        Some(c) => TokenOrSession::Session(c.session.clone()),
        None => TokenOrSession::Token(access_token(p)?),
    };
    let call = Call::VerifySoftwareToken {
        by,
        code,
        device_name: "Authenticator app".into(),
    };
    let (verified, _) = exchange::<SoftwareTokenResponse>(p.transport, &call).await?;
    let Some(challenge) = challenge else {
        return set_mfa(p, MfaFactor::SoftwareToken, true, true).await;
    };
    let answers = vec![("USERNAME".into(), challenge.username.clone())];
    let session = verified.session.unwrap_or_default();
    let response = p.respond("MFA_SETUP", session, answers).await?;
    let outcome = p.settle(challenge.username, response).await?;
    outcome_event(p, outcome, remember).await
}

/// The signed-in user's access token.
fn access_token(p: &Progress<'_>) -> Result<AccessToken, AuthError> {
    p.storage
        .load(&p.config.client_id)?
        .map(|s| s.access_token)
        .ok_or_else(|| AuthError::Storage("the session vanished".into()))
}

/// GetUser: the user's factors.
async fn load(p: &Progress<'_>) -> Result<Event, AuthError> {
    let call = Call::GetUser {
        access_token: access_token(p)?,
    };
    let (user, _) = exchange::<GetUserResponse>(p.transport, &call).await?;
    Ok(Event::MfaLoaded(user.mfa))
}

/// AssociateSoftwareToken for the signed-in user.
async fn associate(p: &Progress<'_>) -> Result<Event, AuthError> {
    let call = Call::AssociateSoftwareToken {
        by: TokenOrSession::Token(access_token(p)?),
    };
    let (answer, _) = exchange::<SoftwareTokenResponse>(p.transport, &call).await?;
    Ok(Event::TotpSecret {
        challenge: None,
        secret: answer.secret_code,
    })
}

/// SetUserMFAPreference for one factor, then the settings as they are now.
async fn set_mfa(
    p: &Progress<'_>,
    factor: MfaFactor,
    enabled: bool,
    preferred: bool,
) -> Result<Event, AuthError> {
    let call = Call::SetUserMfaPreference {
        access_token: access_token(p)?,
        settings: vec![(factor, enabled, preferred)],
    };
    exchange::<()>(p.transport, &call).await?;
    load(p).await
}

/// ForgetDevice for this browser's device, then its keys are gone from here too.
async fn forget(p: &Progress<'_>) -> Result<Event, AuthError> {
    let stored = p
        .storage
        .load(&p.config.client_id)?
        .ok_or_else(|| AuthError::Storage("the session vanished".into()))?;
    if let Some(device) = p.storage.device(&p.config.client_id, &stored.username) {
        let call = Call::ForgetDevice {
            access_token: stored.access_token,
            device_key: device.key,
        };
        exchange::<()>(p.transport, &call).await?;
    }
    p.storage
        .set_device(&p.config.client_id, &stored.username, None)?;
    Ok(Event::DeviceForgotten)
}

/// Whether this browser remembers a device for `username`.
pub fn has_device(client_id: &str, storage: &super::Storage, username: &str) -> bool {
    storage.device(client_id, username).is_some()
}
