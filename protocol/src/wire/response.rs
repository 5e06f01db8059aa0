//! Typed success bodies of the calls in [`super::Call`], read leniently: unknown members are
//! ignored, missing required ones are a [`ErrorKind::MalformedResponse`](super::ErrorKind).

use crate::json::{Map, Value};

use super::error::{parse_response, CognitoError};
use crate::secret::{AccessToken, IdToken, RefreshToken};

/// A success body that can be read from the JSON Cognito returned.
pub trait FromBody: Sized {
    /// Reads the body `parse_response` accepted.
    fn from_body(body: &Value) -> Result<Self, CognitoError>;
}

/// `(status, body)` → the typed answer, or the error Cognito (or something else) returned.
pub fn parse<T: FromBody>(status: u16, body: &str) -> Result<T, CognitoError> {
    T::from_body(&parse_response(status, body)?)
}

/// `SignUp`'s answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpResponse {
    /// False until the user confirms (unless the pool auto-confirms).
    pub user_confirmed: bool,
    /// The new user's `sub`.
    pub user_sub: String,
    /// Where the confirmation code went, if one was sent.
    pub code_delivery: Option<CodeDelivery>,
}

/// `CodeDeliveryDetails`: where a code was sent. The answer of `ResendConfirmationCode` and
/// `ForgotPassword` is `Option<CodeDelivery>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    /// `Destination`, masked by Cognito (`b***@g***`, `+*********4516`).
    pub destination: String,
    /// `DeliveryMedium`: `EMAIL` or `SMS`.
    pub medium: String,
    /// `AttributeName`: `email` or `phone_number`.
    pub attribute: String,
}

/// `InitiateAuth` / `RespondToAuthChallenge`: another challenge, or the tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthResponse {
    /// `ChallengeName`, `Session` (absent for `PASSWORD_VERIFIER`), `ChallengeParameters`.
    Challenge {
        name: String,
        session: Option<String>,
        parameters: Map<String>,
    },
    /// `AuthenticationResult`: signed in.
    Tokens(AuthTokens),
}

/// `AuthenticationResult`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthTokens {
    /// `IdToken`.
    pub id_token: IdToken,
    /// `AccessToken`.
    pub access_token: AccessToken,
    /// `RefreshToken`; `REFRESH_TOKEN_AUTH` returns none, the old one stays valid.
    pub refresh_token: Option<RefreshToken>,
    /// `ExpiresIn`: seconds the access token lives.
    pub expires_in: u64,
    /// `TokenType`, `Bearer`.
    pub token_type: String,
    /// `NewDeviceMetadata`: `(DeviceKey, DeviceGroupKey)` of a device the pool will track once
    /// confirmed.
    pub new_device: Option<(String, String)>,
}

/// `AssociateSoftwareToken` and `VerifySoftwareToken`: the secret (the first only) and the
/// next `Session` (sign-in only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftwareTokenResponse {
    /// `SecretCode`, base32 (empty from VerifySoftwareToken).
    pub secret_code: String,
    /// `Session`, when the call was made with one.
    pub session: Option<String>,
}

/// `GetUser`'s answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUserResponse {
    /// `UserMFASettingList` and `PreferredMfaSetting`.
    pub mfa: crate::mfa::UserMfa,
    /// `Username`: the internal username (the `sub` in e-mail-as-username pools).
    pub username: String,
    /// `UserAttributes` as `(name, value)`, in Cognito's order; values are strings
    /// (`email_verified` is `"true"`).
    pub attributes: Vec<(String, String)>,
}

impl FromBody for SignUpResponse {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        Ok(Self {
            user_confirmed: body
                .get("UserConfirmed")
                .and_then(Value::as_bool)
                .ok_or_else(|| missing("SignUp", "UserConfirmed"))?,
            user_sub: text(body, "SignUp", "UserSub")?,
            code_delivery: code_delivery(body),
        })
    }
}

impl FromBody for Option<CodeDelivery> {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        Ok(code_delivery(body))
    }
}

impl FromBody for AuthResponse {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        const OP: &str = "InitiateAuth/RespondToAuthChallenge";
        if let Some(result) = body.get("AuthenticationResult").filter(|r| !r.is_null()) {
            return Ok(Self::Tokens(AuthTokens {
                id_token: IdToken::new(text(result, OP, "IdToken")?),
                access_token: AccessToken::new(text(result, OP, "AccessToken")?),
                refresh_token: optional_text(result, "RefreshToken").map(RefreshToken::new),
                expires_in: result
                    .get("ExpiresIn")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| missing(OP, "ExpiresIn"))?,
                token_type: optional_text(result, "TokenType")
                    .unwrap_or_else(|| "Bearer".to_owned()),
                new_device: result.get("NewDeviceMetadata").and_then(|d| {
                    Some((
                        optional_text(d, "DeviceKey")?,
                        optional_text(d, "DeviceGroupKey")?,
                    ))
                }),
            }));
        }
        let name = optional_text(body, "ChallengeName")
            .ok_or_else(|| missing(OP, "AuthenticationResult or ChallengeName"))?;
        let mut parameters = Map::new();
        if let Some(map) = body.get("ChallengeParameters").and_then(Value::as_object) {
            for (key, value) in map.iter() {
                parameters.insert(key.clone(), as_text(value));
            }
        }
        Ok(Self::Challenge {
            name,
            session: optional_text(body, "Session"),
            parameters,
        })
    }
}

impl FromBody for GetUserResponse {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        let attributes = body
            .get("UserAttributes")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|attribute| {
                let name = optional_text(attribute, "Name")?;
                Some((name, optional_text(attribute, "Value").unwrap_or_default()))
            })
            .collect();
        let factor = |v: &Value| v.as_str().and_then(crate::mfa::MfaFactor::parse);
        let enabled = body
            .get("UserMFASettingList")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(Self {
            mfa: crate::mfa::UserMfa {
                enabled: enabled.iter().filter_map(factor).collect(),
                preferred: body.get("PreferredMfaSetting").and_then(factor),
            },
            username: text(body, "GetUser", "Username")?,
            attributes,
        })
    }
}

/// One of the user's devices, as `ListDevices` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// `DeviceKey`.
    pub key: String,
    /// The `device_name` attribute (the browser's user agent when the widget confirmed it).
    pub name: String,
    /// `DeviceLastAuthenticatedDate`, Unix seconds.
    pub last_used: Option<i64>,
    /// `dev:device_remembered_status` is `remembered`.
    pub remembered: bool,
}

/// `ListDevices`' answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceList(pub Vec<DeviceInfo>);

/// `UpdateUserAttributes`' answer: where the codes for a changed e-mail or phone number went
/// (`CodeDeliveryDetailsList`, empty when none was sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDeliveryList(pub Vec<CodeDelivery>);

impl FromBody for CodeDeliveryList {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        let list = body
            .get("CodeDeliveryDetailsList")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(Self(list.iter().filter_map(delivery_of).collect()))
    }
}

impl FromBody for DeviceList {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        let devices = body.get("Devices").and_then(Value::as_array);
        let device = |d: &Value| {
            let attribute = |name: &str| {
                let attributes = d.get("DeviceAttributes").and_then(Value::as_array)?;
                let found = attributes
                    .iter()
                    .find(|a| a.get("Name").and_then(Value::as_str) == Some(name))?;
                found
                    .get("Value")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            DeviceInfo {
                key: optional_text(d, "DeviceKey").unwrap_or_default(),
                name: attribute("device_name").unwrap_or_default(),
                last_used: d
                    .get("DeviceLastAuthenticatedDate")
                    .and_then(Value::as_whole),
                remembered: attribute("dev:device_remembered_status").as_deref()
                    == Some("remembered"),
            }
        };
        Ok(Self(
            devices.map_or(Vec::new(), |d| d.iter().map(device).collect()),
        ))
    }
}

/// For operations whose output is `{}` (or nothing): any success will do.
/// `ConfirmDevice`'s answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmDeviceResponse {
    /// `UserConfirmationNecessary`: the pool remembers the device only if the user says so.
    pub user_confirmation_necessary: bool,
}

impl FromBody for ConfirmDeviceResponse {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        Ok(Self {
            user_confirmation_necessary: body
                .get("UserConfirmationNecessary")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }
}

impl FromBody for SoftwareTokenResponse {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        Ok(Self {
            secret_code: optional_text(body, "SecretCode").unwrap_or_default(),
            session: optional_text(body, "Session"),
        })
    }
}

impl FromBody for () {
    fn from_body(_: &Value) -> Result<Self, CognitoError> {
        Ok(())
    }
}

fn code_delivery(body: &Value) -> Option<CodeDelivery> {
    delivery_of(body.get("CodeDeliveryDetails")?)
}

fn delivery_of(details: &Value) -> Option<CodeDelivery> {
    let details = details.as_object()?;
    let member = |key: &str| details.get(key).map(as_text).unwrap_or_default();
    Some(CodeDelivery {
        destination: member("Destination"),
        medium: member("DeliveryMedium"),
        attribute: member("AttributeName"),
    })
}

fn missing(op: &str, member: &str) -> CognitoError {
    CognitoError::malformed(format!("{op} response without {member}"))
}

fn text(body: &Value, op: &str, member: &str) -> Result<String, CognitoError> {
    optional_text(body, member).ok_or_else(|| missing(op, member))
}

fn optional_text(body: &Value, member: &str) -> Option<String> {
    body.get(member).and_then(Value::as_str).map(str::to_owned)
}

/// A string member as is; anything else as its JSON text, since the model says strings only.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
