//! Every error the widget can meet reads as plain words, at the field it concerns, and never
//! repeats the server's text.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::wire::CognitoError;
use cognito_widget::error::AuthError;
use cognito_widget::messages::{explain, Field, Language};

fn said(name: &str, message: &str) -> (String, Option<Field>) {
    let e = explain(
        &AuthError::Cognito(CognitoError::new(name, message)),
        Language::En,
    );
    (e.text.to_owned(), e.field)
}

#[test]
fn cognito_errors_in_plain_words_at_their_field() {
    let rows: &[(&str, &str, &str, Option<Field>)] = &[
        ("NotAuthorizedException", "Incorrect username or password.", "The username or password is not right.", Some(Field::Password)),
        ("UserNotFoundException", "User does not exist.", "The username or password is not right.", Some(Field::Password)),
        ("NotAuthorizedException", "Password attempts exceeded", "Too many wrong passwords. Wait a moment before trying again.", None),
        ("NotAuthorizedException", "Invalid session for the user, session is expired.", "That took too long and the sign-in expired. Please sign in again.", None),
        ("UsernameExistsException", "An account with the given email already exists.", "An account with this name already exists. Sign in instead, or choose another.", Some(Field::Username)),
        ("CodeMismatchException", "Invalid verification code provided, please try again.", "That code is not right. Check the message we sent and try again.", Some(Field::Code)),
        ("ExpiredCodeException", "Invalid code provided, please request a code again.", "That code has expired or was already used. Ask for a new one.", Some(Field::Code)),
        ("InvalidPasswordException", "Password did not conform with policy: Password not long enough", "This password does not meet the rules listed under the field.", Some(Field::Password)),
        ("InvalidParameterException", "Attributes did not conform to the schema: custom:tenant_id: String must be no shorter than 10 characters", "This value is not accepted here.", Some(Field::Attribute("custom:tenant_id".into()))),
        ("InvalidParameterException", "Attributes did not conform to the schema: family_name: The attribute is required", "Please fill this in.", Some(Field::Attribute("family_name".into()))),
        ("InvalidParameterException", "Username should be an email.", "Enter a valid e-mail address.", Some(Field::Username)),
        ("LimitExceededException", "Attempt limit exceeded, please try after some time.", "Too many attempts. Wait a few minutes and try again.", None),
        ("com.amazonaws.cognito.identity.idp.model#SomethingNewException", "<b>server text</b>", "Something went wrong on our side. Please try again.", None),
    ];
    for (name, message, text, field) in rows {
        let got = said(name, message);
        assert_eq!(
            got,
            ((*text).to_owned(), field.clone()),
            "{name}: {message}"
        );
        assert!(
            !got.0.contains(message),
            "the server's text is not repeated"
        );
    }
}

#[test]
fn failures_outside_cognito_have_their_own_words() {
    let network = explain(
        &AuthError::Network("TypeError: Failed to fetch".into()),
        Language::En,
    );
    assert!(network
        .text
        .starts_with("We could not reach the sign-in service."));
    let config = explain(
        &AuthError::Config("user_pool_id missing".into()),
        Language::En,
    );
    assert_eq!(config.text, "This sign-in form is not set up correctly.");
}
