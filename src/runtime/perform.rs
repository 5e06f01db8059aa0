//! The effect runner: one [`Effect`] in, its outcome as one [`Event`] out.

use cognito_protocol::wire::{AuthResponse, AuthTokens, Call, CodeDelivery, SignUpResponse};

use super::sign_in::{exchange, now, sign_in, unsupported, Outcome};
use super::storage::{Storage, Stored};
use super::tokens::{expiry, profile_of};
use super::transport::Transport;
use crate::config::Config;
use crate::error::AuthError;
use crate::flow::{Delivery, Effect, Event, Restored};

fn delivery(d: Option<CodeDelivery>) -> Option<Delivery> {
    d.map(|d| Delivery {
        destination: d.destination,
        medium: d.medium,
    })
}

/// Stores fresh tokens (keeping the old refresh token when a refresh sends none) and says who
/// signed in.
fn signed_in(
    config: &Config,
    storage: &Storage,
    tokens: AuthTokens,
    keep_refresh: Option<cognito_protocol::RefreshToken>,
    offset: i64,
) -> Result<Event, AuthError> {
    let profile = profile_of(&tokens.id_token)
        .ok_or_else(|| AuthError::Srp("the ID token Cognito sent cannot be read".into()))?;
    let stored = Stored {
        username: profile.username.clone(),
        id_token: tokens.id_token,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token.or(keep_refresh),
    };
    storage.save(&config.client_id, &stored, -offset * 1000)?;
    Ok(Event::SignedIn(profile))
}

/// REFRESH_TOKEN_AUTH with the stored refresh token; the old refresh token is kept because
/// Cognito does not send a new one.
async fn refresh(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Event, AuthError> {
    let Some(refresh) = storage
        .load(&config.client_id)?
        .and_then(|s| s.refresh_token)
    else {
        return Ok(Event::SignedOut); // signed out in another tab
    };
    let call = Call::InitiateRefresh {
        client_id: config.client_id.clone(),
        refresh_token: refresh.clone(),
        secret_hash: None,
    };
    match exchange::<AuthResponse>(transport, &call).await? {
        (AuthResponse::Tokens(tokens), offset) => {
            signed_in(config, storage, tokens, Some(refresh), offset)
        }
        (AuthResponse::Challenge { name, .. }, _) => Err(unsupported(&name)),
    }
}

async fn restore(
    config: &Config,
    storage: &Storage,
    transport: &Transport,
) -> Result<Event, AuthError> {
    let Some(stored) = storage.load(&config.client_id)? else {
        return Ok(Event::Restored(
            match storage.pending(&config.client_id)? {
                Some((username, delivery)) => Restored::Confirming { username, delivery },
                None => Restored::Nothing,
            },
        ));
    };
    let fresh = expiry(stored.access_token.secret()).is_some_and(|exp| exp > now() + 60);
    let profile = profile_of(&stored.id_token);
    match (fresh, stored.refresh_token.clone(), profile) {
        (true, _, Some(profile)) => Ok(Event::Restored(Restored::Session(profile))),
        (_, Some(refresh), _) => {
            let call = Call::InitiateRefresh {
                client_id: config.client_id.clone(),
                refresh_token: refresh.clone(),
                secret_hash: None,
            };
            match exchange::<AuthResponse>(transport, &call).await {
                Ok((AuthResponse::Tokens(tokens), offset)) => {
                    match signed_in(config, storage, tokens, Some(refresh), offset)? {
                        Event::SignedIn(p) => Ok(Event::Restored(Restored::Session(p))),
                        other => Ok(other),
                    }
                }
                // Offline: keep the session rather than sign the user out.
                Err(AuthError::Network(_)) => match profile_of(&stored.id_token) {
                    Some(p) => Ok(Event::Restored(Restored::Session(p))),
                    None => Ok(Event::Restored(Restored::Nothing)),
                },
                _ => {
                    storage.clear(&config.client_id)?;
                    Ok(Event::Restored(Restored::Nothing))
                }
            }
        }
        _ => {
            storage.clear(&config.client_id)?;
            Ok(Event::Restored(Restored::Nothing))
        }
    }
}

async fn run(config: &Config, storage: &Storage, effect: Effect) -> Result<Event, AuthError> {
    let transport = Transport::new(config.endpoint.clone());
    let client_id = config.client_id.clone();
    match effect {
        Effect::Restore => restore(config, storage, &transport).await,
        Effect::Refresh => refresh(config, storage, &transport).await,
        Effect::SignIn { username, password } => {
            match sign_in(config, &transport, &username, &password).await? {
                (Outcome::Tokens(tokens), offset) => {
                    storage.set_pending(&client_id, None)?;
                    signed_in(config, storage, tokens, None, offset)
                }
                (
                    Outcome::NewPassword {
                        username,
                        session,
                        required,
                    },
                    _,
                ) => Ok(Event::NewPasswordRequired {
                    username,
                    session,
                    required,
                }),
            }
        }
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
            let (answer, _) = exchange::<SignUpResponse>(&transport, &call).await?;
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
            exchange::<()>(&transport, &call).await?;
            storage.set_pending(&client_id, None)?;
            Ok(Event::Confirmed)
        }
        Effect::ResendCode { username } => {
            let call = Call::ResendConfirmationCode {
                client_id: client_id.clone(),
                username: username.clone(),
                secret_hash: None,
            };
            let (sent, _) = exchange::<Option<CodeDelivery>>(&transport, &call).await?;
            let sent = delivery(sent);
            storage.set_pending(&client_id, Some((&username, sent.as_ref())))?;
            Ok(Event::CodeSent(sent))
        }
        Effect::CompleteNewPassword {
            username,
            session,
            password,
            attributes,
        } => {
            let call = Call::RespondNewPassword {
                client_id,
                session,
                username,
                new_password: password,
                attributes,
                secret_hash: None,
            };
            match exchange::<AuthResponse>(&transport, &call).await? {
                (AuthResponse::Tokens(tokens), offset) => {
                    signed_in(config, storage, tokens, None, offset)
                }
                (AuthResponse::Challenge { name, .. }, _) => Err(unsupported(&name)),
            }
        }
        Effect::ForgotPassword { username } => {
            let call = Call::ForgotPassword {
                client_id,
                username,
                secret_hash: None,
            };
            let (sent, _) = exchange::<Option<CodeDelivery>>(&transport, &call).await?;
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
            exchange::<()>(&transport, &call).await?;
            Ok(Event::PasswordReset)
        }
        Effect::SignOut { global } => {
            let stored = storage.load(&client_id)?;
            // Clear first: signing out must work offline too.
            storage.clear(&client_id)?;
            if let (true, Some(token)) = (global, stored.and_then(|s| s.refresh_token)) {
                let call = Call::RevokeToken {
                    client_id,
                    token,
                    client_secret: None,
                };
                exchange::<()>(&transport, &call).await?;
            }
            Ok(Event::SignedOut)
        }
    }
}

/// Seconds until the stored tokens should be refreshed (five minutes before the access token
/// expires), or `None` when there is nothing to refresh.
pub fn refresh_due_in(config: &Config, storage: &Storage) -> Option<i64> {
    let stored = storage.load(&config.client_id).ok()??;
    stored.refresh_token.as_ref()?;
    let exp = expiry(stored.access_token.secret())?;
    Some((exp - 300 - now()).max(0))
}

/// Performs `effect` against Cognito and storage; every failure becomes [`Event::Failed`].
pub async fn perform(config: &Config, storage: &Storage, effect: Effect) -> Event {
    run(config, storage, effect)
        .await
        .unwrap_or_else(Event::Failed)
}
