//! The public operations the widget calls, each turned into its [`Request`].

use core::fmt;

use crate::json::{Map, Value};

use super::body::{initiate, parameters, request, respond, token_request, user_body};
use super::challenge::{NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER};
use super::request::{target, Request};
use crate::mfa::MfaFactor;
use crate::secret::{AccessToken, ClientSecret, Password, RefreshToken};
use crate::srp::PasswordClaim;

/// One unsigned user-pool call. `secret_hash` is [`crate::secret_hash::secret_hash`]'s output,
/// needed only when the app client has a secret; `None` leaves the member out.
///
/// `Debug` shows the [`Request`] it builds, secrets redacted.
#[derive(Clone, PartialEq, Eq)]
pub enum Call {
    /// `SignUp`; `user_attributes` are `(name, value)` pairs such as `("email", "a@b.c")`.
    SignUp {
        client_id: String,
        username: String,
        password: Password,
        user_attributes: Vec<(String, String)>,
        secret_hash: Option<String>,
    },
    /// `ConfirmSignUp` with the code the user received.
    ConfirmSignUp {
        client_id: String,
        username: String,
        code: String,
        secret_hash: Option<String>,
    },
    /// `ResendConfirmationCode`.
    ResendConfirmationCode {
        client_id: String,
        username: String,
        secret_hash: Option<String>,
    },
    /// `InitiateAuth` with `USER_SRP_AUTH`; `srp_a` is [`crate::srp::SrpClient::srp_a`].
    InitiateSrp {
        client_id: String,
        username: String,
        srp_a: String,
        secret_hash: Option<String>,
    },
    /// `InitiateAuth` with `USER_PASSWORD_AUTH` (the password travels, inside TLS).
    InitiatePassword {
        client_id: String,
        username: String,
        password: Password,
        secret_hash: Option<String>,
    },
    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`; a secret hash here is keyed by the internal
    /// username (the `sub` in e-mail-as-username pools), not the login name.
    InitiateRefresh {
        client_id: String,
        refresh_token: RefreshToken,
        secret_hash: Option<String>,
    },
    /// `RespondToAuthChallenge` answering `PASSWORD_VERIFIER`. Cognito issues that challenge
    /// without a `Session`, so one is sent only if the challenge had it.
    RespondPasswordVerifier {
        client_id: String,
        session: Option<String>,
        claim: PasswordClaim,
        secret_hash: Option<String>,
        /// The remembered device's key, when this browser has one for the user.
        device_key: Option<String>,
    },
    /// `RespondToAuthChallenge` for any other challenge: `ChallengeName`, `Session` and the
    /// answers (`USERNAME` among them).
    Respond {
        client_id: String,
        challenge: String,
        session: Option<String>,
        answers: Vec<(String, String)>,
    },
    /// `AssociateSoftwareToken`: a new authenticator secret, for a signed-in user or a sign-in
    /// at `MFA_SETUP`.
    AssociateSoftwareToken { by: TokenOrSession },
    /// `VerifySoftwareToken` with the app's first code.
    VerifySoftwareToken {
        by: TokenOrSession,
        code: String,
        device_name: String,
    },
    /// `SetUserMFAPreference`: per factor, `(factor, enabled, preferred)`; factors not listed
    /// are left as they are.
    SetUserMfaPreference {
        access_token: AccessToken,
        settings: Vec<(MfaFactor, bool, bool)>,
    },
    /// `ConfirmDevice` with the device's verifier (see `srp::device_secret`).
    ConfirmDevice {
        access_token: AccessToken,
        device_key: String,
        verifier: String,
        salt: String,
        name: String,
    },
    /// `UpdateDeviceStatus`: remembered or not.
    UpdateDeviceStatus {
        access_token: AccessToken,
        device_key: String,
        remembered: bool,
    },
    /// `ForgetDevice`.
    ForgetDevice {
        access_token: AccessToken,
        device_key: String,
    },
    /// `RespondToAuthChallenge` answering `NEW_PASSWORD_REQUIRED`; `attributes` are bare names
    /// (`given_name`), sent as `userAttributes.<name>`.
    RespondNewPassword {
        client_id: String,
        session: String,
        username: String,
        new_password: Password,
        attributes: Vec<(String, String)>,
        secret_hash: Option<String>,
    },
    /// `ForgotPassword`: asks for a reset code.
    ForgotPassword {
        client_id: String,
        username: String,
        secret_hash: Option<String>,
    },
    /// `ConfirmForgotPassword`: the reset code and the new password.
    ConfirmForgotPassword {
        client_id: String,
        username: String,
        code: String,
        password: Password,
        secret_hash: Option<String>,
    },
    /// `GetUser`: the signed-in user's name and readable attributes.
    GetUser { access_token: AccessToken },
    /// `GlobalSignOut`: revokes every refresh token of the user.
    GlobalSignOut { access_token: AccessToken },
    /// `ChangePassword`: the signed-in user's current password and the new one.
    ChangePassword {
        access_token: AccessToken,
        previous: Password,
        proposed: Password,
    },
    /// `UpdateUserAttributes`: the signed-in user's changed attributes (an empty value
    /// deletes one); a changed e-mail or phone number gets a code.
    UpdateUserAttributes {
        access_token: AccessToken,
        attributes: Vec<(String, String)>,
    },
    /// `GetUserAttributeVerificationCode`: a (new) code for `email` or `phone_number`.
    GetUserAttributeVerificationCode {
        access_token: AccessToken,
        attribute: String,
    },
    /// `VerifyUserAttribute`: the code that verifies `email` or `phone_number`.
    VerifyUserAttribute {
        access_token: AccessToken,
        attribute: String,
        code: String,
    },
    /// `ListDevices`: the signed-in user's tracked devices (up to 60, Cognito's most).
    ListDevices { access_token: AccessToken },
    /// `DeleteUser`: the signed-in user deletes their own account.
    DeleteUser { access_token: AccessToken },
    /// `RevokeToken`: revokes one refresh token and the access tokens issued from it.
    RevokeToken {
        client_id: String,
        token: RefreshToken,
        client_secret: Option<ClientSecret>,
    },
    /// `GetTokensFromRefreshToken`: new ID and access tokens, and a new refresh token when the
    /// client rotates them (then the old one dies after the client's grace period). Works with
    /// rotation off too, unlike `REFRESH_TOKEN_AUTH`, which rotating clients refuse.
    GetTokensFromRefreshToken {
        client_id: String,
        refresh_token: RefreshToken,
        client_secret: Option<ClientSecret>,
        /// The remembered device (Cognito refuses a tracked device's refresh without it).
        device_key: Option<String>,
    },
}

/// Who a software-token call is for: a signed-in user, or a sign-in's `MFA_SETUP` session.
#[derive(Clone, PartialEq, Eq)]
pub enum TokenOrSession {
    /// `AccessToken`.
    Token(AccessToken),
    /// `Session`.
    Session(String),
}

impl TokenOrSession {
    fn body(&self) -> Map {
        let mut body = Map::new();
        match self {
            Self::Token(t) => body.insert("AccessToken".into(), t.secret().as_str().into()),
            Self::Session(s) => body.insert("Session".into(), s.as_str().into()),
        }
        body
    }
}

/// `{"AccessToken", "DeviceKey"}`.
fn device_body(access_token: &AccessToken, device_key: &str) -> Map {
    let mut body = Map::new();
    body.insert("AccessToken".into(), access_token.secret().as_str().into());
    body.insert("DeviceKey".into(), device_key.into());
    body
}

/// `{"ClientId", <name>: token, "ClientSecret"?}`: the body of the refresh-token operations.
fn refresh_token_body(
    client_id: &str,
    name: &str,
    token: &RefreshToken,
    client_secret: &Option<ClientSecret>,
) -> Map {
    let mut body = Map::new();
    body.insert("ClientId".into(), client_id.into());
    body.insert(name.into(), token.secret().as_str().into());
    if let Some(secret) = client_secret {
        body.insert("ClientSecret".into(), secret.secret().as_str().into());
    }
    body
}

/// `[{"Name", "Value"}, …]`, as SignUp and UpdateUserAttributes take attributes.
fn attribute_list(attributes: &[(String, String)]) -> Value {
    let list = attributes
        .iter()
        .map(|(name, value)| Value::object([("Name", name.into()), ("Value", value.into())]))
        .collect();
    Value::Array(list)
}

impl Call {
    /// The request for this call.
    pub fn request(&self) -> Request {
        match self {
            Self::SignUp {
                client_id,
                username,
                password,
                user_attributes,
                secret_hash,
            } => {
                let mut body = user_body(client_id, username, secret_hash);
                body.insert("Password".into(), password.secret().as_str().into());
                if !user_attributes.is_empty() {
                    body.insert("UserAttributes".into(), attribute_list(user_attributes));
                }
                request(target!("SignUp"), body)
            }
            Self::ConfirmSignUp {
                client_id,
                username,
                code,
                secret_hash,
            } => {
                let mut body = user_body(client_id, username, secret_hash);
                body.insert("ConfirmationCode".into(), code.as_str().into());
                request(target!("ConfirmSignUp"), body)
            }
            Self::ResendConfirmationCode {
                client_id,
                username,
                secret_hash,
            } => request(
                target!("ResendConfirmationCode"),
                user_body(client_id, username, secret_hash),
            ),
            Self::InitiateSrp {
                client_id,
                username,
                srp_a,
                secret_hash,
            } => {
                let params = parameters([("USERNAME", username), ("SRP_A", srp_a)], secret_hash);
                initiate(client_id, "USER_SRP_AUTH", params)
            }
            Self::InitiatePassword {
                client_id,
                username,
                password,
                secret_hash,
            } => {
                let params = parameters(
                    [("USERNAME", username), ("PASSWORD", password.secret())],
                    secret_hash,
                );
                initiate(client_id, "USER_PASSWORD_AUTH", params)
            }
            Self::InitiateRefresh {
                client_id,
                refresh_token,
                secret_hash,
            } => {
                let params = parameters([("REFRESH_TOKEN", refresh_token.secret())], secret_hash);
                initiate(client_id, "REFRESH_TOKEN_AUTH", params)
            }
            Self::RespondPasswordVerifier {
                client_id,
                session,
                claim,
                secret_hash,
                device_key,
            } => {
                let mut answers = parameters(
                    [
                        ("USERNAME", &claim.username),
                        ("PASSWORD_CLAIM_SECRET_BLOCK", &claim.secret_block),
                        ("PASSWORD_CLAIM_SIGNATURE", &claim.signature),
                        ("TIMESTAMP", &claim.timestamp),
                    ],
                    secret_hash,
                );
                if let Some(key) = device_key {
                    answers.insert("DEVICE_KEY".into(), key.as_str().into());
                }
                respond(client_id, PASSWORD_VERIFIER, session.as_deref(), answers)
            }
            Self::Respond {
                client_id,
                challenge,
                session,
                answers,
            } => {
                let answers = answers
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect();
                respond(client_id, challenge, session.as_deref(), answers)
            }
            Self::AssociateSoftwareToken { by } => {
                request(target!("AssociateSoftwareToken"), by.body())
            }
            Self::VerifySoftwareToken {
                by,
                code,
                device_name,
            } => {
                let mut body = by.body();
                body.insert("UserCode".into(), code.as_str().into());
                body.insert("FriendlyDeviceName".into(), device_name.as_str().into());
                request(target!("VerifySoftwareToken"), body)
            }
            Self::SetUserMfaPreference {
                access_token,
                settings,
            } => {
                let mut body = Map::new();
                body.insert("AccessToken".into(), access_token.secret().as_str().into());
                for (factor, enabled, preferred) in settings {
                    let member = match factor {
                        MfaFactor::SoftwareToken => "SoftwareTokenMfaSettings",
                        MfaFactor::Sms => "SMSMfaSettings",
                        MfaFactor::Email => "EmailMfaSettings",
                    };
                    let block = Value::object([
                        ("Enabled", Value::Bool(*enabled)),
                        ("PreferredMfa", Value::Bool(*preferred)),
                    ]);
                    body.insert(member.into(), block);
                }
                request(target!("SetUserMFAPreference"), body)
            }
            Self::ConfirmDevice {
                access_token,
                device_key,
                verifier,
                salt,
                name,
            } => {
                let mut body = device_body(access_token, device_key);
                let config = Value::object([
                    ("PasswordVerifier", verifier.as_str().into()),
                    ("Salt", salt.as_str().into()),
                ]);
                body.insert("DeviceSecretVerifierConfig".into(), config);
                body.insert("DeviceName".into(), name.as_str().into());
                request(target!("ConfirmDevice"), body)
            }
            Self::UpdateDeviceStatus {
                access_token,
                device_key,
                remembered,
            } => {
                let mut body = device_body(access_token, device_key);
                let status = if *remembered {
                    "remembered"
                } else {
                    "not_remembered"
                };
                body.insert("DeviceRememberedStatus".into(), status.into());
                request(target!("UpdateDeviceStatus"), body)
            }
            Self::ForgetDevice {
                access_token,
                device_key,
            } => request(
                target!("ForgetDevice"),
                device_body(access_token, device_key),
            ),
            Self::RespondNewPassword {
                client_id,
                session,
                username,
                new_password,
                attributes,
                secret_hash,
            } => {
                let mut answers = parameters(
                    [
                        ("USERNAME", username),
                        ("NEW_PASSWORD", new_password.secret()),
                    ],
                    secret_hash,
                );
                for (name, value) in attributes {
                    answers.insert(format!("userAttributes.{name}"), value.as_str().into());
                }
                respond(
                    client_id,
                    NEW_PASSWORD_REQUIRED,
                    Some(session.as_str()),
                    answers,
                )
            }
            Self::ForgotPassword {
                client_id,
                username,
                secret_hash,
            } => request(
                target!("ForgotPassword"),
                user_body(client_id, username, secret_hash),
            ),
            Self::ConfirmForgotPassword {
                client_id,
                username,
                code,
                password,
                secret_hash,
            } => {
                let mut body = user_body(client_id, username, secret_hash);
                body.insert("ConfirmationCode".into(), code.as_str().into());
                body.insert("Password".into(), password.secret().as_str().into());
                request(target!("ConfirmForgotPassword"), body)
            }
            Self::GetUser { access_token } => token_request(target!("GetUser"), access_token),
            Self::GlobalSignOut { access_token } => {
                token_request(target!("GlobalSignOut"), access_token)
            }
            Self::ChangePassword {
                access_token,
                previous,
                proposed,
            } => {
                let mut change = token_request(target!("ChangePassword"), access_token);
                if let Value::Object(body) = &mut change.body {
                    body.insert("PreviousPassword".into(), previous.secret().as_str().into());
                    body.insert("ProposedPassword".into(), proposed.secret().as_str().into());
                }
                change
            }
            Self::DeleteUser { access_token } => token_request(target!("DeleteUser"), access_token),
            Self::UpdateUserAttributes {
                access_token,
                attributes,
            } => {
                let mut update = token_request(target!("UpdateUserAttributes"), access_token);
                if let Value::Object(body) = &mut update.body {
                    body.insert("UserAttributes".into(), attribute_list(attributes));
                }
                update
            }
            Self::GetUserAttributeVerificationCode {
                access_token,
                attribute,
            } => {
                let mut ask =
                    token_request(target!("GetUserAttributeVerificationCode"), access_token);
                if let Value::Object(body) = &mut ask.body {
                    body.insert("AttributeName".into(), attribute.as_str().into());
                }
                ask
            }
            Self::VerifyUserAttribute {
                access_token,
                attribute,
                code,
            } => {
                let mut verify = token_request(target!("VerifyUserAttribute"), access_token);
                if let Value::Object(body) = &mut verify.body {
                    body.insert("AttributeName".into(), attribute.as_str().into());
                    body.insert("Code".into(), code.as_str().into());
                }
                verify
            }
            Self::ListDevices { access_token } => {
                let mut list = token_request(target!("ListDevices"), access_token);
                if let Value::Object(body) = &mut list.body {
                    body.insert("Limit".into(), Value::from(60u32));
                }
                list
            }
            Self::RevokeToken {
                client_id,
                token,
                client_secret,
            } => request(
                target!("RevokeToken"),
                refresh_token_body(client_id, "Token", token, client_secret),
            ),
            Self::GetTokensFromRefreshToken {
                client_id,
                refresh_token,
                client_secret,
                device_key,
            } => {
                let mut body =
                    refresh_token_body(client_id, "RefreshToken", refresh_token, client_secret);
                if let Some(key) = device_key {
                    body.insert("DeviceKey".into(), key.as_str().into());
                }
                request(target!("GetTokensFromRefreshToken"), body)
            }
        }
    }
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Call").field(&self.request()).finish()
    }
}
