//! The widget's configuration file: an amplify_outputs.json `auth` section plus what such files
//! lack (endpoint, custom attributes to ask for, auth flow, storage, language). The emulator
//! writes it for each client (`GET /_emulator/pools`); the widget reads it. One shape, here.

use serde::{Deserialize, Serialize};

use crate::password_policy::PasswordPolicy;
use crate::pool::{AttributeSchema, ClientConfig, PoolConfig};

/// `{"endpoint", "amplify_outputs": {"version", "auth": {…}}, "custom_attributes", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetConfig {
    /// Where to send requests instead of `https://cognito-idp.<region>.amazonaws.com/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// The amplify_outputs.json document (only `auth` is read).
    pub amplify_outputs: AmplifyOutputs,
    /// `custom:` attributes sign-up asks for, with their constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_attributes: Vec<AttributeSchema>,
    /// `USER_SRP_AUTH` (default) or `USER_PASSWORD_AUTH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_flow: Option<String>,
    /// `local` (default), `session` or `memory`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// A language tag, e.g. `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The part of amplify_outputs.json the widget reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmplifyOutputs {
    /// Schema version (`1.4` when we write it).
    #[serde(default)]
    pub version: String,
    /// The `auth` section.
    pub auth: AuthOutputs,
}

/// amplify_outputs.json `auth`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthOutputs {
    /// The pool's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_region: Option<String>,
    /// `<region>_<name>`.
    pub user_pool_id: String,
    /// The (public) app client.
    pub user_pool_client_id: String,
    /// The pool's password rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_policy: Option<PolicyOutputs>,
    /// Standard attributes sign-up must ask for.
    #[serde(default)]
    pub standard_required_attributes: Vec<String>,
    /// `email`, `phone_number` or `username`.
    #[serde(default)]
    pub username_attributes: Vec<String>,
    /// Where codes go: `email`, `phone_number`.
    #[serde(default)]
    pub user_verification_types: Vec<String>,
}

/// amplify_outputs.json `auth.password_policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyOutputs {
    /// Minimum length.
    pub min_length: Option<u32>,
    /// Needs a lower-case letter.
    pub require_lowercase: Option<bool>,
    /// Needs an upper-case letter.
    pub require_uppercase: Option<bool>,
    /// Needs a digit.
    pub require_numbers: Option<bool>,
    /// Needs a symbol.
    pub require_symbols: Option<bool>,
}

impl PolicyOutputs {
    /// As a [`PasswordPolicy`]; absent rules are off, an absent length is Cognito's default.
    pub fn policy(&self) -> PasswordPolicy {
        let defaults = PasswordPolicy::default();
        PasswordPolicy {
            minimum_length: self.min_length.unwrap_or(defaults.minimum_length),
            require_lowercase: self.require_lowercase.unwrap_or(false),
            require_uppercase: self.require_uppercase.unwrap_or(false),
            require_numbers: self.require_numbers.unwrap_or(false),
            require_symbols: self.require_symbols.unwrap_or(false),
            ..defaults
        }
    }
}

impl WidgetConfig {
    /// The configuration a browser needs for `client` of `pool`, served from `endpoint`.
    pub fn for_client(pool: &PoolConfig, client: &ClientConfig, endpoint: Option<String>) -> Self {
        let p = &pool.password_policy;
        let writable = |name: &str| {
            client
                .write_attributes
                .as_ref()
                .is_none_or(|list| list.iter().any(|a| a == name))
        };
        let username_attributes = if pool.username_attributes.is_empty() {
            vec!["username".to_owned()]
        } else {
            pool.username_attributes
                .iter()
                .map(|a| a.name().to_owned())
                .collect()
        };
        let flows = client.auth_flows;
        Self {
            endpoint,
            amplify_outputs: AmplifyOutputs {
                version: "1.4".into(),
                auth: AuthOutputs {
                    aws_region: pool.id.split('_').next().map(str::to_owned),
                    user_pool_id: pool.id.clone(),
                    user_pool_client_id: client.id.clone(),
                    password_policy: Some(PolicyOutputs {
                        min_length: Some(p.minimum_length),
                        require_lowercase: Some(p.require_lowercase),
                        require_uppercase: Some(p.require_uppercase),
                        require_numbers: Some(p.require_numbers),
                        require_symbols: Some(p.require_symbols),
                    }),
                    standard_required_attributes: pool
                        .schema
                        .iter()
                        .filter(|a| a.required && a.name != "sub" && !a.name.contains(':'))
                        .map(|a| a.name.clone())
                        .collect(),
                    username_attributes,
                    user_verification_types: pool
                        .auto_verified_attributes
                        .iter()
                        .map(|a| a.name().to_owned())
                        .collect(),
                },
            },
            custom_attributes: pool
                .schema
                .iter()
                .filter(|a| a.name.starts_with("custom:") && writable(&a.name))
                .cloned()
                .collect(),
            auth_flow: (!flows.user_srp && flows.user_password)
                .then(|| "USER_PASSWORD_AUTH".into()),
            storage: None,
            language: None,
        }
    }
}
