//! The effect runner in headless Chrome against a running cognito-emulator: sign-up, the code
//! from the outbox, confirm, a wrong password, SRP sign-in, tokens in localStorage under
//! Amplify's keys, restore after a reload, sign-out. `scripts/test` starts the emulator and
//! passes its address in COGNITO_EMULATOR at build time.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use cognito_protocol::wire::ErrorKind;
use cognito_protocol::Password;
use cognito_widget::flow::{Effect, Event, Restored};
use cognito_widget::runtime::{perform, Storage};
use cognito_widget::session::SignOutReason;
use support::{config, last_code, local_storage, sleep, unique_email};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn sign_up_confirm_sign_in_restore_and_sign_out() {
    let config = config().await;
    let storage = Storage::Local;
    let email = unique_email("runtime");
    let password = Password::new("correct horse 7");

    let signed_up = perform(
        &config,
        &storage,
        Effect::SignUp {
            username: email.clone(),
            password: password.clone(),
            attributes: vec![
                ("given_name".into(), "Ada".into()),
                ("family_name".into(), "Lovelace".into()),
            ],
        },
    )
    .await;
    let Event::SignedUp {
        confirmed: false,
        delivery: Some(delivery),
    } = signed_up
    else {
        panic!("expected a code to be sent, got {signed_up:?}");
    };
    assert_eq!(delivery.medium, "EMAIL");

    let unconfirmed = perform(
        &config,
        &storage,
        Effect::SignIn {
            username: email.clone(),
            password: password.clone(),
        },
    )
    .await;
    assert!(
        matches!(&unconfirmed, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::UserNotConfirmed)),
        "{unconfirmed:?}"
    );

    let code = last_code(&email).await;
    let confirmed = perform(
        &config,
        &storage,
        Effect::ConfirmSignUp {
            username: email.clone(),
            code,
        },
    )
    .await;
    assert_eq!(confirmed, Event::Confirmed);

    let wrong = perform(
        &config,
        &storage,
        Effect::SignIn {
            username: email.clone(),
            password: Password::new("wrong horse 7"),
        },
    )
    .await;
    assert!(
        matches!(&wrong, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::NotAuthorized)),
        "{wrong:?}"
    );

    let Event::SignedIn(profile) = perform(
        &config,
        &storage,
        Effect::SignIn {
            username: email.clone(),
            password,
        },
    )
    .await
    else {
        panic!("SRP sign-in failed");
    };
    assert!(profile
        .attributes
        .contains(&("email".into(), email.clone())));
    let prefix = format!("CognitoIdentityServiceProvider.{}", config.client_id);
    let last = local_storage()
        .get_item(&format!("{prefix}.LastAuthUser"))
        .unwrap()
        .unwrap();
    assert_eq!(
        last, profile.username,
        "the internal username (a UUID for e-mail pools)"
    );
    for key in ["idToken", "accessToken", "refreshToken", "clockDrift"] {
        assert!(
            local_storage()
                .get_item(&format!("{prefix}.{last}.{key}"))
                .unwrap()
                .is_some(),
            "{key}"
        );
    }

    // clockDrift is amazon-cognito-identity-js's: seconds, device minus Cognito (about 0 here).
    let drift_key = format!("{prefix}.{last}.clockDrift");
    let drift: i64 = local_storage()
        .get_item(&drift_key)
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(drift.abs() <= 2, "clockDrift {drift}");

    // A refresh of tokens not yet due adopts them (another tab may have refreshed): no request.
    let before = local_storage()
        .get_item(&format!("{prefix}.{last}.accessToken"))
        .unwrap();
    let adopted = perform(&config, &storage, Effect::Refresh).await;
    assert_eq!(adopted, Event::SignedIn(profile.clone()));
    assert_eq!(
        local_storage()
            .get_item(&format!("{prefix}.{last}.accessToken"))
            .unwrap(),
        before
    );

    // Read back: a device clock that is an hour behind Cognito's makes them due, and a refresh
    // brings new tokens, keeping the refresh token Cognito does not resend.
    local_storage().set_item(&drift_key, "-3590").unwrap();
    sleep(1000).await; // tokens carry whole-second iat/exp
    let refreshed = perform(&config, &storage, Effect::Refresh).await;
    assert_eq!(refreshed, Event::SignedIn(profile.clone()));
    let after = local_storage()
        .get_item(&format!("{prefix}.{last}.accessToken"))
        .unwrap();
    assert_ne!(before, after, "a new access token");
    assert!(local_storage()
        .get_item(&format!("{prefix}.{last}.refreshToken"))
        .unwrap()
        .is_some());

    let restored = perform(&config, &storage, Effect::Restore).await;
    assert_eq!(
        restored,
        Event::Restored(Restored::Session(profile.clone()))
    );

    let out = perform(&config, &storage, Effect::SignOut { global: true }).await;
    assert_eq!(out, Event::SignedOut(SignOutReason::Everywhere));
    for key in ["idToken", "accessToken", "refreshToken", "clockDrift"] {
        assert!(
            local_storage()
                .get_item(&format!("{prefix}.{last}.{key}"))
                .unwrap()
                .is_none(),
            "{key}"
        );
    }
    assert!(local_storage()
        .get_item(&format!("{prefix}.LastAuthUser"))
        .unwrap()
        .is_none());
    assert_eq!(
        perform(&config, &storage, Effect::Restore).await,
        Event::Restored(Restored::Nothing)
    );
}
