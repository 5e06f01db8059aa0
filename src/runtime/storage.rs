//! Where tokens live, under the keys amazon-cognito-identity-js and Amplify use, so scripts on
//! the page that already read a Cognito session keep working:
//! `CognitoIdentityServiceProvider.<clientId>.LastAuthUser` and
//! `CognitoIdentityServiceProvider.<clientId>.<username>.{idToken,accessToken,refreshToken,clockDrift}`.

use std::cell::RefCell;
use std::rc::Rc;

use cognito_protocol::json::{self, Map, Value};
use cognito_protocol::{AccessToken, IdToken, Password, RefreshToken};

use crate::config::StorageChoice;
use crate::error::AuthError;
use crate::flow::Delivery;

/// A storage choice.
#[derive(Debug, Clone)]
pub enum Storage {
    /// `localStorage` (default): survives closing the browser.
    Local,
    /// `sessionStorage`: ends with the tab.
    Session,
    /// Nothing persisted: ends with the page.
    Memory(Rc<RefCell<Map<String>>>),
}

/// A remembered device: what device SRP needs.
#[derive(Debug, Clone)]
pub struct Device {
    /// `DeviceKey`.
    pub key: String,
    /// `DeviceGroupKey`.
    pub group: String,
    /// The random password whose verifier ConfirmDevice gave Cognito.
    pub password: Password,
}

/// The tokens of the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The internal username.
    pub username: String,
    /// ID token.
    pub id_token: IdToken,
    /// Access token.
    pub access_token: AccessToken,
    /// Refresh token, when Cognito gave one.
    pub refresh_token: Option<RefreshToken>,
    /// `clockDrift`: seconds the device clock is ahead of Cognito's (see `session::clock`).
    pub clock_drift: i64,
}

const TOKEN_KEYS: [&str; 4] = ["idToken", "accessToken", "refreshToken", "clockDrift"];

fn guest_key(identity_pool: &str) -> String {
    format!("com.amplify.Cognito.{identity_pool}.identityId")
}

fn prefix(client_id: &str) -> String {
    format!("CognitoIdentityServiceProvider.{client_id}")
}

impl Storage {
    /// The storage a configuration asks for.
    pub fn chosen(choice: StorageChoice) -> Self {
        match choice {
            StorageChoice::Local => Self::Local,
            StorageChoice::Session => Self::Session,
            StorageChoice::Memory => Self::Memory(Rc::default()),
        }
    }

    fn web(&self) -> Result<Option<web_sys::Storage>, AuthError> {
        let blocked = |_| AuthError::Storage("the browser refused access to storage".into());
        let window = web_sys::window().ok_or_else(|| AuthError::Storage("no window".into()))?;
        match self {
            Self::Local => window.local_storage().map_err(blocked),
            Self::Session => window.session_storage().map_err(blocked),
            Self::Memory(_) => Ok(None),
        }
    }

    fn get(&self, key: &str) -> Result<Option<String>, AuthError> {
        if let Self::Memory(map) = self {
            return Ok(map.borrow().get(key).cloned());
        }
        match self.web()? {
            Some(s) => s
                .get_item(key)
                .map_err(|_| AuthError::Storage(format!("cannot read {key}"))),
            None => Ok(None),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), AuthError> {
        if let Self::Memory(map) = self {
            map.borrow_mut().insert(key.to_owned(), value.to_owned());
            return Ok(());
        }
        let full = || AuthError::Storage(format!("cannot write {key} (storage full or blocked)"));
        self.web()?
            .ok_or_else(full)?
            .set_item(key, value)
            .map_err(|_| full())
    }

    fn remove(&self, key: &str) -> Result<(), AuthError> {
        if let Self::Memory(map) = self {
            map.borrow_mut().remove(key);
            return Ok(());
        }
        if let Some(s) = self.web()? {
            s.remove_item(key)
                .map_err(|_| AuthError::Storage(format!("cannot remove {key}")))?;
        }
        Ok(())
    }

    /// Saves a signed-in user's tokens and makes them the last user.
    pub fn save(&self, client_id: &str, tokens: &Stored) -> Result<(), AuthError> {
        // In this order: other tabs act on the access token's key and on LastAuthUser
        // (`session::concerns_session`), so those come once the rest is in place.
        let base = format!("{}.{}", prefix(client_id), tokens.username);
        self.set(&format!("{base}.idToken"), tokens.id_token.secret())?;
        if let Some(r) = &tokens.refresh_token {
            self.set(&format!("{base}.refreshToken"), r.secret())?;
        }
        self.set(
            &format!("{base}.clockDrift"),
            &tokens.clock_drift.to_string(),
        )?;
        self.set(&format!("{base}.accessToken"), tokens.access_token.secret())?;
        self.set(
            &format!("{}.LastAuthUser", prefix(client_id)),
            &tokens.username,
        )
    }

    /// Keeps the last user's `clockDrift` in step with a server clock read since (a response's
    /// `Date`), when it moved by more than the second a `Date` rounds away.
    pub fn keep_drift(&self, client_id: &str, drift: i64) -> Result<(), AuthError> {
        let Some(user) = self.last_user(client_id) else {
            return Ok(());
        };
        let key = format!("{}.{user}.clockDrift", prefix(client_id));
        let stored: Option<i64> = self.get(&key)?.and_then(|d| d.trim().parse().ok());
        if stored.is_none_or(|stored| (stored - drift).abs() > 2) {
            self.set(&key, &drift.to_string())?;
        }
        Ok(())
    }

    /// The last signed-in user of `client_id`, if any.
    pub fn last_user(&self, client_id: &str) -> Option<String> {
        self.get(&format!("{}.LastAuthUser", prefix(client_id)))
            .ok()
            .flatten()
    }

    /// The last user's tokens, if all are there.
    pub fn load(&self, client_id: &str) -> Result<Option<Stored>, AuthError> {
        let Some(username) = self.get(&format!("{}.LastAuthUser", prefix(client_id)))? else {
            return Ok(None);
        };
        let base = format!("{}.{username}", prefix(client_id));
        let (Some(id), Some(access)) = (
            self.get(&format!("{base}.idToken"))?,
            self.get(&format!("{base}.accessToken"))?,
        ) else {
            return Ok(None);
        };
        Ok(Some(Stored {
            username,
            id_token: IdToken::new(id),
            access_token: AccessToken::new(access),
            refresh_token: self
                .get(&format!("{base}.refreshToken"))?
                .map(RefreshToken::new),
            // Written by us or by amazon-cognito-identity-js, in its unit; unreadable means 0.
            clock_drift: self
                .get(&format!("{base}.clockDrift"))?
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0),
        }))
    }

    /// Remembers (or, with `None`, forgets) a sign-up waiting for its code, under our own key
    /// `CognitoWidget.<clientId>.pendingConfirmation` (no secret in it).
    pub fn set_pending(
        &self,
        client_id: &str,
        pending: Option<(&str, Option<&Delivery>)>,
    ) -> Result<(), AuthError> {
        let key = format!("CognitoWidget.{client_id}.pendingConfirmation");
        match pending {
            None => self.remove(&key),
            Some((username, delivery)) => {
                let value = Value::object([
                    ("username", username.into()),
                    (
                        "destination",
                        delivery.map(|d| d.destination.as_str()).into(),
                    ),
                    ("medium", delivery.map(|d| d.medium.as_str()).into()),
                ]);
                self.set(&key, &value.to_string())
            }
        }
    }

    /// The sign-up waiting for its code, if any.
    pub fn pending(
        &self,
        client_id: &str,
    ) -> Result<Option<(String, Option<Delivery>)>, AuthError> {
        let key = format!("CognitoWidget.{client_id}.pendingConfirmation");
        let Some(text) = self.get(&key)? else {
            return Ok(None);
        };
        let value = json::parse(&text).unwrap_or_default();
        let Some(username) = value["username"].as_str() else {
            return Ok(None);
        };
        let delivery = match (value["destination"].as_str(), value["medium"].as_str()) {
            (Some(destination), Some(medium)) => Some(Delivery {
                destination: destination.to_owned(),
                medium: medium.to_owned(),
            }),
            _ => None,
        };
        Ok(Some((username.to_owned(), delivery)))
    }

    /// The device this browser remembers for `username` (amazon-cognito-identity-js's
    /// `.deviceKey`, `.deviceGroupKey` and `.randomPasswordKey`).
    pub fn device(&self, client_id: &str, username: &str) -> Option<Device> {
        let base = format!("{}.{username}", prefix(client_id));
        let get = |k: &str| self.get(&format!("{base}.{k}")).ok().flatten();
        Some(Device {
            key: get("deviceKey")?,
            group: get("deviceGroupKey")?,
            password: Password::new(get("randomPasswordKey")?),
        })
    }

    /// Keeps a confirmed device for `username`; `None` forgets it. Signing out keeps it.
    pub fn set_device(
        &self,
        client_id: &str,
        username: &str,
        device: Option<&Device>,
    ) -> Result<(), AuthError> {
        let base = format!("{}.{username}", prefix(client_id));
        let values = device.map(|d| [&d.key, &d.group, d.password.secret()]);
        for (i, name) in ["deviceKey", "deviceGroupKey", "randomPasswordKey"]
            .iter()
            .enumerate()
        {
            let key = format!("{base}.{name}");
            match values {
                Some(v) => self.set(&key, v[i])?,
                None => self.remove(&key)?,
            }
        }
        Ok(())
    }

    /// The guest identity this browser holds in `identity_pool`, under Amplify's key
    /// `com.amplify.Cognito.<identityPoolId>.identityId` (only guests' ids are kept: a guest
    /// who signs in brings it along, and it is forgotten once merged).
    pub fn guest_identity(&self, identity_pool: &str) -> Option<String> {
        self.get(&guest_key(identity_pool)).ok().flatten()
    }

    /// Keeps the guest identity of `identity_pool`; `None` forgets it.
    pub fn set_guest_identity(
        &self,
        identity_pool: &str,
        id: Option<&str>,
    ) -> Result<(), AuthError> {
        let key = guest_key(identity_pool);
        match id {
            Some(id) => self.set(&key, id),
            None => self.remove(&key),
        }
    }

    /// Removes exactly our keys for the last user of `client_id`.
    pub fn clear(&self, client_id: &str) -> Result<(), AuthError> {
        let last = format!("{}.LastAuthUser", prefix(client_id));
        if let Some(username) = self.get(&last)? {
            for key in TOKEN_KEYS {
                self.remove(&format!("{}.{username}.{key}", prefix(client_id)))?;
            }
        }
        self.remove(&last)
    }
}
