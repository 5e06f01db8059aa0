//! What can happen (user intents and effect outcomes), and the work a step change starts.

use cognito_protocol::wire::DeviceInfo;
use cognito_protocol::Password;

use cognito_protocol::mfa::{MfaFactor, UserMfa};

use super::next::Notice;
use super::step::{Challenge, Delivery, MfaPrompt, Profile, Verifying};
use crate::error::AuthError;
use crate::session::SignOutReason;

/// Something the user did, or the outcome of an [`Effect`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    // ---- from the user
    /// Show the sign-in form.
    ShowSignIn,
    /// Show the sign-up form.
    ShowSignUp,
    /// Show the forgot-password form, carrying what was typed as login name.
    ShowForgotPassword { username: String },
    /// Sign in with these credentials.
    SignIn {
        username: String,
        password: Password,
    },
    /// Create an account.
    SignUp {
        username: String,
        password: Password,
        attributes: Vec<(String, String)>,
    },
    /// Confirm the account (or the reset) with this code.
    SubmitCode { code: String },
    /// Send the confirmation code again.
    ResendCode,
    /// The new password (and missing attributes) for NEW_PASSWORD_REQUIRED.
    SubmitNewPassword {
        password: Password,
        attributes: Vec<(String, String)>,
    },
    /// Send a reset code to this login name.
    RequestReset { username: String },
    /// Reset the password with the emailed code.
    ResetPassword { code: String, password: Password },
    /// Sign out; `global` also ends the user's other sessions.
    SignOut { global: bool },
    /// The tokens are about to expire (a timer, not the user).
    RefreshDue,
    /// The code of a second factor (or of the authenticator app being set up); `remember`:
    /// the user ticked "Remember this device".
    SubmitMfaCode { code: String, remember: bool },
    /// The factor chosen at `SELECT_MFA_TYPE`.
    ChooseMfa(MfaFactor),
    /// Open the two-step verification settings.
    ShowMfaSettings,
    /// Set up an authenticator app (from the settings).
    SetUpTotp,
    /// Turn a factor on or off, or make it the preferred one.
    SetMfa {
        factor: MfaFactor,
        enabled: bool,
        preferred: bool,
    },
    /// Forget this device: the next sign-in asks for a code again.
    ForgetDevice,
    /// Back to the signed-in view (from the settings).
    ShowSignedIn,
    /// Open the list of the user's devices.
    ShowDevices,
    /// Forget the device with this key (from the list).
    ForgetDeviceKey(String),
    /// Open the password change form.
    ShowChangePassword,
    /// Change the password: the current one, and the new one.
    SubmitChangePassword {
        previous: Password,
        proposed: Password,
    },
    /// Open the account deletion form.
    ShowDeleteAccount,
    /// Delete the account (the user typed its name).
    DeleteAccount,
    /// Open the profile (GetUser).
    ShowProfile,
    /// Save these changed attributes (name, new value; empty deletes).
    SaveProfile(Vec<(String, String)>),
    /// Send a code to verify this attribute (`email` or `phone_number`).
    VerifyNow(String),

    // ---- from the effect runner
    /// What a reload found in storage.
    Restored(Restored),
    /// SignUp answered: confirmed already, or a code went out.
    SignedUp {
        confirmed: bool,
        delivery: Option<Delivery>,
    },
    /// A code was sent (again).
    CodeSent(Option<Delivery>),
    /// ConfirmSignUp succeeded.
    Confirmed,
    /// Sign-in finished with tokens (already stored).
    SignedIn(Profile),
    /// Sign-in needs a new password.
    NewPasswordRequired {
        /// What the user typed as login name.
        login: String,
        /// The internal username from the challenge.
        username: String,
        session: String,
        required: Vec<String>,
    },
    /// The password was reset.
    PasswordReset,
    /// The sign-in asks for a second factor.
    MfaRequired {
        challenge: Challenge,
        prompt: MfaPrompt,
    },
    /// An authenticator app's secret to set up: for this sign-in (`challenge`), or for the
    /// signed-in user (`None`).
    TotpSecret {
        challenge: Option<Challenge>,
        secret: String,
    },
    /// The user's factors, loaded or just changed.
    MfaLoaded(UserMfa),
    /// This device was forgotten.
    DeviceForgotten,
    /// The password was changed.
    PasswordChanged,
    /// The user's devices, and this browser's device key.
    DevicesLoaded {
        devices: Vec<DeviceInfo>,
        this: Option<String>,
    },
    /// The user's profile, loaded or just changed: who (from the ID token, renewed after a
    /// change), their attributes (GetUser), the address waiting for a code, and the news.
    ProfileLoaded {
        profile: Profile,
        attributes: Vec<(String, String)>,
        verifying: Option<Verifying>,
        notice: Option<Notice>,
    },
    /// Tokens cleared, for this reason.
    SignedOut(SignOutReason),
    /// An effect with nothing to report finished.
    Done,
    /// Another tab changed the stored session: this user is signed in now (a refresh, or a
    /// sign-in as someone else), or nobody is.
    TabChanged(Option<Profile>),
    /// The effect failed.
    Failed(AuthError),
}

/// What was found in storage on load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// A session (refreshed if it had to be).
    Session(Profile),
    /// A sign-up waiting for its code.
    Confirming {
        username: String,
        delivery: Option<Delivery>,
    },
    /// Nothing: show sign-in.
    Nothing,
}

/// Work the runner performs; its outcome comes back as an [`Event`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load stored tokens, refreshing them if needed.
    Restore,
    /// SRP (or password) sign-in.
    SignIn {
        username: String,
        password: Password,
    },
    /// SignUp.
    SignUp {
        username: String,
        password: Password,
        attributes: Vec<(String, String)>,
    },
    /// ConfirmSignUp.
    ConfirmSignUp { username: String, code: String },
    /// ResendConfirmationCode.
    ResendCode { username: String },
    /// RespondToAuthChallenge NEW_PASSWORD_REQUIRED.
    CompleteNewPassword {
        /// What the user typed as login name.
        login: String,
        username: String,
        session: String,
        password: Password,
        attributes: Vec<(String, String)>,
    },
    /// ForgotPassword.
    ForgotPassword { username: String },
    /// ConfirmForgotPassword.
    ConfirmForgotPassword {
        username: String,
        code: String,
        password: Password,
    },
    /// Clear our tokens and revoke the refresh token (here), or `GlobalSignOut` first
    /// (`global`: every device).
    SignOut { global: bool },
    /// REFRESH_TOKEN_AUTH before the tokens expire.
    Refresh,
    /// Cognito ended the session: clear storage, then report [`Event::SignedOut`].
    EndSession { reason: SignOutReason },
    /// Forget the sign-up waiting for its code (the user went back to sign in).
    ForgetPending,
    /// RespondToAuthChallenge with a second factor's code (then device SRP when this browser
    /// has a device for the user; then ConfirmDevice for a new one, remembered if `remember`).
    AnswerMfa {
        challenge: Challenge,
        factor: MfaFactor,
        code: String,
        remember: bool,
    },
    /// RespondToAuthChallenge `SELECT_MFA_TYPE`.
    ChooseMfa {
        challenge: Challenge,
        factor: MfaFactor,
    },
    /// VerifySoftwareToken with the app's first code: for a sign-in, then `MFA_SETUP` is
    /// answered; for the signed-in user, then TOTP is turned on and preferred.
    VerifyTotp {
        challenge: Option<Challenge>,
        code: String,
        remember: bool,
    },
    /// GetUser: the user's factors.
    LoadMfa,
    /// AssociateSoftwareToken for the signed-in user.
    AssociateTotp,
    /// SetUserMFAPreference, then GetUser.
    SetMfa {
        factor: MfaFactor,
        enabled: bool,
        preferred: bool,
    },
    /// ForgetDevice, then this browser's device keys are cleared.
    ForgetDevice,
    /// ListDevices.
    LoadDevices,
    /// ForgetDevice by key (this browser's keys cleared too if it is this one), then
    /// ListDevices.
    ForgetDeviceKey(String),
    /// ChangePassword with a fresh access token.
    ChangePassword {
        previous: Password,
        proposed: Password,
    },
    /// DeleteUser, then the tokens (and this browser's device keys) are cleared.
    DeleteAccount,
    /// GetUser.
    LoadProfile,
    /// UpdateUserAttributes with the changed attributes, new tokens (whose ID token carries
    /// them), then GetUser.
    SaveProfile(Vec<(String, String)>),
    /// GetUserAttributeVerificationCode (first or again), then GetUser.
    SendAttributeCode(Verifying),
    /// VerifyUserAttribute, new tokens, then GetUser.
    VerifyAttribute { attribute: String, code: String },
}

impl Event {
    /// Whether the user (or a timer) caused this, rather than an effect finishing. A user event
    /// that replaces the effect in flight cancels that effect's request.
    pub fn from_user(&self) -> bool {
        !matches!(
            self,
            Self::Restored(_)
                | Self::SignedUp { .. }
                | Self::CodeSent(_)
                | Self::Confirmed
                | Self::SignedIn(_)
                | Self::NewPasswordRequired { .. }
                | Self::PasswordReset
                | Self::MfaRequired { .. }
                | Self::TotpSecret { .. }
                | Self::MfaLoaded(_)
                | Self::DeviceForgotten
                | Self::PasswordChanged
                | Self::DevicesLoaded { .. }
                | Self::ProfileLoaded { .. }
                | Self::SignedOut(_)
                | Self::Done
                | Self::TabChanged(_)
                | Self::Failed(_)
        )
    }
}

impl Effect {
    /// Work the user waits for (a submit): the form shows it as busy, and going back cancels it.
    /// A refresh runs in the background; sign-out and restore are not cancelled by going back.
    pub fn is_submit(&self) -> bool {
        !matches!(
            self,
            Self::Restore
                | Self::Refresh
                | Self::SignOut { .. }
                | Self::EndSession { .. }
                | Self::ForgetPending
        )
    }
}
