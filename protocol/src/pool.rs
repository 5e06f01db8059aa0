//! The user-pool and app-client model both sides agree on: the emulator builds it from a
//! CloudFormation template and enforces it; the widget receives the parts it needs to guide
//! users (via amplify_outputs.json and its own options).

#[cfg(feature = "server")]
use serde::{Deserialize, Serialize};

use crate::password_policy::PasswordPolicy;

/// How users name themselves when signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "server", serde(rename_all = "snake_case"))]
pub enum SignInAttribute {
    /// An e-mail address.
    Email,
    /// A phone number in E.164 form.
    PhoneNumber,
    /// A preferred username (aliases only).
    PreferredUsername,
}

impl SignInAttribute {
    /// The attribute's API name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::PhoneNumber => "phone_number",
            Self::PreferredUsername => "preferred_username",
        }
    }

    /// Parses an API name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "email" => Some(Self::Email),
            "phone_number" => Some(Self::PhoneNumber),
            "preferred_username" => Some(Self::PreferredUsername),
            _ => None,
        }
    }
}

/// The type of an attribute's value (values always travel as strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub enum AttributeType {
    /// Text.
    String,
    /// An integer.
    Number,
    /// A date and time, as text.
    DateTime,
    /// `true` or `false`.
    Boolean,
}

/// One attribute of a pool's schema, standard or `custom:`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct AttributeSchema {
    /// The API name: `email`, `custom:tenant_id`.
    pub name: String,
    /// The value type.
    pub data_type: AttributeType,
    /// Whether it may change after creation.
    pub mutable: bool,
    /// Whether sign-up must supply it.
    pub required: bool,
    /// String length bounds, or Number value bounds.
    pub min: Option<i64>,
    /// See `min`.
    pub max: Option<i64>,
}

/// Where ForgotPassword may send its code, in priority order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "server", serde(rename_all = "snake_case"))]
pub enum RecoveryMechanism {
    /// A verified e-mail address.
    VerifiedEmail,
    /// A verified phone number.
    VerifiedPhoneNumber,
    /// Only an administrator can reset passwords.
    AdminOnly,
}

/// A message a pool sends, with `{####}` for the code and `{username}` for the username.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct MessageTemplate {
    /// E-mail subject.
    pub email_subject: String,
    /// E-mail body.
    pub email_message: String,
    /// SMS text.
    pub sms_message: String,
}

/// `MfaConfiguration` of a pool.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub enum MfaConfiguration {
    /// No MFA (the default).
    #[default]
    #[cfg_attr(feature = "server", serde(rename = "OFF"))]
    Off,
    /// Every user must use MFA.
    #[cfg_attr(feature = "server", serde(rename = "ON"))]
    On,
    /// Users may turn MFA on.
    #[cfg_attr(feature = "server", serde(rename = "OPTIONAL"))]
    Optional,
}

impl MfaConfiguration {
    /// Cognito's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "OFF",
            Self::On => "ON",
            Self::Optional => "OPTIONAL",
        }
    }
}

/// A user pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct PoolConfig {
    /// `<region>_<name>`.
    pub id: String,
    /// `UserPoolName`.
    pub name: String,
    /// `UsernameAttributes`: the username *is* an e-mail or phone number.
    pub username_attributes: Vec<SignInAttribute>,
    /// `AliasAttributes`: once verified, these sign in too.
    pub alias_attributes: Vec<SignInAttribute>,
    /// `AutoVerifiedAttributes`: codes go to these at sign-up.
    pub auto_verified_attributes: Vec<SignInAttribute>,
    /// Standard and custom attributes.
    pub schema: Vec<AttributeSchema>,
    /// `Policies.PasswordPolicy`.
    pub password_policy: PasswordPolicy,
    /// `AccountRecoverySetting`.
    pub recovery: Vec<RecoveryMechanism>,
    /// The verification message.
    pub verification: MessageTemplate,
    /// The invitation sent by AdminCreateUser.
    pub invitation: MessageTemplate,
    /// `AdminCreateUserConfig.AllowAdminCreateUserOnly`.
    pub admin_create_user_only: bool,
    /// `UsernameConfiguration.CaseSensitive`.
    pub case_sensitive: bool,
    /// `MfaConfiguration`.
    #[cfg_attr(feature = "server", serde(default))]
    pub mfa: MfaConfiguration,
    /// `VerificationMessageTemplate.DefaultEmailOption` is `CONFIRM_WITH_LINK` (the emulator
    /// still sends codes: links need the hosted domain).
    #[cfg_attr(feature = "server", serde(default))]
    pub confirm_with_link: bool,
    /// `DeletionProtection` is `ACTIVE`.
    #[cfg_attr(feature = "server", serde(default))]
    pub deletion_protection: bool,
    /// `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`: a change of
    /// these (e-mail, phone) waits for its code; the old value stays in use meanwhile.
    #[cfg_attr(feature = "server", serde(default))]
    pub verify_before_update: Vec<SignInAttribute>,
    /// `EnabledMfas`: the second factors users may use.
    #[cfg_attr(feature = "server", serde(default))]
    pub enabled_mfas: Vec<crate::mfa::MfaFactor>,
    /// `DeviceConfiguration`; `None`: devices are not tracked.
    #[cfg_attr(feature = "server", serde(default))]
    pub devices: Option<crate::mfa::DeviceConfiguration>,
    /// `Policies.PasswordPolicy.PasswordHistorySize`: how many of a user's latest passwords
    /// (the current one among them) a new password may not repeat; 0 turns the check off.
    #[cfg_attr(feature = "server", serde(default))]
    pub password_history_size: u32,
    /// The MFA code messages (`SmsAuthenticationMessage`, `EmailAuthenticationMessage`,
    /// `EmailAuthenticationSubject`).
    #[cfg_attr(feature = "server", serde(default))]
    pub authentication: MessageTemplate,
}

/// Which `InitiateAuth` flows an app client allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct AuthFlows {
    /// `ALLOW_USER_SRP_AUTH`.
    pub user_srp: bool,
    /// `ALLOW_USER_PASSWORD_AUTH`.
    pub user_password: bool,
    /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`.
    pub admin_user_password: bool,
    /// `ALLOW_REFRESH_TOKEN_AUTH`.
    pub refresh_token: bool,
    /// `ALLOW_CUSTOM_AUTH`.
    pub custom: bool,
}

impl AuthFlows {
    /// Reads `ExplicitAuthFlows`, legacy names included (a legacy list implies SRP and refresh).
    /// An absent list allows SRP, refresh and custom. Unknown names are returned as errors.
    pub fn from_explicit(names: Option<&[String]>) -> Result<Self, String> {
        let Some(names) = names else {
            return Ok(Self {
                user_srp: true,
                refresh_token: true,
                custom: true,
                ..Self::default()
            });
        };
        let mut flows = Self::default();
        for name in names {
            match name.as_str() {
                "ALLOW_USER_SRP_AUTH" => flows.user_srp = true,
                "ALLOW_USER_PASSWORD_AUTH" => flows.user_password = true,
                "ALLOW_ADMIN_USER_PASSWORD_AUTH" => flows.admin_user_password = true,
                "ALLOW_REFRESH_TOKEN_AUTH" => flows.refresh_token = true,
                "ALLOW_CUSTOM_AUTH" => flows.custom = true,
                "ALLOW_USER_AUTH" => {}
                "ADMIN_NO_SRP_AUTH" | "USER_PASSWORD_AUTH" | "CUSTOM_AUTH_FLOW_ONLY" => {
                    flows.user_srp = true;
                    flows.refresh_token = true;
                    match name.as_str() {
                        "ADMIN_NO_SRP_AUTH" => flows.admin_user_password = true,
                        "USER_PASSWORD_AUTH" => flows.user_password = true,
                        _ => flows.custom = true,
                    }
                }
                other => return Err(other.to_owned()),
            }
        }
        Ok(flows)
    }
}

/// An app client of a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct ClientConfig {
    /// The client id (26 lower-case alphanumerics).
    pub id: String,
    /// `ClientName`.
    pub name: String,
    /// The pool it belongs to.
    pub pool_id: String,
    /// Whether it has a secret (the secret itself is the server's).
    pub has_secret: bool,
    /// `ExplicitAuthFlows`.
    pub auth_flows: AuthFlows,
    /// `ReadAttributes`; `None` means every standard attribute.
    pub read_attributes: Option<Vec<String>>,
    /// `WriteAttributes`; `None`: see [`ClientConfig::may_write`].
    pub write_attributes: Option<Vec<String>>,
    /// Access-token lifetime in seconds.
    pub access_token_seconds: u64,
    /// ID-token lifetime in seconds.
    pub id_token_seconds: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_seconds: u64,
    /// `AuthSessionValidity` in minutes.
    pub auth_session_minutes: u64,
    /// `PreventUserExistenceErrors: ENABLED`.
    pub prevent_user_existence_errors: bool,
    /// `EnableTokenRevocation`.
    pub enable_token_revocation: bool,
    /// `RefreshTokenRotation`: with `Feature: ENABLED`, the seconds (0 to 60) a rotated refresh
    /// token still works (`RetryGracePeriodSeconds`); `None` when rotation is off.
    pub refresh_token_rotation: Option<u32>,
}

impl ClientConfig {
    /// Whether a user of this client may write attribute `name` (SignUp, the
    /// `NEW_PASSWORD_REQUIRED` answer, UpdateUserAttributes; the widget offers only these).
    ///
    /// - `sub` never, and the verified flags (`email_verified`, `phone_number_verified`) never:
    ///   only an administrator or a code sets them.
    /// - With a `WriteAttributes` list, the names in it.
    /// - Without one, every attribute of the schema, custom ones included. Here the sources
    ///   disagree: the API reference (`CreateUserPoolClient`, `WriteAttributes`) says a client
    ///   without the list "can write the values of the Standard attributes", but seeds 001/002
    ///   (a CDK client with no `writeAttributes`) sign up with `custom:tenant_id` and three more
    ///   custom attributes and show Cognito accepting them. We follow what was observed.
    pub fn may_write(&self, name: &str) -> bool {
        if name == "sub" || name.ends_with("_verified") {
            return false;
        }
        self.write_attributes
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == name))
    }
}

/// The standard attributes a user can give (all strings): every standard one but `sub`, the
/// verified flags and `updated_at`.
pub const GIVEN_STANDARD_ATTRIBUTES: [&str; 16] = [
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "gender",
    "zoneinfo",
    "locale",
    "phone_number",
    "address",
    "birthdate",
];

/// The standard attributes every pool has, with Cognito's built-in types and bounds.
pub fn standard_attributes() -> Vec<AttributeSchema> {
    let attr = |name: &str, data_type, min, max| AttributeSchema {
        name: name.to_owned(),
        data_type,
        mutable: name != "sub",
        required: name == "sub",
        min,
        max,
    };
    let mut out = vec![attr("sub", AttributeType::String, Some(1), Some(2048))];
    for name in GIVEN_STANDARD_ATTRIBUTES {
        let (min, max) = if name == "birthdate" {
            (10, 10)
        } else {
            (0, 2048)
        };
        out.push(attr(name, AttributeType::String, Some(min), Some(max)));
    }
    out.push(attr("email_verified", AttributeType::Boolean, None, None));
    out.push(attr(
        "phone_number_verified",
        AttributeType::Boolean,
        None,
        None,
    ));
    out.push(attr("updated_at", AttributeType::Number, Some(0), None));
    out
}
