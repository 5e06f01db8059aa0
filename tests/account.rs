//! The account effects through the effect runner, in headless Chrome against the emulator's
//! demo pool: a password change (refused with a wrong current password, then made), and the
//! account deleted, after which its e-mail address can sign up again.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use cognito_protocol::wire::ErrorKind;
use cognito_protocol::Password;
use cognito_widget::config::Config;
use cognito_widget::flow::{Effect, Event};
use cognito_widget::runtime::{perform, Storage};
use cognito_widget::session::SignOutReason;
use support::{config, existing_user, unique_email};
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
