//! Where the user is. Each variant carries only what its screen needs.

use cognito_protocol::mfa::{MfaFactor, UserMfa};
use cognito_protocol::wire::DeviceInfo;
use cognito_protocol::Password;

/// Where a code was sent, as Cognito reports it (`CodeDeliveryDetails`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Masked destination, e.g. `a***@e***`.
    pub destination: String,
    /// `EMAIL` or `SMS`.
    pub medium: String,
}

/// Who is signed in, from the ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The internal username (`cognito:username`).
    pub username: String,
    /// Readable attributes, in the token's order.
    pub attributes: Vec<(String, String)>,
}

impl Profile {
    /// The name to show: the e-mail address or phone number, else the username.
    pub fn display_name(&self) -> String {
        self.attributes
            .iter()
            .find(|(k, _)| k == "email" || k == "phone_number")
            .map_or_else(|| self.username.clone(), |(_, v)| v.clone())
    }
}

/// What a sign-in asks for after the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaPrompt {
    /// A code: from the authenticator app, or sent by SMS or e-mail to `destination` (masked).
    Code {
        /// Which factor.
        factor: MfaFactor,
        /// Where the code went, for SMS and e-mail.
        destination: Option<String>,
    },
    /// `SELECT_MFA_TYPE`: the user picks a factor.
    Choose(Vec<MfaFactor>),
}

/// A challenge in progress: the name typed at sign-in (kept if the user goes back), the
/// internal username and Cognito's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// What the user typed as login name.
    pub login: String,
    /// The internal username (`USER_ID_FOR_SRP`).
    pub username: String,
    /// Cognito's challenge session.
    pub session: String,
}

/// Whom an authenticator app is being set up for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotpFor {
    /// A sign-in at `MFA_SETUP`.
    SignIn(Challenge),
    /// A signed-in user, from the two-step verification settings.
    Account(Profile),
}

/// An e-mail address or phone number waiting for the code Cognito sent to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifying {
    /// `email` or `phone_number`.
    pub attribute: String,
    /// Where the code went, when Cognito said.
    pub delivery: Option<Delivery>,
    /// The new value, when the pool keeps the old one in use until the code is entered
    /// (`AttributesRequireVerificationBeforeUpdate`).
    pub waiting: Option<String>,
}

/// The screen the widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Restoring a stored session before showing anything else.
    Restoring,
    /// The sign-in form, with the login name filled in when we know it.
    SignIn {
        /// Prefilled login name.
        username: String,
    },
    /// The sign-up form.
    SignUp,
    /// Enter the code that confirms a new account.
    ConfirmSignUp {
        /// The login name the account was created with.
        username: String,
        /// Where the code went, when Cognito said.
        delivery: Option<Delivery>,
        /// Kept in memory (never stored) so confirming can sign straight in.
        password: Option<Password>,
    },
    /// An admin-created user must choose a password (and fill in missing required attributes).
    NewPassword {
        /// What the user typed as login name (the authenticator app's account name, and the
        /// sign-in form's when the challenge expires).
        login: String,
        /// The internal username from the challenge.
        username: String,
        /// Cognito's challenge session.
        session: String,
        /// Required attributes the user still lacks (bare names, e.g. `family_name`).
        required: Vec<String>,
    },
    /// Ask for the login name whose password is forgotten.
    ForgotPassword {
        /// Prefilled login name.
        username: String,
    },
    /// Enter the reset code and a new password.
    ResetPassword {
        /// The login name being reset.
        username: String,
        /// Where the code went.
        delivery: Option<Delivery>,
    },
    /// Signed in.
    SignedIn(Profile),
    /// A second factor: a code, or a choice of factor.
    Mfa {
        /// The sign-in it belongs to.
        challenge: Challenge,
        /// What is asked.
        prompt: MfaPrompt,
    },
    /// Set up an authenticator app: its QR code and key, then its first code.
    SetUpTotp {
        /// For a sign-in or a signed-in user.
        setup: TotpFor,
        /// The app's secret (base32), as AssociateSoftwareToken gave it.
        secret: String,
    },
    /// A signed-in user's two-step verification settings.
    MfaSettings {
        /// Who.
        profile: Profile,
        /// Their factors, as GetUser reports them.
        mfa: UserMfa,
    },
    /// A signed-in user's devices (`ListDevices`), this browser's marked.
    Devices {
        /// Who.
        profile: Profile,
        /// The devices Cognito tracks for them.
        devices: Vec<DeviceInfo>,
        /// This browser's device key, if it has one.
        this: Option<String>,
    },
    /// A signed-in user's profile (`GetUser`): what the client may read, and a form for what
    /// it may write.
    Profile {
        /// Who.
        profile: Profile,
        /// Their attributes, as GetUser reports them.
        attributes: Vec<(String, String)>,
    },
    /// The code that verifies a signed-in user's e-mail address or phone number.
    VerifyAttribute {
        /// Who.
        profile: Profile,
        /// Their attributes, as GetUser reports them (the profile shown after).
        attributes: Vec<(String, String)>,
        /// What is being verified.
        verifying: Verifying,
    },
    /// A signed-in user changes their password.
    ChangePassword(Profile),
    /// A signed-in user deletes their account, once they typed its name.
    DeleteAccount(Profile),
}

impl Step {
    /// The signed-in user whose account this step shows (the signed-in view, and the screens
    /// reached from it).
    pub fn account(&self) -> Option<&Profile> {
        match self {
            Step::SignedIn(profile)
            | Step::MfaSettings { profile, .. }
            | Step::SetUpTotp {
                setup: TotpFor::Account(profile),
                ..
            }
            | Step::Devices { profile, .. }
            | Step::Profile { profile, .. }
            | Step::VerifyAttribute { profile, .. }
            | Step::ChangePassword(profile)
            | Step::DeleteAccount(profile) => Some(profile),
            _ => None,
        }
    }

    /// What tells apart two looks of a step of one kind (the card renders a step again only
    /// when its kind or this changes): which MFA prompt, and which MFA settings. 0 for the
    /// other steps.
    pub fn look(&self) -> u8 {
        let bit = |f: MfaFactor| 1u8 << f as u8;
        match self {
            Step::Mfa {
                prompt: MfaPrompt::Choose(_),
                ..
            } => 1,
            Step::Mfa {
                prompt: MfaPrompt::Code { factor, .. },
                ..
            } => 2 + *factor as u8,
            // The factors turned on (3 bits) and the one preferred (0 for none: 2 bits).
            Step::MfaSettings { mfa, .. } => {
                let on = mfa.enabled.iter().fold(0, |bits, f| bits | bit(*f));
                let first = mfa.preferred.map_or(0, |f| f as u8 + 1);
                8 + (on << 2 | first)
            }
            // How many devices are listed (one fewer once one is forgotten).
            Step::Devices { devices, .. } => 64 + devices.len().min(63) as u8,
            // The attributes shown (saved or verified ones change them): a 7-bit checksum.
            Step::Profile { attributes, .. } => {
                let bytes = attributes
                    .iter()
                    .flat_map(|(k, v)| k.bytes().chain(v.bytes()));
                128 | bytes.fold(0u8, |sum, b| sum.wrapping_mul(31) ^ b) & 127
            }
            _ => 0,
        }
    }

    /// Whether the code asked for is an authenticator app's (not one that was sent).
    pub fn asks_app_code(&self) -> bool {
        matches!(
            self,
            Step::SetUpTotp { .. }
                | Step::Mfa {
                    prompt: MfaPrompt::Code {
                        factor: MfaFactor::SoftwareToken,
                        ..
                    },
                    ..
                }
        )
    }
}
