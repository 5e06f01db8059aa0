//! Refresh-token rotation (`RefreshTokenRotation` on the app client in the template): every
//! GetTokensFromRefreshToken hands out a new refresh token, the old one works only for the
//! grace period, REFRESH_TOKEN_AUTH is refused, and an older data directory keeps its tokens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::Ordering;

use common::*;
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

/// Seed 1's template, its app client given `RefreshTokenRotation: rotation` (unless null).
fn seed1_with_rotation(rotation: Value) -> (String, String) {
    let (name, text) = fixture(SEED1);
    let mut template: Value = serde_json::from_str(&text).unwrap();
    for resource in template["Resources"].as_object_mut().unwrap().values_mut() {
        if resource["Type"] == "AWS::Cognito::UserPoolClient" && !rotation.is_null() {
            resource["Properties"]["RefreshTokenRotation"] = rotation.clone();
        }
    }
    (name, template.to_string())
}

/// Seed 1 with its app client rotating refresh tokens (`grace` seconds), or as it is.
fn seed1_rotating(grace: Option<u32>) -> Emulator {
    let rotation = grace.map_or(
        Value::Null,
        |grace| json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": grace}),
    );
    start_with(vec![seed1_with_rotation(rotation)], temp_dir("rotation"))
}

fn get_tokens(emu: &Emulator, client: &str, refresh: &Value) -> Result<Value, (String, String)> {
    emu.call(
        "GetTokensFromRefreshToken",
        json!({"ClientId": client, "RefreshToken": refresh}),
    )
    .map(|v| v["AuthenticationResult"].clone())
}

/// `DescribeUserPoolClient`'s `RefreshTokenRotation`.
fn described_rotation(emu: &Emulator, pool: &str, client: &str) -> Value {
    let described = emu
        .call(
            "DescribeUserPoolClient",
            json!({"UserPoolId": pool, "ClientId": client}),
        )
        .unwrap();
    described["UserPoolClient"]["RefreshTokenRotation"].clone()
}

fn tick(emu: &Emulator, seconds: i64) {
    emu.clock.fetch_add(seconds, Ordering::SeqCst);
}

#[test]
fn with_no_grace_a_rotated_token_dies_at_once() {
    let emu = seed1_rotating(Some(0));
    let (pool, client, tokens) = confirmed_user(&emu, "rosa@example.com", "secret1");
    assert_eq!(
        described_rotation(&emu, &pool, &client),
        json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": 0})
    );

    let first = tokens["RefreshToken"].clone();
    let next = get_tokens(&emu, &client, &first).unwrap();
    let second = next["RefreshToken"].clone();
    assert!(
        second.is_string() && second != first,
        "a new refresh token: {next}"
    );
    assert_eq!(
        claims(next["IdToken"].as_str().unwrap())["email"],
        "rosa@example.com"
    );

    let reused = get_tokens(&emu, &client, &first).unwrap_err();
    assert_eq!(reused.0, "RefreshTokenReuseException", "{}", reused.1);
    // The new one works, and rotates in its turn.
    let third = get_tokens(&emu, &client, &second).unwrap()["RefreshToken"].clone();
    assert!(third.is_string() && third != second);
    assert_eq!(
        get_tokens(&emu, &client, &second).unwrap_err().0,
        "RefreshTokenReuseException"
    );

    // Rotating clients refuse REFRESH_TOKEN_AUTH.
    let refused = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": third}}))
        .unwrap_err();
    assert_eq!(refused.0, "InvalidParameterException", "{}", refused.1);

    // Revoking the current token ends the chain.
    emu.call("RevokeToken", json!({"ClientId": client, "Token": third}))
        .unwrap();
    assert_eq!(
        get_tokens(&emu, &client, &third).unwrap_err().1,
        "Refresh Token has been revoked"
    );
}

#[test]
fn the_grace_period_lets_a_racing_retry_through_then_ends() {
    let emu = seed1_rotating(Some(30));
    let (_, client, tokens) = confirmed_user(&emu, "tab@example.com", "secret1");
    let first = tokens["RefreshToken"].clone();
    let a = get_tokens(&emu, &client, &first).unwrap();
    tick(&emu, 29);
    let b = get_tokens(&emu, &client, &first).unwrap();
    assert_ne!(
        a["RefreshToken"], b["RefreshToken"],
        "each use within the grace period rotates"
    );
    tick(&emu, 1);
    assert_eq!(
        get_tokens(&emu, &client, &first).unwrap_err().0,
        "RefreshTokenReuseException"
    );
    // The grace period counts from the first rotation, not from the last reuse.
    assert!(get_tokens(&emu, &client, &a["RefreshToken"]).is_ok());
}

#[test]
fn a_rotated_token_expires_when_the_first_one_would() {
    let emu = seed1_rotating(Some(0));
    let (_, client, tokens) = confirmed_user(&emu, "late@example.com", "secret1");
    tick(&emu, 29 * 86_400);
    let next = get_tokens(&emu, &client, &tokens["RefreshToken"]).unwrap();
    tick(&emu, 86_400);
    let expired = get_tokens(&emu, &client, &next["RefreshToken"]).unwrap_err();
    assert_eq!(expired.1, "Refresh Token has expired", "no sliding window");
}

#[test]
fn without_rotation_the_refresh_token_stays_the_same() {
    let emu = seed1_rotating(None);
    let (pool, client, tokens) = confirmed_user(&emu, "plain@example.com", "secret1");
    assert_eq!(
        described_rotation(&emu, &pool, &client),
        json!({"Feature": "DISABLED", "RetryGracePeriodSeconds": 0})
    );
    let refresh = tokens["RefreshToken"].clone();
    let next = get_tokens(&emu, &client, &refresh).unwrap();
    assert!(
        next.get("RefreshToken").is_none(),
        "no new refresh token: {next}"
    );
    assert!(next["AccessToken"].is_string());
    assert!(get_tokens(&emu, &client, &refresh).is_ok());
    let refreshed = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": refresh}}))
        .unwrap();
    assert!(refreshed["AuthenticationResult"]["AccessToken"].is_string());
}

#[test]
fn a_template_with_a_bad_rotation_is_refused() {
    for (rotation, says) in [
        (
            json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": 61}),
            "0 to 60",
        ),
        (json!({"Feature": "ON"}), "ENABLED or DISABLED"),
    ] {
        let error = cognito_emulator::build_state(
            &[seed1_with_rotation(rotation)],
            &temp_dir("bad-rotation"),
            "us-east-1",
            "http://127.0.0.1:1",
            Box::new(|| 0),
        )
        .err()
        .expect("refused");
        assert!(error.to_string().contains(says), "{error}");
    }
}

#[test]
fn a_data_directory_from_before_rotation_keeps_its_refresh_tokens() {
    // The refresh_tokens table as it was before `replaced_at`, with one token in it.
    let dir = temp_dir("old-schema");
    {
        let db = rusqlite::Connection::open(dir.join("emulator.sqlite3")).unwrap();
        db.execute_batch(
            "CREATE TABLE refresh_tokens (
               token TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,
               username TEXT NOT NULL, origin_jti TEXT NOT NULL, auth_time INTEGER NOT NULL,
               expires INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
             INSERT INTO refresh_tokens VALUES ('old-token', 'p', 'c', 'u', 'o', 1, 2, 0);",
        )
        .unwrap();
    }
    let store = cognito_emulator::store::Store::open(&dir).unwrap();
    let found = store.refresh_token("old-token").unwrap().expect("kept");
    assert_eq!(
        (found.username.as_str(), found.expires, found.replaced_at),
        ("u", 2, None)
    );
    // And it opens again (the column is not added twice).
    drop(store);
    assert!(cognito_emulator::store::Store::open(&dir).is_ok());
}

#[test]
fn of_requests_racing_with_one_token_only_one_rotates_it() {
    let emu = seed1_rotating(Some(0));
    let (_, client, tokens) = confirmed_user(&emu, "race@example.com", "secret1");
    let first = tokens["RefreshToken"].clone();
    // Two tabs of one browser without Web Locks, both refreshing at once (the widget's
    // session-tabs journey): checked and written in one step, one wins and the others are told.
    let outcomes: Vec<_> = std::thread::scope(|s| {
        let racers: Vec<_> = (0..8)
            .map(|_| s.spawn(|| get_tokens(&emu, &client, &first)))
            .collect();
        racers.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let won: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{outcomes:?}");
    for lost in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert_eq!(lost.0, "RefreshTokenReuseException", "{lost:?}");
    }
    // The winner's token is the one that works now.
    assert!(get_tokens(&emu, &client, &won[0]["RefreshToken"]).is_ok());
}
