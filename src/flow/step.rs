//! Where the user is. Each variant carries only what its screen needs.

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
}
