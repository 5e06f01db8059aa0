//! Multi-factor authentication as a pool and a user configure it, and which MFA step a sign-in
//! takes after its password step: the rule the emulator applies and the widget's tests read.

#[cfg(feature = "server")]
use serde::{Deserialize, Serialize};

use crate::pool::MfaConfiguration;

/// A second factor (`EnabledMfas`, `UserMFASettingList`, `MFAS_CAN_CHOOSE`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub enum MfaFactor {
    /// A code from an authenticator app (TOTP).
    #[cfg_attr(feature = "server", serde(rename = "SOFTWARE_TOKEN_MFA"))]
    SoftwareToken,
    /// A code sent by SMS to `phone_number`.
    #[cfg_attr(feature = "server", serde(rename = "SMS_MFA"))]
    Sms,
    /// A code sent by e-mail to `email`.
    #[cfg_attr(feature = "server", serde(rename = "EMAIL_OTP"))]
    Email,
}

impl MfaFactor {
    /// Every factor, in the order lists show them.
    pub const ALL: [Self; 3] = [Self::SoftwareToken, Self::Sms, Self::Email];

    /// Cognito's name, which is also the challenge's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftwareToken => "SOFTWARE_TOKEN_MFA",
            Self::Sms => "SMS_MFA",
            Self::Email => "EMAIL_OTP",
        }
    }

    /// Reads a factor's name. `EMAIL_MFA` is taken for `EMAIL_OTP`: the API reference's text
    /// uses it for `SELECT_MFA_TYPE`'s `ANSWER`, while its enum and Amplify v6 say `EMAIL_OTP`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "SOFTWARE_TOKEN_MFA" => Some(Self::SoftwareToken),
            "SMS_MFA" => Some(Self::Sms),
            "EMAIL_OTP" | "EMAIL_MFA" => Some(Self::Email),
            _ => None,
        }
    }

    /// The `ChallengeResponses` key that carries this factor's code.
    pub fn code_key(self) -> &'static str {
        match self {
            Self::SoftwareToken => "SOFTWARE_TOKEN_MFA_CODE",
            Self::Sms => "SMS_MFA_CODE",
            Self::Email => "EMAIL_OTP_CODE",
        }
    }

    /// The attribute a code for this factor is sent to (none for an app).
    pub fn destination(self) -> Option<&'static str> {
        match self {
            Self::SoftwareToken => None,
            Self::Sms => Some("phone_number"),
            Self::Email => Some("email"),
        }
    }
}

/// `DeviceConfiguration` of a pool; its presence turns device tracking on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct DeviceConfiguration {
    /// A remembered device stands in for the second factor.
    pub challenge_required_on_new_device: bool,
    /// Devices are only remembered when the user says so (`UpdateDeviceStatus`).
    pub device_only_remembered_on_user_prompt: bool,
}

/// A user's MFA settings (`UserMFASettingList`, `PreferredMfaSetting`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct UserMfa {
    /// Factors the user turned on.
    pub enabled: Vec<MfaFactor>,
    /// The one used at sign-in when several are on.
    pub preferred: Option<MfaFactor>,
}

/// What a sign-in asks for once the password is right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaStep {
    /// Nothing more: tokens.
    None,
    /// A code for this factor (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`).
    Code(MfaFactor),
    /// `SELECT_MFA_TYPE`: the user picks one of these.
    Select(Vec<MfaFactor>),
    /// `MFA_SETUP`: MFA is required and the user has none; these can be set up.
    Setup(Vec<MfaFactor>),
}

/// The MFA step after a correct password.
///
/// - `OFF`: none. `OPTIONAL`: only for a user with a factor on. `ON`: always.
/// - The preferred factor; else the only one on; else `SELECT_MFA_TYPE` among those on.
/// - `ON` and nothing on: an SMS code when the pool sends them and the user has a phone number
///   (the Developer Guide: MFA "prompts new users without phone numbers to set up TOTP");
///   otherwise `MFA_SETUP` with the pool's factors a user sets up in the flow (an app, or an
///   e-mail address, as Amplify v6 does; SMS is set up by adding a phone number).
pub fn step(
    pool: MfaConfiguration,
    pool_factors: &[MfaFactor],
    user: &UserMfa,
    has_phone: bool,
) -> MfaStep {
    if pool == MfaConfiguration::Off {
        return MfaStep::None;
    }
    if let Some(preferred) = user.preferred.filter(|p| user.enabled.contains(p)) {
        return MfaStep::Code(preferred);
    }
    match user.enabled.as_slice() {
        [one] => return MfaStep::Code(*one),
        [_, _, ..] => {
            let mut all = user.enabled.clone();
            all.sort();
            all.dedup();
            return MfaStep::Select(all);
        }
        [] => {}
    }
    if pool == MfaConfiguration::Optional {
        return MfaStep::None;
    }
    if pool_factors.contains(&MfaFactor::Sms) && has_phone {
        return MfaStep::Code(MfaFactor::Sms);
    }
    let setup: Vec<MfaFactor> = MfaFactor::ALL
        .into_iter()
        .filter(|f| pool_factors.contains(f))
        .collect();
    MfaStep::Setup(setup)
}

#[cfg(test)]
mod tests {
    use super::*;
    use MfaConfiguration::{Off, On, Optional};
    use MfaFactor::{Email, Sms, SoftwareToken as Totp};

    fn user(enabled: &[MfaFactor], preferred: Option<MfaFactor>) -> UserMfa {
        UserMfa {
            enabled: enabled.to_vec(),
            preferred,
        }
    }

    #[test]
    fn the_step_follows_the_pool_and_the_user() {
        let both = [Totp, Email];
        let cases: &[(MfaConfiguration, &[MfaFactor], UserMfa, bool, MfaStep)] = &[
            (Off, &both, user(&[Totp], Some(Totp)), false, MfaStep::None),
            (Optional, &both, user(&[], None), true, MfaStep::None),
            (
                Optional,
                &both,
                user(&[Totp], None),
                false,
                MfaStep::Code(Totp),
            ),
            (
                On,
                &both,
                user(&[Totp, Email], Some(Email)),
                false,
                MfaStep::Code(Email),
            ),
            (
                On,
                &both,
                user(&[Email, Totp], None),
                false,
                MfaStep::Select(vec![Totp, Email]),
            ),
            // A preference for a factor that is off counts for nothing.
            (
                On,
                &both,
                user(&[Totp, Email], Some(Sms)),
                false,
                MfaStep::Select(vec![Totp, Email]),
            ),
            (
                On,
                &both,
                user(&[], None),
                true,
                MfaStep::Setup(vec![Totp, Email]),
            ),
            (On, &[Sms, Totp], user(&[], None), true, MfaStep::Code(Sms)),
            (
                On,
                &[Sms, Totp],
                user(&[], None),
                false,
                MfaStep::Setup(vec![Totp, Sms]),
            ),
            (
                Optional,
                &[Sms],
                user(&[Sms], None),
                true,
                MfaStep::Code(Sms),
            ),
        ];
        for (pool, factors, u, phone, want) in cases {
            assert_eq!(
                &step(*pool, factors, u, *phone),
                want,
                "{pool:?} {factors:?} {u:?}"
            );
        }
    }

    #[test]
    fn names_round_trip_and_email_mfa_is_email_otp() {
        for f in MfaFactor::ALL {
            assert_eq!(MfaFactor::parse(f.as_str()), Some(f));
        }
        assert_eq!(MfaFactor::parse("EMAIL_MFA"), Some(Email));
        assert_eq!(MfaFactor::parse("WEBAUTHN"), None);
    }
}
