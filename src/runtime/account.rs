//! The signed-in user's account: their profile, devices, changing the password and deleting
//! the account, each with an access token that is good for a while yet (refreshed first if
//! not).

use cognito_protocol::wire::{Call, CodeDelivery, CodeDeliveryList, DeviceList, GetUserResponse};
use cognito_protocol::AccessToken;

use super::perform::{delivery, fresh_session, trade};
use super::sign_in::exchange;
use super::storage::{Storage, Stored};
use super::tabs::hold_refresh;
use super::tokens::profile_of;
use super::transport::Transport;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event, Notice, Verifying};
use crate::session::SignOutReason;

/// Performs `LoadDevices`, `ForgetDeviceKey`, `ChangePassword`, `DeleteAccount` or one of the
/// profile's effects.
pub(super) async fn perform(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    effect: Effect,
) -> Result<Event, AuthError> {
    let client_id = &config.client_id;
    let Some(stored) = fresh_session(config, storage, transport).await? else {
        return Ok(Event::SignedOut(SignOutReason::OtherTab));
    };
    let access_token = stored.access_token.clone();
    let this = storage.device(client_id, &stored.username).map(|d| d.key);
    match effect {
        Effect::LoadDevices => {}
        Effect::LoadProfile
        | Effect::SaveProfile(_)
        | Effect::SendAttributeCode(_)
        | Effect::VerifyAttribute { .. } => {
            return profile(config, storage, transport, access_token, effect).await;
        }
        Effect::ForgetDeviceKey(key) => {
            let call = Call::ForgetDevice {
                access_token: access_token.clone(),
                device_key: key.clone(),
            };
            exchange::<()>(transport, &call).await?;
            if this.as_ref() == Some(&key) {
                storage.set_device(client_id, &stored.username, None)?;
            }
        }
        _ => return change_or_delete(config, storage, transport, stored, effect).await,
    }
    let this = storage.device(client_id, &stored.username).map(|d| d.key);
    let call = Call::ListDevices { access_token };
    let (DeviceList(devices), _) = exchange::<DeviceList>(transport, &call).await?;
    Ok(Event::DevicesLoaded { devices, this })
}

/// `ChangePassword`, or `DeleteUser` and then nothing of the account left here.
async fn change_or_delete(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    stored: Stored,
    effect: Effect,
) -> Result<Event, AuthError> {
    let client_id = &config.client_id;
    let access_token = stored.access_token;
    if let Effect::ChangePassword { previous, proposed } = effect {
        let call = Call::ChangePassword {
            access_token,
            previous,
            proposed,
        };
        exchange::<()>(transport, &call).await?;
        return Ok(Event::PasswordChanged);
    }
    exchange::<()>(transport, &Call::DeleteUser { access_token }).await?;
    // Nothing of the account stays in this browser: its tokens, and the device Cognito has
    // forgotten with it.
    storage.clear(client_id)?;
    storage.set_device(client_id, &stored.username, None)?;
    Ok(Event::SignedOut(SignOutReason::Deleted))
}

/// The profile's effects: `UpdateUserAttributes` (only what changed), a code for an address
/// and its verification; then the profile as it is now. A change to the attributes renews the
/// tokens, so that the ID token the host reads carries it.
async fn profile(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    access_token: AccessToken,
    effect: Effect,
) -> Result<Event, AuthError> {
    let code_for = |v: Verifying, sent: Option<CodeDelivery>| Verifying {
        delivery: delivery(sent),
        ..v
    };
    // What the step leads to, the values sent (to tell an address waiting for its code), and
    // whether the tokens are renewed so that the ID token carries the change.
    let (verifying, notice, changed, renew_tokens) = match effect {
        Effect::SaveProfile(changes) if changes.is_empty() => {
            (None, Some(Notice::NothingToSave), Vec::new(), false)
        }
        Effect::SaveProfile(changes) => {
            let call = Call::UpdateUserAttributes {
                access_token,
                attributes: changes.clone(),
            };
            let (CodeDeliveryList(sent), _) =
                exchange::<CodeDeliveryList>(transport, &call).await?;
            // A changed address gets a code: asked for next (the first, if both changed).
            let verifying = sent.into_iter().next().map(|sent| {
                let attribute = sent.attribute.clone();
                code_for(
                    Verifying {
                        attribute,
                        delivery: None,
                        waiting: None,
                    },
                    Some(sent),
                )
            });
            (verifying, Some(Notice::ProfileSaved), changes, true)
        }
        Effect::SendAttributeCode(verifying) => {
            let resent = verifying.delivery.is_some();
            let call = Call::GetUserAttributeVerificationCode {
                access_token,
                attribute: verifying.attribute.clone(),
            };
            let (sent, _) = exchange::<Option<CodeDelivery>>(transport, &call).await?;
            let notice = resent.then_some(Notice::CodeResent);
            (Some(code_for(verifying, sent)), notice, Vec::new(), false)
        }
        Effect::VerifyAttribute { attribute, code } => {
            let call = Call::VerifyUserAttribute {
                access_token,
                attribute,
                code,
            };
            exchange::<()>(transport, &call).await?;
            (None, Some(Notice::AttributeVerified), Vec::new(), true)
        }
        _ => (None, None, Vec::new(), false),
    };
    if renew_tokens {
        renew(config, storage, transport).await;
    }
    let Some(stored) = storage.load(&config.client_id)? else {
        return Ok(Event::SignedOut(SignOutReason::OtherTab));
    };
    let call = Call::GetUser {
        access_token: stored.access_token.clone(),
    };
    let (user, _) = exchange::<GetUserResponse>(transport, &call).await?;
    let profile = profile_of(&stored.id_token)
        .ok_or_else(|| AuthError::Storage("the stored ID token cannot be read".into()))?;
    // With `AttributesRequireVerificationBeforeUpdate` the old address stays until the code:
    // GetUser still reports it, not the value sent.
    let verifying = verifying.map(|v| {
        let sent = changed
            .iter()
            .find(|(name, _)| *name == v.attribute)
            .map(|(_, value)| value.clone());
        let now = user
            .attributes
            .iter()
            .find(|(name, _)| *name == v.attribute);
        let waiting = match (sent, now) {
            (Some(sent), Some((_, now))) if *now != sent => Some(sent),
            (Some(_), _) => None,
            (None, _) => v.waiting.clone(), // a new code: still for the address waiting
        };
        Verifying { waiting, ..v }
    });
    Ok(Event::ProfileLoaded {
        profile,
        attributes: user.attributes,
        verifying,
        notice,
    })
}

/// New tokens now, though these are not due: their ID token carries the changed attributes.
/// One tab at a time, as every refresh; best effort (the change is made, and the next refresh
/// brings the claims if this one fails).
async fn renew(config: &Config, storage: &Storage, transport: &Transport) {
    let _held = hold_refresh(storage, &config.client_id).await;
    if let Ok(Some(Stored {
        refresh_token: Some(refresh),
        ..
    })) = storage.load(&config.client_id)
    {
        let _ = trade(config, storage, transport, refresh).await;
    }
}
