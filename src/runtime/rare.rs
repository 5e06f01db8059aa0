//! The effects of the steps a returning user does not reach: signing up and confirming the
//! account, a new password for a user an administrator created, and resetting a forgotten
//! password. Split off (`runtime/lazy.rs`) with their views.

use cognito_protocol::wire::{AuthResponse, Call, CodeDelivery, SignUpResponse};

use super::mfa;
use super::perform::{delivery, progress};
use super::sign_in::exchange;
use super::storage::Storage;
use super::transport::Transport;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Effect, Event};

/// Performs one of the effects above (the runner hands it nothing else).
pub(super) async fn perform(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
    effect: Effect,
) -> Result<Event, AuthError> {
    let client_id = config.client_id.clone();
    match effect {
        Effect::SignUp {
            username,
            password,
            attributes,
        } => {
            let call = Call::SignUp {
                client_id: client_id.clone(),
                username: username.clone(),
                password,
                user_attributes: attributes,
                secret_hash: None,
            };
            let (answer, _) = exchange::<SignUpResponse>(transport, &call).await?;
            let delivery = delivery(answer.code_delivery);
            if !answer.user_confirmed {
                // Survives a reload: the code form comes back until the account is confirmed.
                storage.set_pending(&client_id, Some((&username, delivery.as_ref())))?;
            }
            Ok(Event::SignedUp {
                confirmed: answer.user_confirmed,
                delivery,
            })
        }
        Effect::ConfirmSignUp { username, code } => {
            let call = Call::ConfirmSignUp {
                client_id: client_id.clone(),
                username,
                code,
                secret_hash: None,
            };
            exchange::<()>(transport, &call).await?;
            storage.set_pending(&client_id, None)?;
            Ok(Event::Confirmed)
        }
        Effect::ResendCode { username } => {
            let call = Call::ResendConfirmationCode {
                client_id: client_id.clone(),
                username: username.clone(),
                secret_hash: None,
            };
            let (sent, _) = exchange::<Option<CodeDelivery>>(transport, &call).await?;
            let sent = delivery(sent);
            storage.set_pending(&client_id, Some((&username, sent.as_ref())))?;
            Ok(Event::CodeSent(sent))
        }
        Effect::CompleteNewPassword {
            login,
            username,
            session,
            password,
            attributes,
        } => {
            let call = Call::RespondNewPassword {
                client_id,
                session,
                username: username.clone(),
                new_password: password,
                attributes,
                secret_hash: None,
            };
            let (response, _) = exchange::<AuthResponse>(transport, &call).await?;
            let mut p = progress(config, storage, transport, login);
            let outcome = p.settle(username, response).await?;
            mfa::outcome_event(&p, outcome, false).await
        }
        Effect::ForgotPassword { username } => {
            let call = Call::ForgotPassword {
                client_id,
                username,
                secret_hash: None,
            };
            let (sent, _) = exchange::<Option<CodeDelivery>>(transport, &call).await?;
            Ok(Event::CodeSent(delivery(sent)))
        }
        Effect::ConfirmForgotPassword {
            username,
            code,
            password,
        } => {
            let call = Call::ConfirmForgotPassword {
                client_id,
                username,
                code,
                password,
                secret_hash: None,
            };
            exchange::<()>(transport, &call).await?;
            Ok(Event::PasswordReset)
        }
        _ => Ok(Event::Done),
    }
}
