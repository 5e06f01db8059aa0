//! The widget mounted in headless Chrome, driven like a user against the running emulator:
//! each flow from the form to the signed-in view. `scripts/test` starts the emulator.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_storage() {
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn sign_up_then_code_from_the_outbox_then_signed_in() {
    fresh_storage();
    let config = config().await;
    let widget = mount(&config);
    let email = unique_email("journey");
    widget.wait_for("#cw-username").await;
    widget.click("Create an account");
    widget.wait_for("#cw-password-again").await;
    // The live checklist follows the pool's policy (demo pool: 6+ characters, lower case, a number).
    widget.type_into("#cw-password", "abc");
    sleep(20).await; // let the view catch up
    assert_eq!(
        widget
            .host
            .query_selector_all(".cw-rule.cw-met")
            .unwrap()
            .length(),
        1
    );
    widget.type_into("#cw-username", &email);
    widget.type_into("#cw-password", "secret 42");
    widget.type_into("#cw-password-again", "secret 42");
    widget.type_into("#cw-attr-given_name", "Ada");
    widget.type_into("#cw-attr-family_name", "Lovelace");
    sleep(20).await;
    assert_eq!(
        widget
            .host
            .query_selector_all(".cw-rule:not(.cw-met)")
            .unwrap()
            .length(),
        0
    );
    widget.click("Create account");

    let code_input = widget.wait_for("#cw-code").await;
    assert_eq!(
        code_input.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert_eq!(
        code_input.get_attribute("inputmode").as_deref(),
        Some("numeric")
    );
    widget
        .wait_for_text("[data-testid=cw-destination]", "j***@e***")
        .await;
    widget.type_into("#cw-code", &last_code(&email).await);
    widget.click("Confirm");

    // The password is still in memory: confirming signs straight in.
    widget.wait_for("[data-testid=cw-signed-in]").await;
    widget.wait_for_text("[data-testid=cw-who]", &email).await;
}

#[wasm_bindgen_test]
async fn a_wrong_password_is_explained_and_what_was_typed_stays() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("wrong");
    existing_user(&config, &email, "secret 42", true).await;
    let widget = mount(&config);
    widget.sign_in(&email, "not it 42").await;
    widget
        .wait_for_text(
            "#cw-password-error",
            "The username or password is not right.",
        )
        .await;
    let banner = widget.find("[data-testid=cw-error]").unwrap();
    assert!(banner.inner_text().is_empty(), "said once, at the field");
    assert_eq!(widget.value("#cw-username"), email);
    assert_eq!(widget.value("#cw-password"), "not it 42");
    let password = widget.find("#cw-password").unwrap();
    assert_eq!(
        password.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(password
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("cw-password-error"));
    // Fixing the password signs in.
    widget.type_into("#cw-password", "secret 42");
    widget.click("Sign in");
    widget.wait_for("[data-testid=cw-signed-in]").await;
}

#[wasm_bindgen_test]
async fn an_unconfirmed_user_is_sent_to_the_code_form() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("unconfirmed");
    existing_user(&config, &email, "secret 42", false).await;
    let first_code = last_code(&email).await;
    let widget = mount(&config);
    widget.sign_in(&email, "secret 42").await;
    widget.wait_for("#cw-code").await;
    // A fresh code was sent; the one from sign-up no longer works.
    let mut code = last_code(&email).await;
    for _ in 0..50 {
        if code != first_code {
            break;
        }
        sleep(20).await;
        code = last_code(&email).await;
    }
    assert_ne!(
        code, first_code,
        "signing in to an unconfirmed account sends a new code"
    );
    // The outbox can show the code before the widget has the answer: until then the form is
    // busy and Confirm does nothing. The masked destination shows once it has it.
    widget
        .wait_for_text("[data-testid=cw-destination]", "***")
        .await;
    widget.type_into("#cw-code", &code);
    widget.click("Confirm");
    widget.wait_for("[data-testid=cw-signed-in]").await;
}

#[wasm_bindgen_test]
async fn an_admin_created_user_chooses_a_password_and_missing_attributes() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("invited");
    admin(
        "AdminCreateUser",
        admin_create(config.pool.as_str(), &email, "Temporary 1"),
    )
    .await;
    let widget = mount(&config);
    widget.sign_in(&email, "Temporary 1").await;
    widget.wait_for("#cw-new-password").await;
    // The administrator left out family_name, which the pool requires.
    widget.wait_for("#cw-attr-family_name").await;
    widget.type_into("#cw-new-password", "chosen 42");
    widget.type_into("#cw-attr-family_name", "Turing");
    widget.click("Change password");
    widget.wait_for("[data-testid=cw-signed-in]").await;
    assert!(widget.host.inner_text().contains("Turing"));
}

#[wasm_bindgen_test]
async fn forgot_password_resets_with_the_emailed_code() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("forgot");
    existing_user(&config, &email, "secret 42", true).await;
    let widget = mount(&config);
    widget.wait_for("#cw-username").await;
    widget.type_into("#cw-username", &email);
    widget.click("Forgot your password?");
    widget
        .wait_for_text(".cw-title", "Reset your password")
        .await;
    assert_eq!(
        widget.value("#cw-username"),
        email,
        "the typed name is carried over"
    );
    widget.click("Send code");
    widget.wait_for("#cw-new-password").await;
    widget.type_into("#cw-code", &last_code(&email).await);
    widget.type_into("#cw-new-password", "renewed 42");
    widget.click("Reset password");
    widget
        .wait_for_text("[data-testid=cw-notice]", "Your password was changed")
        .await;
    assert_eq!(widget.value("#cw-username"), email);
    widget.type_into("#cw-password", "renewed 42");
    widget.click("Sign in");
    widget.wait_for("[data-testid=cw-signed-in]").await;
}

#[wasm_bindgen_test]
async fn a_reload_restores_the_session_and_sign_out_clears_storage() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("reload");
    existing_user(&config, &email, "secret 42", true).await;
    let prefix = format!("CognitoIdentityServiceProvider.{}.", config.client_id);
    {
        let widget = mount(&config);
        widget.sign_in(&email, "secret 42").await;
        widget.wait_for("[data-testid=cw-signed-in]").await;
    } // unmounted: as good as a reload for the widget
    assert_eq!(
        stored_keys(&prefix).len(),
        5,
        "LastAuthUser and four token keys: {:?}",
        stored_keys(&prefix)
    );
    local_storage().set_item("unrelated", "kept").unwrap();

    let widget = mount(&config);
    widget.wait_for("[data-testid=cw-signed-in]").await;
    widget.wait_for_text("[data-testid=cw-who]", &email).await;
    widget.click("Sign out");
    widget.wait_for("#cw-username").await;
    assert!(
        stored_keys(&prefix).is_empty(),
        "{:?}",
        stored_keys(&prefix)
    );
    assert_eq!(
        local_storage().get_item("unrelated").unwrap().as_deref(),
        Some("kept")
    );
}

#[wasm_bindgen_test]
async fn a_pending_confirmation_survives_a_reload() {
    fresh_storage();
    let config = config().await;
    let email = unique_email("pending");
    {
        let widget = mount(&config);
        widget.wait_for("#cw-username").await;
        widget.click("Create an account");
        widget.wait_for("#cw-password-again").await;
        widget.type_into("#cw-username", &email);
        widget.type_into("#cw-password", "secret 42");
        widget.type_into("#cw-password-again", "secret 42");
        widget.type_into("#cw-attr-given_name", "Ada");
        widget.type_into("#cw-attr-family_name", "Lovelace");
        widget.click("Create account");
        widget.wait_for("#cw-code").await;
    } // reload
    let widget = mount(&config);
    widget.wait_for("#cw-code").await;
    widget
        .wait_for_text("[data-testid=cw-destination]", "p***@e***")
        .await;
    widget.type_into("#cw-code", &last_code(&email).await);
    widget.click("Confirm");
    // The password did not survive the reload (it is never stored): sign in by hand.
    widget
        .wait_for_text("[data-testid=cw-notice]", "Your account is confirmed")
        .await;
    assert_eq!(widget.value("#cw-username"), email);
    widget.type_into("#cw-password", "secret 42");
    widget.click("Sign in");
    widget.wait_for("[data-testid=cw-signed-in]").await;
    assert!(
        stored_keys("CognitoWidget.").is_empty(),
        "the pending sign-up is forgotten"
    );
}

#[wasm_bindgen_test]
async fn custom_attributes_are_checked_as_typed_and_a_password_flow_client_works() {
    fresh_storage();
    // Seeds 001/002: custom attributes with bounds, a client that allows only USER_PASSWORD_AUTH.
    let config = config_of("awesome-user-pool").await;
    assert_eq!(config.flow, cognito_widget::config::AuthFlow::Password);
    let widget = mount(&config);
    let email = unique_email("tenant");
    widget.wait_for("#cw-username").await;
    widget.click("Create an account");
    widget.wait_for("#cw-attr-custom-tenant_id").await;
    widget.type_into("#cw-username", &email);
    widget.type_into("#cw-password", "1234Abcd^");
    widget.type_into("#cw-password-again", "1234Abcd^");
    widget.type_into("#cw-attr-family_name", "Foobar");
    widget.type_into("#cw-attr-custom-tenant_id", "short");
    widget.type_into("#cw-attr-custom-employee_id", "500");
    widget
        .wait_for_text(
            "#cw-attr-custom-tenant_id-error",
            "Use at least 10 characters.",
        )
        .await;
    widget
        .wait_for_text(
            "#cw-attr-custom-employee_id-error",
            "Enter a number from 1 to 100.",
        )
        .await;
    let tenant = widget.find("#cw-attr-custom-tenant_id").unwrap();
    assert_eq!(
        tenant.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    widget.click("Create account");
    sleep(100).await;
    assert!(
        widget.find("#cw-code").is_none(),
        "an invalid form is not sent"
    );

    widget.type_into("#cw-attr-custom-tenant_id", "1234567890");
    widget.type_into("#cw-attr-custom-employee_id", "10");
    sleep(20).await;
    assert!(widget.find("#cw-attr-custom-tenant_id-error").is_none());
    widget.click("Create account");
    widget.wait_for("#cw-code").await;
    widget.type_into("#cw-code", &last_code(&email).await);
    widget.click("Confirm");
    widget.wait_for("[data-testid=cw-signed-in]").await;
    widget.wait_for_text("[data-testid=cw-who]", &email).await;
}

#[wasm_bindgen_test]
async fn an_initial_sign_up_screen_and_a_hidden_sign_up() {
    fresh_storage();
    let mut config = config().await;
    config.start_with_sign_up = true;
    {
        let widget = mount(&config);
        widget.wait_for("#cw-password-again").await;
        widget.wait_for_text(".cw-title", "Create an account").await;
    }
    config.start_with_sign_up = false;
    config.hide_sign_up = true;
    let widget = mount(&config);
    widget.wait_for("#cw-username").await;
    assert!(
        !widget.host.inner_text().contains("Create an account"),
        "{}",
        widget.host.inner_text()
    );
}

/// The id of the element that has the focus.
fn focused() -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn focus_moves_to_each_new_step_but_not_away_from_typing() {
    fresh_storage();
    let config = config().await;
    let widget = mount(&config);
    widget.wait_for("#cw-username").await;
    widget.click("Create an account");
    widget.wait_for("#cw-password-again").await;
    sleep(100).await; // a few frames
    assert_eq!(focused(), "cw-username", "the new step's first input");

    // Someone already typing in the new step (a fast typist, a password manager) keeps focus.
    widget.click("Have an account? Sign in");
    // The sign-in form replaces the sign-up form (which had a #cw-password too).
    widget.wait_for_text(".cw-title", "Sign in").await;
    let password = widget.wait_for("#cw-password").await;
    password.focus().unwrap();
    sleep(100).await;
    assert_eq!(
        focused(),
        "cw-password",
        "focus was not taken from the password"
    );
}

/// What a Leptos host's `on_event` heard, in order.
type Heard = std::sync::Arc<std::sync::Mutex<Vec<cognito_widget::SessionEvent>>>;

fn hearing() -> (
    Heard,
    leptos::prelude::Callback<cognito_widget::SessionEvent>,
) {
    let heard = Heard::default();
    let keep = heard.clone();
    let callback = leptos::prelude::Callback::new(move |event| keep.lock().unwrap().push(event));
    (heard, callback)
}

#[wasm_bindgen_test]
async fn a_leptos_host_hears_the_session_events_typed() {
    use cognito_widget::{SessionEvent, SignOutReason};
    fresh_storage();
    let config = config().await;
    let email = unique_email("typed");
    existing_user(&config, &email, "secret 42", true).await;
    let prefix = format!("CognitoIdentityServiceProvider.{}.", config.client_id);

    let (heard, on_event) = hearing();
    let widget = mount_hearing(&config, Some(on_event));
    widget.sign_in(&email, "wrong 42").await;
    widget
        .wait_for_text(
            "#cw-password-error",
            "The username or password is not right.",
        )
        .await;
    widget.type_into("#cw-password", "secret 42");
    widget.click("Sign in");
    widget.wait_for("[data-testid=cw-signed-in]").await;
    widget.click("Sign out");
    widget.wait_for("#cw-username").await;
    let heard = std::mem::take(&mut *heard.lock().unwrap());
    let [SessionEvent::Error { name, message }, SessionEvent::SignedIn(session), SessionEvent::SignedOut(reason)] =
        &heard[..]
    else {
        panic!("error, signed in, signed out: heard {} events", heard.len());
    };
    assert_eq!(name, "NotAuthorizedException");
    assert!(
        !message.is_empty() && !message.contains("Exception"),
        "{message}"
    );
    assert_eq!(session.claims["email"].as_str(), Some(email.as_str()));
    assert!(session.expires_at.is_some() && session.id_token.split('.').count() == 3);
    assert!(
        session.refresh_token.is_none(),
        "the refresh token reaches the host only when it opts in"
    );
    assert_eq!(*reason, SignOutReason::User);
    drop(widget);

    // Opted in: the refresh token comes too, the one in storage.
    let config = cognito_widget::config::Config {
        expose_refresh_token: true,
        ..config
    };
    let (heard, on_event) = hearing();
    let widget = mount_hearing(&config, Some(on_event));
    widget.sign_in(&email, "secret 42").await;
    widget.wait_for("[data-testid=cw-signed-in]").await;
    let user = local_storage()
        .get_item(&format!("{prefix}LastAuthUser"))
        .unwrap()
        .unwrap();
    let stored = local_storage()
        .get_item(&format!("{prefix}{user}.refreshToken"))
        .unwrap();
    let heard = heard.lock().unwrap();
    let [SessionEvent::SignedIn(session)] = &heard[..] else {
        panic!("signed in: heard {} events", heard.len());
    };
    assert!(stored.is_some());
    assert_eq!(session.refresh_token, stored);
}

#[wasm_bindgen_test]
async fn a_leptos_host_opens_the_account_view_leaves_sections_out_and_hears_changes() {
    use cognito_widget::SessionEvent;
    fresh_storage();
    // The Authenticator takes the same options as the element and mount(): the initial
    // screen and the sections to leave out, as members of its configuration.
    let config = cognito_widget::config::Config {
        open_account: true,
        hidden_sections: vec!["delete-account".into()],
        ..config_of("account-demo").await
    };
    let email = unique_email("leptos-account");
    existing_user(&config, &email, "leptos Pass 81", true).await;
    let (heard, on_event) = hearing();
    let widget = mount_hearing(&config, Some(on_event));
    widget.sign_in(&email, "leptos Pass 81").await;
    widget.wait_for("#cw-attr-given_name").await;
    assert_eq!(widget.value("#cw-attr-given_name"), "Ada");
    widget.type_into("#cw-attr-given_name", "Ida");
    widget.click("Save changes");
    widget
        .wait_for_text("[data-testid=cw-notice]", "Your changes are saved.")
        .await;
    let updated = heard.lock().unwrap().iter().find_map(|e| match e {
        SessionEvent::AttributesUpdated(attributes) => Some(attributes.clone()),
        _ => None,
    });
    assert_eq!(
        updated.as_ref().and_then(|a| a["given_name"].as_str()),
        Some("Ida"),
        "heard {updated:?}"
    );
    widget.click("Cancel");
    widget.wait_for("[data-testid=cw-signed-in]").await;
    let offered = widget.host.inner_text();
    assert!(
        offered.contains("Your profile") && !offered.contains("Delete account"),
        "{offered}"
    );
}
