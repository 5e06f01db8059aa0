//! The widget's configuration: which pool and client, where Cognito is, how to sign in, what
//! to ask at sign-up, where tokens live. Read from the configuration file
//! ([`WidgetConfig`]: an amplify_outputs.json `auth` section plus the options those files lack).

use cognito_protocol::json::Value;
use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::password_policy::PasswordPolicy;
use cognito_protocol::pool::{AttributeSchema, GIVEN_STANDARD_ATTRIBUTES};
use cognito_protocol::widget_config::WidgetConfig;
use cognito_protocol::UserPoolId;

use crate::error::AuthError;
use crate::i18n::Language;

/// How the password is proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthFlow {
    /// USER_SRP_AUTH: the password never leaves the page.
    #[default]
    Srp,
    /// USER_PASSWORD_AUTH, for clients that only allow it.
    Password,
}

/// Where tokens are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorageChoice {
    /// `localStorage`: survives closing the browser.
    #[default]
    Local,
    /// `sessionStorage`: ends with the tab.
    Session,
    /// Memory only: ends with the page.
    Memory,
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
    /// `custom:` attributes sign-up asks for, with their constraints.
    pub custom_attributes: Vec<AttributeSchema>,
    /// `email`, `phone_number` or `username`: what users sign in with.
    pub username_attributes: Vec<String>,
    /// SRP (default) or password.
    pub flow: AuthFlow,
    /// Where tokens live.
    pub storage: StorageChoice,
    /// The language of every text.
    pub language: Language,
    /// Open on the sign-up form rather than sign-in.
    pub start_with_sign_up: bool,
    /// Offer no way to create an account.
    pub hide_sign_up: bool,
    /// Milliseconds a request may take before it is abandoned.
    pub timeout_ms: u32,
    /// Whether the host page gets the refresh token (events, `getSession()`).
    pub expose_refresh_token: bool,
    /// The card's heading level, 1 to 6 (none: 1 in the standalone app, 2 embedded).
    pub heading_level: Option<u8>,
    /// Optional standard attributes sign-up asks for (required ones always are).
    pub optional_attributes: Vec<String>,
    /// MFA is required (`mfa_configuration: REQUIRED`): a factor cannot be turned off when it
    /// is the last one.
    pub mfa_required: bool,
    /// The second factors the pool offers (`mfa_methods`).
    pub mfa_methods: Vec<MfaFactor>,
    /// The pool remembers a device only when the user says so (`remember_devices: on-prompt`):
    /// the MFA code form offers "Remember this device".
    pub remember_on_prompt: bool,
    /// The issuer an authenticator app shows (`totp_issuer`; default `AWSCognito`, as
    /// Amplify's Authenticator).
    pub totp_issuer: String,
    /// The attributes the client may write (none given: any, and Cognito refuses the rest).
    pub write_attributes: Option<Vec<String>>,
    /// Open the profile once someone is signed in (`initial_screen: account`).
    pub open_account: bool,
    /// Sections of the account view left out ([`ACCOUNT_SECTIONS`]).
    pub hidden_sections: Vec<String>,
    /// The identity pool that gives AWS credentials, if the configuration names one.
    pub identity_pool: Option<IdentityPool>,
}

/// An identity pool (Cognito Identity) that trades the user's ID token for temporary AWS
/// credentials, and gives guests some when it allows them.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityPool {
    /// `<region>:<uuid>`.
    pub id: String,
    /// Guests (nobody signed in) get credentials too (`unauthenticated_identities_enabled`).
    pub guests: bool,
    /// Cognito Identity's endpoint, ending in `/`: the configuration's `endpoint` when it has
    /// one (the emulator serves both APIs), else `https://cognito-identity.<region>.amazonaws.com/`.
    pub endpoint: String,
}

/// The account view's sections a host may leave out (`hide_account_sections`).
pub const ACCOUNT_SECTIONS: [&str; 5] = [
    "profile",
    "change-password",
    "mfa",
    "devices",
    "delete-account",
];

impl Config {
    /// Whether the account view shows `section` (one of [`ACCOUNT_SECTIONS`]).
    pub fn shows(&self, section: &str) -> bool {
        !self.hidden_sections.iter().any(|s| s == section)
    }
}

/// How long a request may take unless the configuration says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

impl Config {
    /// From the text of a configuration file.
    pub fn from_json(text: &str) -> Result<Self, AuthError> {
        Self::from_read(WidgetConfig::parse(text))
    }

    /// From a configuration file already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<Self, AuthError> {
        Self::from_read(WidgetConfig::read(value))
    }

    fn from_read(file: Result<WidgetConfig, String>) -> Result<Self, AuthError> {
        let file = file.map_err(|e| AuthError::Config(format!("the configuration: {e}")))?;
        Self::from_file(file)
    }

    /// From a parsed configuration file.
    pub fn from_file(file: WidgetConfig) -> Result<Self, AuthError> {
        let bad = |why: String| AuthError::Config(why);
        let auth = file.resolved_auth().map_err(bad)?;
        let pool = UserPoolId::parse(&auth.user_pool_id)
            .map_err(|e| bad(format!("auth.user_pool_id: {e}")))?;
        if let Some(region) = auth.aws_region.as_deref().filter(|r| *r != pool.region()) {
            return Err(bad(format!(
                "auth.aws_region is {region} but the pool {} is in {}",
                pool.as_str(),
                pool.region()
            )));
        }
        if auth.user_pool_client_id.is_empty() {
            return Err(bad("auth.user_pool_client_id is empty".into()));
        }
        let own_endpoint = file.endpoint.is_some();
        let endpoint = match file.endpoint {
            Some(e) if e.ends_with('/') => e,
            Some(e) => format!("{e}/"),
            None => format!("https://cognito-idp.{}.amazonaws.com/", pool.region()),
        };
        let flow = match file.auth_flow.as_deref() {
            None | Some("USER_SRP_AUTH") => AuthFlow::Srp,
            Some("USER_PASSWORD_AUTH") => AuthFlow::Password,
            Some(other) => {
                return Err(bad(format!(
                    "auth_flow {other} is not USER_SRP_AUTH or USER_PASSWORD_AUTH"
                )))
            }
        };
        let storage = match file.storage.as_deref() {
            None | Some("local") => StorageChoice::Local,
            Some("session") => StorageChoice::Session,
            Some("memory") => StorageChoice::Memory,
            Some(other) => {
                return Err(bad(format!(
                    "storage {other} is not local, session or memory"
                )))
            }
        };
        let start_with_sign_up = match file.initial_screen.as_deref() {
            None | Some("sign-in" | "account") => false,
            Some("sign-up") => !file.hide_sign_up,
            Some(other) => {
                return Err(bad(format!(
                    "initial_screen {other} is not sign-in, sign-up or account"
                )))
            }
        };
        if let Some(other) = file
            .hide_account_sections
            .iter()
            .find(|s| !ACCOUNT_SECTIONS.contains(&s.as_str()))
        {
            return Err(bad(format!(
                "hide_account_sections: {other} is not a section of the account view"
            )));
        }
        let language = match file.language.as_deref() {
            None => Language::En,
            Some(tag) => Language::parse(tag).ok_or_else(|| {
                bad(format!(
                    "language {tag} is not available (en, de, fr and es are)"
                ))
            })?,
        };
        if let Some(a) = file
            .custom_attributes
            .iter()
            .find(|a| !a.name.starts_with("custom:"))
        {
            return Err(bad(format!(
                "custom_attributes: {} does not start with custom:",
                a.name
            )));
        }
        let heading_level = match file.heading_level {
            None => None,
            Some(level @ 1..=6) => Some(level as u8),
            Some(level) => return Err(bad(format!("heading_level {level} is not 1 to 6"))),
        };
        // Which optional attributes sign-up asks for: the host's list, or every custom one.
        let mut custom_attributes = file.custom_attributes;
        let mut optional_attributes = Vec::new();
        if let Some(chosen) = file.sign_up_attributes {
            if let Some(name) = chosen.iter().find(|name| {
                !custom_attributes.iter().any(|a| &a.name == *name)
                    && !GIVEN_STANDARD_ATTRIBUTES.contains(&name.as_str())
            }) {
                return Err(bad(format!(
                    "sign_up_attributes: {name} is not an attribute"
                )));
            }
            custom_attributes.retain(|a| chosen.contains(&a.name));
            optional_attributes = chosen;
            optional_attributes.retain(|n| !n.starts_with("custom:"));
        }
        let timeout_ms = match file.request_timeout_ms {
            None => DEFAULT_TIMEOUT_MS,
            Some(ms) => u32::try_from(ms)
                .ok()
                .filter(|ms| (100..=600_000).contains(ms))
                .ok_or_else(|| {
                    bad(format!(
                        "request_timeout_ms {ms} is not between 100 and 600000"
                    ))
                })?,
        };
        let identity_pool = match auth.identity_pool_id {
            None => None,
            Some(id) => {
                let Some((region, _)) = id
                    .split_once(':')
                    .filter(|(region, rest)| !region.is_empty() && !rest.is_empty())
                else {
                    return Err(bad(format!(
                        "auth.identity_pool_id {id} is not <region>:<id>"
                    )));
                };
                Some(IdentityPool {
                    endpoint: if own_endpoint {
                        endpoint.clone()
                    } else {
                        format!("https://cognito-identity.{region}.amazonaws.com/")
                    },
                    guests: auth.unauthenticated_identities_enabled.unwrap_or(false),
                    id,
                })
            }
        };
        Ok(Self {
            identity_pool,
            endpoint,
            pool,
            client_id: auth.user_pool_client_id,
            password_policy: auth.password_policy.map(|p| p.policy()).unwrap_or_default(),
            required_attributes: auth.standard_required_attributes,
            custom_attributes,
            username_attributes: auth.username_attributes,
            flow,
            storage,
            language,
            start_with_sign_up,
            hide_sign_up: file.hide_sign_up,
            timeout_ms,
            expose_refresh_token: file.expose_refresh_token,
            heading_level,
            optional_attributes,
            mfa_required: auth.mfa_configuration.as_deref() == Some("REQUIRED"),
            mfa_methods: auth
                .mfa_methods
                .iter()
                .filter_map(|m| match m.as_str() {
                    "TOTP" => Some(MfaFactor::SoftwareToken),
                    "SMS" => Some(MfaFactor::Sms),
                    "EMAIL" => Some(MfaFactor::Email),
                    _ => None,
                })
                .collect(),
            remember_on_prompt: file.remember_devices.as_deref() == Some("on-prompt"),
            totp_issuer: file.totp_issuer.unwrap_or_else(|| "AWSCognito".into()),
            write_attributes: file.write_attributes,
            open_account: file.initial_screen.as_deref() == Some("account"),
            hidden_sections: file.hide_account_sections,
        })
    }
}
