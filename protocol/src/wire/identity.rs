//! The two Cognito Identity calls a browser makes, unsigned, to get temporary AWS credentials
//! for a user pool's user or a guest: `GetId` (the identity of a login, or a new guest
//! identity) and `GetCredentialsForIdentity` (the enhanced flow). Same JSON wire as the user
//! pool's API, with the `AWSCognitoIdentityService.` target prefix.

use core::fmt;

use super::error::CognitoError;
use super::request::Request;
use super::response::FromBody;
use crate::json::{Map, Value};
use crate::{AwsSecret, IdToken};

/// A login an identity pool accepts: the user pool's provider name
/// (`cognito-idp.<region>.amazonaws.com/<userPoolId>`) and one of its ID tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    /// The `Logins` key.
    pub provider: String,
    /// The ID token.
    pub id_token: IdToken,
}

/// A call to Cognito Identity.
#[derive(Clone, PartialEq, Eq)]
pub enum IdentityCall {
    /// `GetId`: the identity of `login` in the pool, or a new guest identity without one.
    GetId {
        identity_pool_id: String,
        login: Option<Login>,
    },
    /// `GetCredentialsForIdentity`: credentials for `identity_id`, with the login it belongs
    /// to (none for a guest). A guest identity with a login is merged into the login's.
    GetCredentialsForIdentity {
        identity_id: String,
        login: Option<Login>,
    },
}

/// The provider name of a user pool in an identity pool's `Logins`.
pub fn provider_name(user_pool_id: &str) -> String {
    let region = user_pool_id.split('_').next().unwrap_or_default();
    format!("cognito-idp.{region}.amazonaws.com/{user_pool_id}")
}

fn logins(login: &Option<Login>) -> Value {
    let mut map = Map::new();
    if let Some(login) = login {
        map.insert(
            login.provider.clone(),
            login.id_token.secret().as_str().into(),
        );
    }
    Value::Object(map)
}

impl IdentityCall {
    /// The request for this call.
    pub fn request(&self) -> Request {
        let (target, id_member, id, login) = match self {
            Self::GetId {
                identity_pool_id,
                login,
            } => (
                "AWSCognitoIdentityService.GetId",
                "IdentityPoolId",
                identity_pool_id,
                login,
            ),
            Self::GetCredentialsForIdentity { identity_id, login } => (
                "AWSCognitoIdentityService.GetCredentialsForIdentity",
                "IdentityId",
                identity_id,
                login,
            ),
        };
        let mut body = Map::new();
        body.insert(id_member.into(), id.as_str().into());
        if login.is_some() {
            body.insert("Logins".into(), logins(login));
        }
        Request {
            target,
            body: Value::Object(body),
        }
    }
}

impl fmt::Debug for IdentityCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The request as sent, with the ID token (the `Logins` value) blanked.
        let mut shown = self.clone();
        if let Self::GetId {
            login: Some(login), ..
        }
        | Self::GetCredentialsForIdentity {
            login: Some(login), ..
        } = &mut shown
        {
            login.id_token = IdToken::new("[redacted]");
        }
        let request = shown.request();
        write!(f, "IdentityCall({} {})", request.target, request.body)
    }
}

/// `GetId`'s answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityId(pub String);

impl FromBody for IdentityId {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        text(body, "IdentityId").map(Self)
    }
}

/// `GetCredentialsForIdentity`'s answer: temporary AWS credentials and the identity they are
/// for (a guest identity merged into a login's comes back as the login's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    /// `IdentityId`.
    pub identity_id: String,
    /// `Credentials.AccessKeyId` (`ASIA…`).
    pub access_key_id: String,
    /// `Credentials.SecretKey`.
    pub secret_key: AwsSecret,
    /// `Credentials.SessionToken`.
    pub session_token: AwsSecret,
    /// `Credentials.Expiration`, Unix seconds (its fraction dropped).
    pub expiration: i64,
}

impl FromBody for AwsCredentials {
    fn from_body(body: &Value) -> Result<Self, CognitoError> {
        let credentials = body
            .get("Credentials")
            .ok_or_else(|| missing("Credentials"))?;
        Ok(Self {
            identity_id: text(body, "IdentityId")?,
            access_key_id: text(credentials, "AccessKeyId")?,
            secret_key: AwsSecret::new(text(credentials, "SecretKey")?),
            session_token: AwsSecret::new(text(credentials, "SessionToken")?),
            expiration: credentials
                .get("Expiration")
                .and_then(Value::as_whole)
                .ok_or_else(|| missing("Credentials.Expiration"))?,
        })
    }
}

fn missing(member: &str) -> CognitoError {
    CognitoError::malformed(format!("Cognito Identity response without {member}"))
}

fn text(body: &Value, member: &str) -> Result<String, CognitoError> {
    body.get(member)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| missing(member))
}
