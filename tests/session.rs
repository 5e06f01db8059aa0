//! The session's pure decisions, natively and in headless Chrome (the same code the widget runs):
//! the class of every error the widget can meet, the retry schedule with its randomness given,
//! and the clock arithmetic shared with amazon-cognito-identity-js's `clockDrift`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::wire::{parse_response, CognitoError};
use cognito_widget::error::AuthError;
use cognito_widget::session::clock::{drift, refresh_due_in, server_now, still_good};
use cognito_widget::session::{
    backoff_ms, classify, concerns_session, end_reason, Class, SignOutReason, FIRST_RETRY_MS,
    MAX_WAIT_MS,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn cognito(name: &str, message: &str) -> AuthError {
    AuthError::Cognito(CognitoError::new(name, message))
}

/// What an HTTP answer becomes on the wire, as the transport hands it to the flow.
fn answered(status: u16, body: &str) -> AuthError {
    AuthError::Cognito(parse_response(status, body).unwrap_err())
}

#[test]
fn every_error_has_its_class() {
    use Class::*;
    let rows: Vec<(&str, AuthError, Class)> = vec![
        (
            "connection refused",
            AuthError::Network("TypeError: Failed to fetch".into()),
            Transient,
        ),
        ("no answer in time", AuthError::Timeout, Transient),
        (
            "a proxy's 503 page",
            answered(503, "<html><body>Service Unavailable</body></html>"),
            Transient,
        ),
        ("a 502 with an empty body", answered(502, ""), Transient),
        (
            "a 500 that is not JSON",
            answered(500, "Internal Server Error"),
            Transient,
        ),
        (
            "malformed JSON in a 200",
            answered(200, "{\"AuthenticationResult\": "),
            Transient,
        ),
        (
            "throttled",
            answered(
                400,
                r#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#,
            ),
            Transient,
        ),
        (
            "over a limit",
            cognito("LimitExceededException", "Attempt limit exceeded"),
            Transient,
        ),
        (
            "Cognito's own failure",
            answered(500, r#"{"__type":"InternalErrorException","message":"x"}"#),
            Transient,
        ),
        (
            "a generic AWS throttle",
            cognito("ThrottlingException", "Rate exceeded"),
            Transient,
        ),
        (
            "a generic AWS outage",
            cognito("ServiceUnavailable", "down"),
            Transient,
        ),
        (
            "refresh token revoked",
            cognito("NotAuthorizedException", "Refresh Token has been revoked"),
            Terminal,
        ),
        (
            "refresh token expired",
            cognito("NotAuthorizedException", "Refresh Token has expired"),
            Terminal,
        ),
        (
            "user disabled",
            cognito("NotAuthorizedException", "User is disabled."),
            Terminal,
        ),
        (
            "user deleted",
            cognito("UserNotFoundException", "User does not exist."),
            Terminal,
        ),
        (
            "a wrong code",
            cognito("CodeMismatchException", "Invalid code"),
            Refused,
        ),
        (
            "a bad parameter",
            cognito("InvalidParameterException", "x"),
            Refused,
        ),
        (
            "an unknown client",
            cognito("ResourceNotFoundException", "x"),
            Refused,
        ),
        (
            "an error name nobody knows",
            cognito("BrandNewException", "x"),
            Refused,
        ),
        (
            "a hostile SRP challenge",
            AuthError::Srp("B = 0".into()),
            Refused,
        ),
        (
            "storage blocked",
            AuthError::Storage("blocked".into()),
            Refused,
        ),
        (
            "a broken configuration",
            AuthError::Config("x".into()),
            Refused,
        ),
    ];
    for (what, error, class) in rows {
        assert_eq!(classify(&error), class, "{what}: {error:?}");
    }
}

#[test]
fn a_session_ends_as_expired_or_revoked() {
    let expired = cognito("NotAuthorizedException", "Refresh Token has expired");
    let revoked = cognito("NotAuthorizedException", "Refresh Token has been revoked");
    let disabled = cognito("NotAuthorizedException", "User is disabled.");
    assert_eq!(end_reason(&expired), SignOutReason::Expired);
    assert_eq!(end_reason(&revoked), SignOutReason::Revoked);
    assert_eq!(end_reason(&disabled), SignOutReason::Revoked);
    let names: Vec<_> = [
        SignOutReason::User,
        SignOutReason::Everywhere,
        SignOutReason::Expired,
        SignOutReason::Revoked,
        SignOutReason::OtherTab,
    ]
    .map(SignOutReason::as_str)
    .into();
    assert_eq!(
        names,
        ["user", "everywhere", "expired", "revoked", "other-tab"]
    );
}

#[test]
fn backoff_is_exponential_with_full_jitter_between_two_seconds_and_five_minutes() {
    // The ceilings: 2, 4, 8, … s, capped at 300 s.
    let ceilings: Vec<u32> = (0..12).map(|n| backoff_ms(n, 1.0)).collect();
    assert_eq!(
        ceilings,
        [
            2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
            300_000, 300_000
        ]
    );
    // The floor: never sooner than 2 s, whatever the randomness.
    for n in 0..40 {
        assert_eq!(backoff_ms(n, 0.0), FIRST_RETRY_MS, "attempt {n}");
    }
    // In between, exactly where the randomness puts it.
    assert_eq!(backoff_ms(1, 0.5), 3_000);
    assert_eq!(backoff_ms(3, 0.25), 5_500);
    assert_eq!(backoff_ms(20, 0.5), 151_000);
    // Hostile randomness stays in range.
    for r in [f64::NAN, f64::INFINITY, -1.0, 7.0] {
        let wait = backoff_ms(30, r);
        assert!(
            (FIRST_RETRY_MS..=MAX_WAIT_MS).contains(&wait),
            "{r}: {wait}"
        );
    }
    assert_eq!(backoff_ms(u32::MAX, 1.0), MAX_WAIT_MS);
}

/// Attempts made from `start` (ms into the hour) to the hour's end when every one fails, with
/// the same randomness for every wait.
fn attempts_within_the_hour(start: u64, random: f64) -> u32 {
    let (mut t, mut attempts) = (start, 0);
    while t < 3_600_000 {
        attempts += 1;
        t += u64::from(backoff_ms(attempts - 1, random));
    }
    attempts
}

#[test]
fn an_hour_offline_costs_few_requests() {
    // Signed in, then offline for an hour: tokens fall due 55 minutes in, and every attempt
    // from then on fails. With the median randomness: 9 attempts (at 0, 2, 5, 10, 19, 36, 69,
    // 134 and 263 s); with the longest waits, 8.
    assert_eq!(attempts_within_the_hour(55 * 60_000, 0.5), 9);
    assert_eq!(attempts_within_the_hour(55 * 60_000, 1.0), 8);
    // A whole hour of failures: the cap bounds it (31 with the median randomness).
    assert_eq!(attempts_within_the_hour(0, 0.5), 31);
}

#[test]
fn clock_drift_is_identity_js_s_seconds_local_minus_server() {
    // A device clock 120 s fast.
    let server = 1_700_000_000;
    let local = server + 120;
    assert_eq!(drift(local, server), 120);
    assert_eq!(server_now(local, 120), server);
    // A token expiring in 30 s of server time is still good for 29 s, not for 31 s, whatever
    // the device clock says.
    let exp = server + 30;
    assert!(still_good(exp, server_now(local, 120), 29));
    assert!(!still_good(exp, server_now(local, 120), 30));
    // Read with the raw device clock it would already look expired; with drift ignored on a
    // slow clock it would look good for too long: the drift decides.
    assert!(!still_good(exp, local, 0));
    let slow = server - 3_600;
    assert!(still_good(exp, slow, 0));
    assert!(!still_good(exp, server_now(slow, drift(slow, server)), 30));
}

#[test]
fn refresh_falls_due_five_minutes_before_expiry_or_halfway_for_short_tokens() {
    let iat = 1_700_000_000;
    // A one-hour token: due 55 minutes after issue.
    assert_eq!(refresh_due_in(Some(iat), iat + 3_600, iat), 3_300);
    assert_eq!(refresh_due_in(Some(iat), iat + 3_600, iat + 3_000), 300);
    // Past due, or expired: now, never negative.
    assert_eq!(refresh_due_in(Some(iat), iat + 3_600, iat + 3_400), 0);
    assert_eq!(refresh_due_in(Some(iat), iat + 3_600, iat + 99_999), 0);
    // Cognito's shortest access token (5 minutes) is not due the moment it arrives.
    assert_eq!(refresh_due_in(Some(iat), iat + 300, iat), 150);
    // Without iat: five minutes before expiry.
    assert_eq!(refresh_due_in(None, iat + 3_600, iat), 3_300);
}

#[test]
fn a_tab_adopts_only_the_end_of_a_write_to_its_own_session() {
    let client = "5m0bi1e";
    let key = |rest: &str| format!("CognitoIdentityServiceProvider.{client}.{rest}");
    // The last user changed (a sign-in as someone, a sign-out): always.
    assert!(concerns_session(&key("LastAuthUser"), client, Some("ada")));
    assert!(concerns_session(&key("LastAuthUser"), client, None));
    // The current user's access token (written after the other tokens): a refresh, a sign-out.
    assert!(concerns_session(
        &key("ada.accessToken"),
        client,
        Some("ada")
    ));
    // Not yet complete, or not ours: the other keys, another user's tokens being written before
    // LastAuthUser names them, another client, another library's keys.
    for (k, last) in [
        (key("ada.idToken"), Some("ada")),
        (key("ada.refreshToken"), Some("ada")),
        (key("ada.clockDrift"), Some("ada")),
        (key("bob.accessToken"), Some("ada")),
        (key("ada.accessToken"), None),
        (key("adam.accessToken"), Some("ada")),
        (
            "CognitoIdentityServiceProvider.other.LastAuthUser".to_owned(),
            Some("ada"),
        ),
        (
            format!("CognitoIdentityServiceProvider.{client}x.LastAuthUser"),
            Some("ada"),
        ),
        ("amplify-signin-with-hostedUI".to_owned(), Some("ada")),
        (
            format!("CognitoWidget.{client}.pendingConfirmation"),
            Some("ada"),
        ),
    ] {
        assert!(!concerns_session(&k, client, last), "{k} with {last:?}");
    }
}
