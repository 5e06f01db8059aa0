//! The widget's configuration file: the pool and client from an amplify_outputs.json `auth`
//! section, a cdk-outputs.json or explicit `auth` options, plus what such files lack (endpoint,
//! custom attributes to ask for, auth flow, storage, language). The emulator writes it for each
//! client (`GET /_emulator/pools`); the widget reads it. One shape, here: [`WidgetConfig::read`]
//! and [`WidgetConfig::to_json`] are its only JSON form, so the browser needs no serde.

mod read;
mod write;

use crate::json::Map;
use crate::mfa::MfaFactor;
use crate::password_policy::PasswordPolicy;
use crate::pool::{AttributeSchema, ClientConfig, MfaConfiguration, PoolConfig};

/// `{"endpoint", "amplify_outputs": {"version", "auth": {…}}, "custom_attributes", …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    /// Where to send requests instead of `https://cognito-idp.<region>.amazonaws.com/`.
    pub endpoint: Option<String>,
    /// The amplify_outputs.json document (only `auth` is read).
    pub amplify_outputs: Option<AmplifyOutputs>,
    /// A `cdk deploy --outputs-file` document: `{"<Stack>": {"<OutputKey>": "<value>"}}`; the
    /// outputs whose keys contain `UserPoolId` and `ClientId` name the pool and client.
    pub cdk_outputs: Option<Map>,
    /// Explicit options, named as in amplify_outputs.json `auth`; they fill what the files lack.
    pub auth: Option<AuthOptions>,
    /// `custom:` attributes sign-up asks for, with their constraints.
    pub custom_attributes: Vec<AttributeSchema>,
    /// `USER_SRP_AUTH` (default) or `USER_PASSWORD_AUTH`.
    pub auth_flow: Option<String>,
    /// `local` (default), `session` or `memory`.
    pub storage: Option<String>,
    /// A language tag, e.g. `en`.
    pub language: Option<String>,
    /// The first screen: `sign-in` (default) or `sign-up` when nobody is signed in; `account`
    /// opens the profile once someone is.
    pub initial_screen: Option<String>,
    /// No way to create an account from the widget (admin-created users only).
    pub hide_sign_up: bool,
    /// Milliseconds a request to Cognito may take before it is abandoned (default 15 000).
    pub request_timeout_ms: Option<i64>,
    /// Hand the refresh token to the host page (events, `getSession()`); off by default.
    pub expose_refresh_token: bool,
    /// The level of the card's heading, 1 to 6 (default: 1 in the standalone app, 2 embedded).
    pub heading_level: Option<i64>,
    /// The optional attributes sign-up asks for, standard or `custom:` (default: every
    /// `custom_attributes` entry); required ones are always asked for.
    pub sign_up_attributes: Option<Vec<String>>,
    /// `on-prompt`: the pool remembers a device only when the user says so, and the MFA code
    /// form offers "Remember this device"; `always`: the pool remembers every confirmed device.
    pub remember_devices: Option<String>,
    /// The issuer an authenticator app shows for the account (default: the pool's name).
    pub totp_issuer: Option<String>,
    /// The attributes the app client may write (its `WriteAttributes`, immutable ones left
    /// out): the profile offers only these. Absent: any attribute, and Cognito refuses the
    /// ones the client may not write.
    pub write_attributes: Option<Vec<String>>,
    /// Sections of the account view to leave out: `profile`, `change-password`, `mfa`,
    /// `devices`, `delete-account`.
    pub hide_account_sections: Vec<String>,
}

/// The part of amplify_outputs.json the widget reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmplifyOutputs {
    /// Schema version (`1.4` when we write it).
    pub version: String,
    /// The `auth` section.
    pub auth: AuthOutputs,
}

/// amplify_outputs.json `auth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthOutputs {
    /// The pool's region.
    pub aws_region: Option<String>,
    /// `<region>_<name>`.
    pub user_pool_id: String,
    /// The (public) app client.
    pub user_pool_client_id: String,
    /// The pool's password rules.
    pub password_policy: Option<PolicyOutputs>,
    /// Standard attributes sign-up must ask for.
    pub standard_required_attributes: Vec<String>,
    /// `email`, `phone_number` or `username`.
    pub username_attributes: Vec<String>,
    /// Where codes go: `email`, `phone_number`.
    pub user_verification_types: Vec<String>,
    /// `NONE`, `OPTIONAL` or `REQUIRED` (Cognito's `OFF`, `OPTIONAL`, `ON`).
    pub mfa_configuration: Option<String>,
    /// `SMS`, `TOTP`, `EMAIL`.
    pub mfa_methods: Vec<String>,
    /// The identity pool that gives this client's users AWS credentials (`<region>:<uuid>`).
    pub identity_pool_id: Option<String>,
    /// Whether the identity pool gives guests (nobody signed in) credentials too.
    pub unauthenticated_identities_enabled: Option<bool>,
}

/// Explicit `auth` options: any field of amplify_outputs.json `auth`, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthOptions {
    /// The pool's region.
    pub aws_region: Option<String>,
    /// `<region>_<name>`.
    pub user_pool_id: Option<String>,
    /// The (public) app client.
    pub user_pool_client_id: Option<String>,
    /// The pool's password rules.
    pub password_policy: Option<PolicyOutputs>,
    /// Standard attributes sign-up must ask for.
    pub standard_required_attributes: Option<Vec<String>>,
    /// `email`, `phone_number` or `username`.
    pub username_attributes: Option<Vec<String>>,
    /// The identity pool that gives this client's users AWS credentials.
    pub identity_pool_id: Option<String>,
    /// Whether the identity pool gives guests credentials too.
    pub unauthenticated_identities_enabled: Option<bool>,
}

/// amplify_outputs.json `auth.password_policy`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let writable = |name: &str| client.may_write(name);
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
            amplify_outputs: Some(AmplifyOutputs {
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
                    mfa_configuration: Some(
                        match pool.mfa {
                            MfaConfiguration::Off => "NONE",
                            MfaConfiguration::Optional => "OPTIONAL",
                            MfaConfiguration::On => "REQUIRED",
                        }
                        .into(),
                    ),
                    mfa_methods: pool
                        .enabled_mfas
                        .iter()
                        .map(|f| match f {
                            MfaFactor::SoftwareToken => "TOTP",
                            MfaFactor::Sms => "SMS",
                            MfaFactor::Email => "EMAIL",
                        })
                        .map(str::to_owned)
                        .collect(),
                    identity_pool_id: None,
                    unauthenticated_identities_enabled: None,
                },
            }),
            cdk_outputs: None,
            auth: None,
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
            initial_screen: None,
            hide_sign_up: pool.admin_create_user_only,
            request_timeout_ms: None,
            expose_refresh_token: false,
            heading_level: None,
            sign_up_attributes: None,
            remember_devices: pool.devices.map(|d| {
                if d.device_only_remembered_on_user_prompt {
                    "on-prompt".into()
                } else {
                    "always".into()
                }
            }),
            totp_issuer: Some(pool.name.clone()),
            write_attributes: Some(
                pool.schema
                    .iter()
                    .filter(|a| a.mutable && writable(&a.name))
                    .map(|a| a.name.clone())
                    .collect(),
            ),
            hide_account_sections: Vec::new(),
        }
    }
}

/// The pool and client a cdk-outputs.json names, if exactly one stack names them, with the
/// identity pool that stack names (an output whose key is like `IdentityPoolId`), if any.
fn from_cdk_outputs(outputs: &Map) -> Result<(String, String, Option<String>), String> {
    let found: Vec<(String, String, Option<String>)> = outputs
        .values()
        .filter_map(|stack| {
            let stack = stack.as_object()?;
            let find = |part: &str| {
                stack
                    .iter()
                    .find(|(k, _)| k.to_ascii_lowercase().contains(part))
                    .and_then(|(_, v)| v.as_str().map(str::to_owned))
            };
            Some((
                find("userpoolid")?,
                find("clientid")?,
                find("identitypoolid"),
            ))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err("cdk_outputs: no stack has outputs named like UserPoolId and ClientId".into()),
        _ => Err("cdk_outputs: several stacks name a user pool; give auth.user_pool_id".into()),
    }
}

impl WidgetConfig {
    /// The `auth` section in force: amplify_outputs.json's, else the pool and client of
    /// cdk-outputs.json; explicit `auth` options fill in or override either.
    pub fn resolved_auth(&self) -> Result<AuthOutputs, String> {
        let options = self.auth.clone().unwrap_or_default();
        let mut auth = match (&self.amplify_outputs, &self.cdk_outputs) {
            (Some(outputs), _) => outputs.auth.clone(),
            (None, Some(cdk)) if options.user_pool_id.is_none() => {
                let (pool, client, identity_pool) = from_cdk_outputs(cdk)?;
                AuthOutputs {
                    identity_pool_id: identity_pool,
                    ..AuthOutputs::named(pool, client)
                }
            }
            _ => AuthOutputs::named(String::new(), String::new()),
        };
        if let Some(v) = options.user_pool_id {
            auth.user_pool_id = v;
        }
        if let Some(v) = options.user_pool_client_id {
            auth.user_pool_client_id = v;
        }
        if options.aws_region.is_some() {
            auth.aws_region = options.aws_region;
        }
        if options.password_policy.is_some() {
            auth.password_policy = options.password_policy;
        }
        if let Some(v) = options.standard_required_attributes {
            auth.standard_required_attributes = v;
        }
        if let Some(v) = options.username_attributes {
            auth.username_attributes = v;
        }
        if options.identity_pool_id.is_some() {
            auth.identity_pool_id = options.identity_pool_id;
        }
        if options.unauthenticated_identities_enabled.is_some() {
            auth.unauthenticated_identities_enabled = options.unauthenticated_identities_enabled;
        }
        if auth.user_pool_id.is_empty() {
            return Err(
                "no user pool: give amplify_outputs, cdk_outputs or auth.user_pool_id".into(),
            );
        }
        Ok(auth)
    }
}

impl AuthOutputs {
    fn named(user_pool_id: String, user_pool_client_id: String) -> Self {
        Self {
            aws_region: None,
            user_pool_id,
            user_pool_client_id,
            password_policy: None,
            standard_required_attributes: Vec::new(),
            username_attributes: Vec::new(),
            user_verification_types: Vec::new(),
            mfa_configuration: None,
            mfa_methods: Vec::new(),
            identity_pool_id: None,
            unauthenticated_identities_enabled: None,
        }
    }
}

#[cfg(test)]
mod tests;
