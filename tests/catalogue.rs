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
        ("NotAuthorizedException", "A client attempted to write unauthorized attribute custom:isAdmin", "This app may not change that. Undo the change and save again.", Some(Field::Attribute("custom:isAdmin".into()))),
        ("NotAuthorizedException", "A client attempted to write unauthorized attribute", "This app may not change that. Undo the change and save again.", None),
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

/// The shipped catalogue files, installed in this test's thread (installation is per thread,
/// as a page is).
fn install_all() {
    use cognito_widget::i18n::install;
    install(Language::De, include_str!("../www/i18n/de.json")).unwrap();
    install(Language::Fr, include_str!("../www/i18n/fr.json")).unwrap();
    install(Language::Es, include_str!("../www/i18n/es.json")).unwrap();
}

#[test]
fn four_languages_with_the_same_placeholders() {
    use cognito_widget::i18n::{fill, KEYS};
    assert_eq!(Language::parse("de-AT"), Some(Language::De));
    assert_eq!(Language::parse("fr_CA"), Some(Language::Fr));
    assert_eq!(Language::parse("es"), Some(Language::Es));
    assert_eq!(Language::parse("tlh"), None);
    install_all();
    let en = Language::En.texts();
    for language in [Language::De, Language::Fr, Language::Es] {
        assert!(language.is_installed());
        let t = language.texts();
        assert_ne!(
            t.sign_in_title, en.sign_in_title,
            "{language:?} is translated"
        );
        for key in KEYS {
            let (english, translated) = (en.text(key).unwrap(), t.text(key).unwrap());
            assert!(!translated.is_empty(), "{language:?}: {key} is empty");
            assert_eq!(
                english.matches("{}").count(),
                translated.matches("{}").count(),
                "{language:?}: {key}: {translated}"
            );
        }
    }
    assert_eq!(
        fill(Language::De.texts().number_between, &["1", "100"]),
        "Geben Sie eine Zahl von 1 bis 100 ein."
    );
}

#[test]
fn english_until_a_language_is_installed() {
    use cognito_widget::i18n::install;
    // A fresh thread: nothing installed yet.
    std::thread::spawn(|| {
        assert!(!Language::De.is_installed());
        assert_eq!(Language::De.texts().sign_in_title, "Sign in");
        install(Language::De, include_str!("../www/i18n/de.json")).unwrap();
        assert_eq!(Language::De.texts().sign_in_title, "Anmelden");
        assert_eq!(Language::Fr.texts().sign_in_title, "Sign in");
    })
    .join()
    .unwrap();
}

#[test]
fn a_catalogue_file_names_exactly_the_widget_texts() {
    use cognito_widget::i18n::{Catalogue, KEYS};
    let de: serde_json::Value = serde_json::from_str(include_str!("../www/i18n/de.json")).unwrap();
    let with = |change: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
        let mut map = de.as_object().unwrap().clone();
        change(&mut map);
        Catalogue::from_json(&serde_json::Value::Object(map).to_string()).map(|_| ())
    };
    assert_eq!(with(&|_| {}), Ok(()));
    assert_eq!(
        with(&|m| {
            m.remove("sign_out");
        }),
        Err("sign_out is missing".into())
    );
    assert_eq!(
        with(&|m| {
            m.insert("sign_ot".into(), "Abmelden".into());
        }),
        Err("sign_ot is not a text of the widget".into())
    );
    assert_eq!(
        with(&|m| {
            m.insert("sign_out".into(), 3.into());
        }),
        Err("sign_out is not text".into())
    );
    assert_eq!(
        Catalogue::from_json("[]").map(|_| ()),
        Err("the texts are not a JSON object".into())
    );
    assert!(Catalogue::from_json("{").is_err());
    assert_eq!(KEYS.len(), de.as_object().unwrap().len());
}

#[test]
fn errors_in_the_configured_language() {
    install_all();
    let wrong = AuthError::Cognito(CognitoError::new(
        "NotAuthorizedException",
        "Incorrect username or password.",
    ));
    assert_eq!(
        explain(&wrong, Language::De).text,
        "Benutzername oder Passwort ist nicht richtig."
    );
    assert_eq!(
        explain(&wrong, Language::Fr).text,
        "Le nom d'utilisateur ou le mot de passe est incorrect."
    );
    assert_eq!(
        explain(&wrong, Language::Es).text,
        "El nombre de usuario o la contraseña no son correctos."
    );
    let problem = cognito_protocol::attributes::AttributeProblem::TooShort(10);
    assert_eq!(
        cognito_widget::messages::attribute_problem(problem, Language::Fr),
        "Utilisez au moins 10 caractères."
    );
}
