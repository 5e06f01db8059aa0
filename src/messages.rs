//! What the user reads when something fails: one catalogue, keyed by the error, in plain
//! words, with the field the error concerns when there is one. Server text is never shown as
//! is; it is only read to tell apart the cases Cognito files under one error name.

use cognito_protocol::attributes::AttributeProblem;
use cognito_protocol::wire::ErrorKind;

use crate::error::AuthError;

/// The language of the catalogue. English first; more are added as variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English.
    #[default]
    En,
}

/// The form field an error belongs next to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The login name (username, e-mail or phone).
    Username,
    /// The password (or new password).
    Password,
    /// The confirmation or reset code.
    Code,
    /// A user attribute, by its API name (`family_name`, `custom:tenant_id`).
    Attribute(String),
}

/// An error as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The sentence to show.
    pub text: &'static str,
    /// Where to show it; `None` means above the form.
    pub field: Option<Field>,
}

fn said(text: &'static str, field: Option<Field>) -> Explained {
    Explained { text, field }
}

/// The plain-words explanation of `error`.
pub fn explain(error: &AuthError, _language: Language) -> Explained {
    let e = match error {
        AuthError::Network(_) => {
            return said(
                "We could not reach the sign-in service. Check your connection and try again.",
                None,
            )
        }
        AuthError::Srp(_) => {
            return said(
                "The sign-in service sent an answer we cannot trust. Please try again.",
                None,
            )
        }
        AuthError::Storage(_) => {
            return said(
                "This browser would not let us keep you signed in (storage is blocked).",
                None,
            )
        }
        AuthError::Config(_) => {
            return said("This sign-in form is not set up correctly.", None);
        }
        AuthError::Cognito(e) => e,
    };
    let message = e.message.as_str();
    match &e.kind {
        ErrorKind::NotAuthorized if message.contains("attempts exceeded") => said(
            "Too many wrong passwords. Wait a moment before trying again.",
            None,
        ),
        ErrorKind::NotAuthorized if message.contains("disabled") => said(
            "This account is disabled. Contact the site's administrator.",
            None,
        ),
        ErrorKind::NotAuthorized if message.contains("session is expired") => said(
            "That took too long and the sign-in expired. Please sign in again.",
            None,
        ),
        ErrorKind::NotAuthorized if message.contains("Temporary password has expired") => said(
            "Your temporary password has expired. Ask the administrator for a new one.",
            None,
        ),
        ErrorKind::NotAuthorized if message.contains("SignUp is not permitted") => said(
            "New accounts cannot be created here. Ask the administrator for an invitation.",
            None,
        ),
        ErrorKind::NotAuthorized if message.contains("cannot be confirmed") => {
            said("This account is already confirmed. You can sign in.", None)
        }
        ErrorKind::NotAuthorized | ErrorKind::UserNotFound => said(
            "The username or password is not right.",
            Some(Field::Password),
        ),
        ErrorKind::UserNotConfirmed => said(
            "This account is not confirmed yet. Enter the code we sent you.",
            Some(Field::Code),
        ),
        ErrorKind::UsernameExists | ErrorKind::AliasExists => said(
            "An account with this name already exists. Sign in instead, or choose another.",
            Some(Field::Username),
        ),
        ErrorKind::InvalidPassword => said(
            "This password does not meet the rules listed under the field.",
            Some(Field::Password),
        ),
        ErrorKind::CodeMismatch => said(
            "That code is not right. Check the message we sent and try again.",
            Some(Field::Code),
        ),
        ErrorKind::ExpiredCode => said(
            "That code has expired or was already used. Ask for a new one.",
            Some(Field::Code),
        ),
        ErrorKind::PasswordResetRequired => said(
            "Your password must be reset. Enter the code we sent you and choose a new password.",
            None,
        ),
        ErrorKind::LimitExceeded
        | ErrorKind::TooManyRequests
        | ErrorKind::TooManyFailedAttempts => {
            said("Too many attempts. Wait a few minutes and try again.", None)
        }
        ErrorKind::CodeDeliveryFailure => said(
            "We could not send the code. Check the address or number and try again.",
            None,
        ),
        ErrorKind::InvalidParameter => invalid_parameter(message),
        ErrorKind::UserLambdaValidation | ErrorKind::InvalidLambdaResponse => said(
            "The site refused this request. Check what you entered.",
            None,
        ),
        _ => said("Something went wrong on our side. Please try again.", None),
    }
}

/// InvalidParameterException covers many mistakes; point at the field when Cognito names it.
fn invalid_parameter(message: &str) -> Explained {
    if let Some(rest) = message.strip_prefix("Attributes did not conform to the schema: ") {
        let name = rest.split(':').collect::<Vec<_>>();
        // `custom:x: reason` or `family_name: reason`
        let attribute = match name.as_slice() {
            ["custom", n, ..] => format!("custom:{}", n.trim()),
            [n, ..] => n.trim().to_owned(),
            [] => String::new(),
        };
        let text = if rest.contains("required") {
            "Please fill this in."
        } else {
            "This value is not accepted here."
        };
        return said(text, Some(Field::Attribute(attribute)));
    }
    if (message.contains("email") && message.contains("format"))
        || message == "Username should be an email."
    {
        return said("Enter a valid e-mail address.", Some(Field::Username));
    }
    if message.contains("phone") {
        return said(
            "Enter the phone number with its country code, like +14155550123.",
            Some(Field::Username),
        );
    }
    if message.contains("username") || message.contains("Username") {
        return said(
            "This username cannot be used. Use letters, digits and symbols, without spaces.",
            Some(Field::Username),
        );
    }
    if message.contains("password") {
        return said(
            "This password cannot be used: it may not start or end with a space.",
            Some(Field::Password),
        );
    }
    said(
        "Some of what you entered was not accepted. Please check it.",
        None,
    )
}

/// A value that breaks its attribute's rules, in plain words (checked as the user types).
pub fn attribute_problem(problem: AttributeProblem) -> String {
    match problem {
        AttributeProblem::TooLongForCognito => "This is too long.".into(),
        AttributeProblem::TooShort(n) => format!("Use at least {n} characters."),
        AttributeProblem::TooLong(n) => format!("Use at most {n} characters."),
        AttributeProblem::NotANumber => "Enter a whole number.".into(),
        AttributeProblem::OutOfRange(Some(min), Some(max)) => {
            format!("Enter a number from {min} to {max}.")
        }
        AttributeProblem::OutOfRange(Some(min), None) => format!("Enter {min} or more."),
        AttributeProblem::OutOfRange(None, Some(max)) => format!("Enter {max} or less."),
        AttributeProblem::OutOfRange(None, None) => "Enter a whole number.".into(),
        AttributeProblem::NotABoolean => "Enter true or false.".into(),
        AttributeProblem::NotAnEmail => "Enter a valid e-mail address.".into(),
        AttributeProblem::NotAPhoneNumber => {
            "Enter the phone number with its country code, like +14155550123.".into()
        }
    }
}
