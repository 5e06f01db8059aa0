//! The signed-in user's account: their devices, changing the password and deleting the
//! account, each with an access token that is good for a while yet (refreshed first if not).

use cognito_protocol::wire::{Call, DeviceList};

use super::perform::fresh_session;
use super::sign_in::exchange;
use super::storage::{Storage, Stored};
use super::transport::Transport;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};
use crate::session::SignOutReason;

/// Performs `LoadDevices`, `ForgetDeviceKey`, `ChangePassword` or `DeleteAccount`.
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
