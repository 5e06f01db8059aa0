//! The signed-in user's account: changing the password and deleting the account, each with an
//! access token that is good for a while yet (refreshed first if not).

use cognito_protocol::wire::Call;

use super::perform::fresh_session;
use super::sign_in::exchange;
use super::storage::Storage;
use super::transport::Transport;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};
use crate::session::SignOutReason;

/// Performs `ChangePassword` or `DeleteAccount`.
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
