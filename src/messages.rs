//! What the user reads when something fails: one place that maps each error to its words in
//! the catalogue ([`crate::i18n`]), with the field it concerns when there is one. Server text
//! is never shown as is; it is only read to tell apart the cases Cognito files under one name.

use cognito_protocol::attributes::AttributeProblem;
use cognito_protocol::wire::ErrorKind;

use crate::error::AuthError;
pub use crate::i18n::Language;
use crate::i18n::{fill, Catalogue};

/// The form field an error belongs next to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The login name (username, e-mail or phone).
    Username,
    /// The password (or new password).
    Password,
    /// The current password, when the user changes it.
    CurrentPassword,
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

/// The plain-words explanation of `error` in `language`.
pub fn explain(error: &AuthError, language: Language) -> Explained {
    let t = language.texts();
    let e = match error {
        AuthError::Network(_) => return said(t.network, None),
        AuthError::Timeout => return said(t.timed_out, None),
        AuthError::Srp(_) => return said(t.untrusted_answer, None),
        AuthError::Storage(_) => return said(t.storage_blocked, None),
        AuthError::Config(_) => return said(t.not_set_up, None),
        AuthError::Cognito(e) => e,
    };
    let message = e.message.as_str();
    match &e.kind {
        ErrorKind::NotAuthorized if message.contains("attempts exceeded") => {
            said(t.too_many_passwords, None)
        }
        ErrorKind::NotAuthorized if message.contains("disabled") => said(t.account_disabled, None),
        // A refresh (or another call with a session's token) refused: the session is over.
        ErrorKind::NotAuthorized if message.contains("Token") => said(t.session_ended, None),
        ErrorKind::RefreshTokenReuse => said(t.session_ended, None),
        ErrorKind::NotAuthorized if message.contains("Invalid session") => {
            said(t.session_expired, None)
        }
        ErrorKind::NotAuthorized if message.contains("Temporary password has expired") => {
            said(t.temporary_password_expired, None)
        }
        ErrorKind::NotAuthorized if message.contains("SignUp is not permitted") => {
            said(t.sign_up_not_permitted, None)
        }
        ErrorKind::NotAuthorized if message.contains("cannot be confirmed") => {
            said(t.already_confirmed, None)
        }
        // A profile change the app client may not write (Cognito may name the attribute).
        ErrorKind::NotAuthorized if message.contains("unauthorized attribute") => {
            // The last word, by bytes (a `char` search would cost the bundle 0.6 KB).
            let last = message
                .bytes()
                .rposition(|b| b == b' ')
                .map(|i| &message[i + 1..]);
            let name = last.filter(|n| *n != "attribute");
            said(t.not_writable, name.map(|n| Field::Attribute(n.to_owned())))
        }
        ErrorKind::NotAuthorized | ErrorKind::UserNotFound => {
            said(t.wrong_credentials, Some(Field::Password))
        }
        ErrorKind::UserNotConfirmed => said(t.not_confirmed, Some(Field::Code)),
        ErrorKind::UsernameExists | ErrorKind::AliasExists => {
            said(t.username_exists, Some(Field::Username))
        }
        ErrorKind::InvalidPassword => said(t.password_breaks_rules, Some(Field::Password)),
        ErrorKind::PasswordHistoryPolicyViolation => {
            said(t.password_used_before, Some(Field::Password))
        }
        ErrorKind::CodeMismatch | ErrorKind::EnableSoftwareTokenMfa => {
            said(t.code_mismatch, Some(Field::Code))
        }
        ErrorKind::ExpiredCode => said(t.code_expired, Some(Field::Code)),
        ErrorKind::PasswordResetRequired => said(t.reset_required, None),
        ErrorKind::LimitExceeded
        | ErrorKind::TooManyRequests
        | ErrorKind::TooManyFailedAttempts => said(t.too_many_attempts, None),
        ErrorKind::CodeDeliveryFailure => said(t.delivery_failed, None),
        ErrorKind::InvalidParameter => invalid_parameter(t, message),
        ErrorKind::UserLambdaValidation | ErrorKind::InvalidLambdaResponse => {
            said(t.site_refused, None)
        }
        _ => said(t.something_went_wrong, None),
    }
}

/// InvalidParameterException covers many mistakes; point at the field when Cognito names it.
fn invalid_parameter(t: &'static Catalogue, message: &str) -> Explained {
    if let Some(rest) = message.strip_prefix("Attributes did not conform to the schema: ") {
        let parts = rest.split(':').collect::<Vec<_>>();
        // `custom:x: reason` or `family_name: reason`
        let attribute = match parts.as_slice() {
            ["custom", n, ..] => format!("custom:{}", n.trim()),
            [n, ..] => n.trim().to_owned(),
            [] => String::new(),
        };
        let text = if rest.contains("required") {
            t.fill_this_in
        } else {
            t.value_rejected
        };
        return said(text, Some(Field::Attribute(attribute)));
    }
    if (message.contains("email") && message.contains("format"))
        || message == "Username should be an email."
    {
        return said(t.invalid_email, Some(Field::Username));
    }
    if message.contains("phone") {
        return said(t.invalid_phone, Some(Field::Username));
    }
    if message.contains("username") || message.contains("Username") {
        return said(t.invalid_username, Some(Field::Username));
    }
    if message.contains("password") {
        return said(t.invalid_password_shape, Some(Field::Password));
    }
    said(t.not_accepted, None)
}

/// A value that breaks its attribute's rules, in plain words (checked as the user types).
pub fn attribute_problem(problem: AttributeProblem, language: Language) -> String {
    let t = language.texts();
    let n = |v: i64| v.to_string();
    match problem {
        AttributeProblem::TooLongForCognito => t.too_long.into(),
        AttributeProblem::TooShort(v) => fill(t.at_least_characters, &[&n(v)]),
        AttributeProblem::TooLong(v) => fill(t.at_most_characters, &[&n(v)]),
        AttributeProblem::NotANumber | AttributeProblem::OutOfRange(None, None) => {
            t.whole_number.into()
        }
        AttributeProblem::OutOfRange(Some(min), Some(max)) => {
            fill(t.number_between, &[&n(min), &n(max)])
        }
        AttributeProblem::OutOfRange(Some(min), None) => fill(t.number_at_least, &[&n(min)]),
        AttributeProblem::OutOfRange(None, Some(max)) => fill(t.number_at_most, &[&n(max)]),
        AttributeProblem::NotABoolean => t.true_or_false.into(),
        AttributeProblem::NotAnEmail => t.invalid_email.into(),
        AttributeProblem::NotAPhoneNumber => t.invalid_phone.into(),
    }
}
