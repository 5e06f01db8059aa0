//! The account effects through the effect runner, in headless Chrome against the emulator's
//! demo pools: a password change (refused with a wrong current password, then made), the
//! account deleted, after which its e-mail address can sign up again, and the profile (saved
//! into the tokens, an unauthorized write explained, a changed address verified, and kept
//! waiting for its code when the pool says so).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use cognito_protocol::wire::ErrorKind;
use cognito_protocol::Password;
use cognito_widget::config::Config;
use cognito_widget::flow::{Effect, Event, Notice, Verifying};
use cognito_widget::messages::{explain, Field, Language};
use cognito_widget::runtime::{perform, Storage};
use cognito_widget::session::SignOutReason;
use support::{config, config_for, config_of, existing_user, last_code, unique_email};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sign_in(config: &Config, storage: &Storage, email: &str, password: &str) -> Event {
    let effect = Effect::SignIn {
        username: email.into(),
        password: Password::new(password),
    };
    perform(config, storage, effect).await
}

fn change(previous: &str, proposed: &str) -> Effect {
    Effect::ChangePassword {
        previous: Password::new(previous),
        proposed: Password::new(proposed),
    }
}

#[wasm_bindgen_test]
async fn a_changed_password_signs_in_and_a_deleted_account_frees_its_address() {
    let config = config().await;
    let storage = Storage::Memory(Default::default());
    let email = unique_email("account");
    existing_user(&config, &email, "first Pass 41", true).await;
    let first = sign_in(&config, &storage, &email, "first Pass 41").await;
    assert!(matches!(first, Event::SignedIn(_)), "{first:?}");

    let wrong = perform(&config, &storage, change("not it 41", "second Pass 42")).await;
    assert!(
        matches!(&wrong, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::NotAuthorized)),
        "a wrong current password is refused: {wrong:?}"
    );
    let changed = perform(&config, &storage, change("first Pass 41", "second Pass 42")).await;
    assert_eq!(changed, Event::PasswordChanged);
    let reason = SignOutReason::User;
    perform(&config, &storage, Effect::EndSession { reason }).await;
    let old = sign_in(&config, &storage, &email, "first Pass 41").await;
    assert!(
        matches!(&old, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::NotAuthorized)),
        "the old password no longer signs in: {old:?}"
    );
    let new = sign_in(&config, &storage, &email, "second Pass 42").await;
    assert!(matches!(new, Event::SignedIn(_)), "{new:?}");

    let deleted = perform(&config, &storage, Effect::DeleteAccount).await;
    assert_eq!(deleted, Event::SignedOut(SignOutReason::Deleted));
    assert!(
        storage.load(&config.client_id).unwrap().is_none(),
        "no tokens left"
    );
    let gone = sign_in(&config, &storage, &email, "second Pass 42").await;
    assert!(matches!(gone, Event::Failed(_)), "{gone:?}");
    // The address is free again.
    existing_user(&config, &email, "third Pass 43", true).await;
    let again = sign_in(&config, &storage, &email, "third Pass 43").await;
    assert!(matches!(again, Event::SignedIn(_)), "{again:?}");
}

/// The profile as the runner loads it, saves it or verifies an address.
fn loaded(event: &Event) -> (&Vec<(String, String)>, &Option<Verifying>, Option<Notice>) {
    match event {
        Event::ProfileLoaded {
            attributes,
            verifying,
            notice,
            ..
        } => (attributes, verifying, *notice),
        other => panic!("not a profile: {other:?}"),
    }
}

fn value<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn save(changes: &[(&str, &str)]) -> Effect {
    Effect::SaveProfile(
        changes
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

#[wasm_bindgen_test]
async fn a_profile_change_is_saved_into_the_tokens_and_an_unauthorized_write_is_explained() {
    // The seed's client: it may read custom:isAdmin, and not write it.
    let config = config_for("my-user-pool", Some("userpoolclientDA356A8E")).await;
    let storage = Storage::Memory(Default::default());
    let email = unique_email("profile");
    existing_user(&config, &email, "profile Pass 51", true).await;
    sign_in(&config, &storage, &email, "profile Pass 51").await;

    let first = perform(&config, &storage, Effect::LoadProfile).await;
    let (attributes, verifying, notice) = loaded(&first);
    assert_eq!(value(attributes, "given_name"), Some("Ada"));
    assert_eq!(value(attributes, "email_verified"), Some("true"));
    assert_eq!((verifying, notice), (&None, None));

    let nothing = perform(&config, &storage, save(&[])).await;
    assert_eq!(loaded(&nothing).2, Some(Notice::NothingToSave));

    let saved = perform(
        &config,
        &storage,
        save(&[("given_name", "Grace"), ("custom:city", "Paris")]),
    )
    .await;
    let (attributes, verifying, notice) = loaded(&saved);
    assert_eq!(notice, Some(Notice::ProfileSaved));
    assert_eq!(verifying, &None, "no address changed, no code");
    assert_eq!(value(attributes, "given_name"), Some("Grace"));
    assert_eq!(value(attributes, "custom:city"), Some("Paris"));
    let Event::ProfileLoaded { profile, .. } = &saved else {
        unreachable!()
    };
    assert!(
        profile
            .attributes
            .contains(&("given_name".into(), "Grace".into())),
        "the tokens were renewed: the ID token carries the change ({profile:?})"
    );

    // The demo client may read custom:isAdmin but not write it.
    let refused = perform(&config, &storage, save(&[("custom:isAdmin", "true")])).await;
    let Event::Failed(error) = &refused else {
        panic!("an unauthorized write is refused: {refused:?}")
    };
    assert_eq!(error.cognito_kind(), Some(ErrorKind::NotAuthorized));
    let said = explain(error, Language::En);
    assert_eq!(
        (said.text, said.field),
        (
            "This app may not change that. Undo the change and save again.",
            Some(Field::Attribute("custom:isAdmin".into()))
        )
    );

    // This pool uses a new address at once, unverified until its code.
    let new = unique_email("profile-new");
    let changed = perform(&config, &storage, save(&[("email", &new)])).await;
    let (attributes, verifying, _) = loaded(&changed);
    let verifying = verifying.clone().expect("a code for the new address");
    assert_eq!(
        (verifying.attribute.as_str(), verifying.waiting),
        ("email", None)
    );
    assert_eq!(value(attributes, "email"), Some(new.as_str()));
    assert_eq!(value(attributes, "email_verified"), Some("false"));
    let code = last_code(&new).await;
    let effect = Effect::VerifyAttribute {
        attribute: "email".into(),
        code,
    };
    let verified = perform(&config, &storage, effect).await;
    let (attributes, _, notice) = loaded(&verified);
    assert_eq!(notice, Some(Notice::AttributeVerified));
    assert_eq!(value(attributes, "email_verified"), Some("true"));
}

#[wasm_bindgen_test]
async fn a_new_address_is_used_only_once_its_code_is_entered_when_the_pool_says_so() {
    let config = config_of("account-demo").await;
    assert!(
        config.write_attributes.as_ref().is_some_and(|w| {
            w.contains(&"custom:team".to_owned()) && !w.contains(&"custom:plan".to_owned())
        }),
        "the client's write attributes reach the widget: {:?}",
        config.write_attributes
    );
    let storage = Storage::Memory(Default::default());
    let old = unique_email("moving");
    existing_user(&config, &old, "moving Pass 61", true).await;
    sign_in(&config, &storage, &old, "moving Pass 61").await;

    let new = unique_email("moved");
    let changed = perform(&config, &storage, save(&[("email", &new)])).await;
    let (attributes, verifying, notice) = loaded(&changed);
    assert_eq!(notice, Some(Notice::ProfileSaved));
    let verifying = verifying.clone().expect("a code for the new address");
    assert_eq!(verifying.waiting.as_deref(), Some(new.as_str()));
    assert_eq!(
        (
            value(attributes, "email"),
            value(attributes, "email_verified")
        ),
        (Some(old.as_str()), Some("true")),
        "the old address stays in use, verified"
    );
    let other = Storage::Memory(Default::default());
    let early = sign_in(&config, &other, &new, "moving Pass 61").await;
    assert!(
        matches!(early, Event::Failed(_)),
        "the new address does not sign in before its code: {early:?}"
    );

    let wrong = Effect::VerifyAttribute {
        attribute: "email".into(),
        code: "000000".into(),
    };
    let refused = perform(&config, &storage, wrong).await;
    assert!(
        matches!(&refused, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::CodeMismatch)),
        "{refused:?}"
    );
    let again = perform(&config, &storage, Effect::SendAttributeCode(verifying)).await;
    let (_, verifying, notice) = loaded(&again);
    assert_eq!(notice, Some(Notice::CodeResent));
    assert_eq!(
        verifying.as_ref().and_then(|v| v.waiting.as_deref()),
        Some(new.as_str()),
        "a new code is still for the address waiting"
    );
    let effect = Effect::VerifyAttribute {
        attribute: "email".into(),
        code: last_code(&new).await,
    };
    let verified = perform(&config, &storage, effect).await;
    let (attributes, _, _) = loaded(&verified);
    assert_eq!(value(attributes, "email"), Some(new.as_str()));
    let late = sign_in(&config, &other, &new, "moving Pass 61").await;
    assert!(matches!(late, Event::SignedIn(_)), "{late:?}");

    // A phone number: its code goes by SMS.
    let changed = perform(&config, &storage, save(&[("phone_number", "+14155550123")])).await;
    let (_, verifying, _) = loaded(&changed);
    let verifying = verifying.clone().expect("a code for the phone number");
    assert_eq!(verifying.attribute, "phone_number");
    assert_eq!(
        verifying.delivery.as_ref().map(|d| d.medium.as_str()),
        Some("SMS")
    );
    let effect = Effect::VerifyAttribute {
        attribute: "phone_number".into(),
        code: last_code("+14155550123").await,
    };
    let verified = perform(&config, &storage, effect).await;
    let (attributes, _, _) = loaded(&verified);
    assert_eq!(value(attributes, "phone_number_verified"), Some("true"));
}
