//! Second factors and remembered devices through the effect runner, in headless Chrome against
//! the emulator's MFA demo pool (MFA required: an authenticator app or e-mail codes; devices
//! remembered when the user says so). TOTP codes are computed here, from the secret the
//! emulator handed out, with `cognito-protocol`'s RFC 6238 code (checked against the RFC's
//! vectors in its own tests).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use cognito_protocol::mfa::MfaFactor;
use cognito_protocol::wire::ErrorKind;
use cognito_protocol::{totp, Password};
use cognito_widget::config::Config;
use cognito_widget::flow::{Challenge, Effect, Event, MfaPrompt};
use cognito_widget::runtime::{has_device, perform, Storage};
use cognito_widget::session::SignOutReason;
use serde_json::json;
use support::{admin, config_of, last_code, unique_email};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Passw0rdA";

/// The app's code `steps` steps from now (a code is taken once: each sign-in needs a later one).
fn app_code(secret: &str, steps: i64) -> String {
    let now = (js_sys::Date::now() / 1000.0) as i64 + 30 * steps;
    totp::code_at(&totp::secret_from_code(secret).unwrap(), now as u64)
}

async fn sign_in(config: &Config, storage: &Storage, email: &str) -> Event {
    let effect = Effect::SignIn {
        username: email.into(),
        password: Password::new(PASSWORD),
    };
    perform(config, storage, effect).await
}

/// An administrator's invitation: the user signs in with the temporary password, chooses a
/// password, and is asked to set an authenticator app up. Returns the app's secret.
async fn invited_user_sets_up_totp(config: &Config, storage: &Storage, email: &str) -> String {
    admin(
        "AdminCreateUser",
        json!({"UserPoolId": config.pool.as_str(), "Username": email, "TemporaryPassword": "Temp0rary!",
               "MessageAction": "SUPPRESS",
               "UserAttributes": [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}]}),
    )
    .await;
    let first = perform(
        config,
        storage,
        Effect::SignIn {
            username: email.into(),
            password: Password::new("Temp0rary!"),
        },
    )
    .await;
    let Event::NewPasswordRequired {
        username, session, ..
    } = first
    else {
        panic!("expected a new password first, got {first:?}");
    };
    let chosen = perform(
        config,
        storage,
        Effect::CompleteNewPassword {
            login: email.into(),
            username,
            session,
            password: Password::new(PASSWORD),
            attributes: vec![],
        },
    )
    .await;
    let Event::TotpSecret {
        challenge: Some(challenge),
        secret,
    } = chosen
    else {
        panic!("expected the authenticator app's secret (MFA_SETUP), got {chosen:?}");
    };
    assert_eq!(
        challenge.login, email,
        "the app's account is the name typed, not the internal username"
    );
    let wrong = perform(
        config,
        storage,
        Effect::VerifyTotp {
            challenge: Some(challenge.clone()),
            code: if app_code(&secret, 0) == "000000" {
                "111111"
            } else {
                "000000"
            }
            .into(),
            remember: false,
        },
    )
    .await;
    assert!(
        matches!(&wrong, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::EnableSoftwareTokenMfa)),
        "{wrong:?}"
    );
    let verified = perform(
        config,
        storage,
        Effect::VerifyTotp {
            challenge: Some(challenge),
            code: app_code(&secret, 0),
            remember: false,
        },
    )
    .await;
    assert!(matches!(verified, Event::SignedIn(_)), "{verified:?}");
    secret
}

/// Signing out clears the tokens (what `SignOut` does before revoking the refresh token in
/// the background, which needs the app's task executor).
async fn sign_out(config: &Config, storage: &Storage) {
    let reason = SignOutReason::User;
    let out = perform(config, storage, Effect::EndSession { reason }).await;
    assert_eq!(out, Event::SignedOut(reason));
}

/// The sign-in's TOTP challenge.
fn asked_for_app(event: Event) -> Challenge {
    match event {
        Event::MfaRequired {
            challenge,
            prompt:
                MfaPrompt::Code {
                    factor: MfaFactor::SoftwareToken,
                    destination: None,
                },
        } => challenge,
        other => panic!("expected the authenticator app's code, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn totp_setup_then_a_remembered_device_skips_the_code_until_forgotten() {
    let config = config_of("mfa-demo").await;
    assert!(
        config.mfa_required && config.remember_on_prompt,
        "{config:?}"
    );
    assert_eq!(config.totp_issuer, "mfa-demo");
    let storage = Storage::Memory(Default::default());
    let email = unique_email("totp");
    let secret = invited_user_sets_up_totp(&config, &storage, &email).await;
    sign_out(&config, &storage).await;

    // Next sign-in: the app's code, and "remember this device".
    let challenge = asked_for_app(sign_in(&config, &storage, &email).await);
    let wrong = perform(
        &config,
        &storage,
        Effect::AnswerMfa {
            challenge: challenge.clone(),
            factor: MfaFactor::SoftwareToken,
            code: if app_code(&secret, 1) == "000000" {
                "111111"
            } else {
                "000000"
            }
            .into(),
            remember: true,
        },
    )
    .await;
    assert!(
        matches!(&wrong, Event::Failed(e) if e.cognito_kind() == Some(ErrorKind::CodeMismatch)),
        "{wrong:?}"
    );
    let answered = perform(
        &config,
        &storage,
        Effect::AnswerMfa {
            challenge,
            factor: MfaFactor::SoftwareToken,
            code: app_code(&secret, 1),
            remember: true,
        },
    )
    .await;
    let Event::SignedIn(profile) = answered else {
        panic!("expected to be signed in, got {answered:?}");
    };
    assert!(
        has_device(&config.client_id, &storage, &profile.username),
        "the confirmed, remembered device is kept under identity-js's keys"
    );
    let devices = admin(
        "AdminListDevices",
        json!({"UserPoolId": config.pool.as_str(), "Username": email}),
    )
    .await;
    let remembered = r#""Value":"remembered""#;
    assert!(devices.to_string().contains(remembered), "{devices}");
    sign_out(&config, &storage).await;
    assert!(
        has_device(&config.client_id, &storage, &profile.username),
        "signing out keeps the device"
    );

    // The remembered device answers device SRP: no code asked.
    let straight = sign_in(&config, &storage, &email).await;
    assert!(matches!(straight, Event::SignedIn(_)), "{straight:?}");

    // Forgotten: the next sign-in asks for the code again.
    let forgot = perform(&config, &storage, Effect::ForgetDevice).await;
    assert_eq!(forgot, Event::DeviceForgotten);
    assert!(!has_device(&config.client_id, &storage, &profile.username));
    sign_out(&config, &storage).await;
    asked_for_app(sign_in(&config, &storage, &email).await);
}

#[wasm_bindgen_test]
async fn settings_turn_email_codes_on_and_the_sign_in_lets_the_user_choose() {
    let config = config_of("mfa-demo").await;
    let storage = Storage::Memory(Default::default());
    let email = unique_email("choose");
    invited_user_sets_up_totp(&config, &storage, &email).await;

    let loaded = perform(&config, &storage, Effect::LoadMfa).await;
    let Event::MfaLoaded(mfa) = loaded else {
        panic!("{loaded:?}");
    };
    assert_eq!(mfa.enabled, vec![MfaFactor::SoftwareToken]);
    assert_eq!(mfa.preferred, Some(MfaFactor::SoftwareToken));
    // E-mail on, and neither preferred: the sign-in offers both.
    for (factor, enabled, preferred) in [
        (MfaFactor::Email, true, false),
        (MfaFactor::SoftwareToken, true, false),
    ] {
        let set = Effect::SetMfa {
            factor,
            enabled,
            preferred,
        };
        assert!(matches!(
            perform(&config, &storage, set).await,
            Event::MfaLoaded(_)
        ));
    }
    sign_out(&config, &storage).await;
    let choice = sign_in(&config, &storage, &email).await;
    let Event::MfaRequired {
        challenge,
        prompt: MfaPrompt::Choose(choices),
    } = choice
    else {
        panic!("expected a choice of factor, got {choice:?}");
    };
    assert_eq!(choices, vec![MfaFactor::SoftwareToken, MfaFactor::Email]);
    let chose = perform(
        &config,
        &storage,
        Effect::ChooseMfa {
            challenge,
            factor: MfaFactor::Email,
        },
    )
    .await;
    let Event::MfaRequired {
        challenge,
        prompt:
            MfaPrompt::Code {
                factor: MfaFactor::Email,
                destination: Some(destination),
            },
    } = chose
    else {
        panic!("expected an e-mailed code, got {chose:?}");
    };
    assert!(destination.contains("***"), "masked: {destination}");
    let done = perform(
        &config,
        &storage,
        Effect::AnswerMfa {
            challenge,
            factor: MfaFactor::Email,
            code: last_code(&email).await,
            remember: false,
        },
    )
    .await;
    assert!(matches!(done, Event::SignedIn(_)), "{done:?}");
}
