//! The widget's configuration: which pool and client, where Cognito is, and how to sign in.
//! Read from an amplify_outputs.json `auth` section plus the options those files lack.

use cognito_protocol::password_policy::PasswordPolicy;
use cognito_protocol::UserPoolId;
use serde::Deserialize;

use crate::error::AuthError;

/// How the password is proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthFlow {
    /// USER_SRP_AUTH: the password never leaves the page.
    #[default]
    Srp,
    /// USER_PASSWORD_AUTH, for clients that only allow it.
    Password,
}

/// A usable configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Cognito's endpoint, ending in `/`.
    pub endpoint: String,
    /// The user pool.
    pub pool: UserPoolId,
    /// The app client (public: browsers cannot keep a secret).
    pub client_id: String,
    /// The pool's password rules, for the live checklist.
    pub password_policy: PasswordPolicy,
    /// Standard attributes sign-up must ask for.
    pub required_attributes: Vec<String>,
    /// `email`, `phone_number` or `username`: what users sign in with.
    pub username_attributes: Vec<String>,
    /// SRP (default) or password.
    pub flow: AuthFlow,
}

#[derive(Deserialize)]
struct Outputs {
    auth: AuthSection,
}

#[derive(Deserialize)]
struct AuthSection {
    user_pool_id: String,
    user_pool_client_id: String,
    aws_region: Option<String>,
    password_policy: Option<PolicySection>,
    #[serde(default)]
    standard_required_attributes: Vec<String>,
    #[serde(default)]
    username_attributes: Vec<String>,
}

#[derive(Deserialize)]
struct PolicySection {
    min_length: Option<u32>,
    require_lowercase: Option<bool>,
    require_uppercase: Option<bool>,
    require_numbers: Option<bool>,
    require_symbols: Option<bool>,
}

impl Config {
    /// From amplify_outputs.json text; `endpoint` overrides Cognito's regional endpoint.
    pub fn from_amplify_outputs(json: &str, endpoint: Option<&str>) -> Result<Self, AuthError> {
        let bad = |why: String| AuthError::Config(why);
        let outputs: Outputs =
            serde_json::from_str(json).map_err(|e| bad(format!("amplify_outputs.json: {e}")))?;
        let auth = outputs.auth;
        let pool = UserPoolId::parse(&auth.user_pool_id)
            .map_err(|e| bad(format!("auth.user_pool_id: {e}")))?;
        if let Some(region) = &auth.aws_region {
            if region != pool.region() {
                return Err(bad(format!(
                    "auth.aws_region is {region} but the pool {} is in {}",
                    pool.as_str(),
                    pool.region()
                )));
            }
        }
        if auth.user_pool_client_id.is_empty() {
            return Err(bad("auth.user_pool_client_id is empty".into()));
        }
        let endpoint = match endpoint {
            Some(e) if e.ends_with('/') => e.to_owned(),
            Some(e) => format!("{e}/"),
            None => format!("https://cognito-idp.{}.amazonaws.com/", pool.region()),
        };
        let defaults = PasswordPolicy::default();
        let password_policy = match auth.password_policy {
            Some(p) => PasswordPolicy {
                minimum_length: p.min_length.unwrap_or(defaults.minimum_length),
                require_lowercase: p.require_lowercase.unwrap_or(false),
                require_uppercase: p.require_uppercase.unwrap_or(false),
                require_numbers: p.require_numbers.unwrap_or(false),
                require_symbols: p.require_symbols.unwrap_or(false),
                ..defaults
            },
            None => defaults,
        };
        Ok(Self {
            endpoint,
            pool,
            client_id: auth.user_pool_client_id,
            password_policy,
            required_attributes: auth.standard_required_attributes,
            username_attributes: auth.username_attributes,
            flow: AuthFlow::Srp,
        })
    }
}
