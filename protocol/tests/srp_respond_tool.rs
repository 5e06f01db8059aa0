//! The `srp-respond` example, run as a user would: a vector's challenge in, the reference
//! clients' exact ChallengeResponses out; a challenge that must be refused exits non-zero.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

/// Cargo builds examples beside the test binary's `deps/` folder.
fn tool() -> PathBuf {
    let mut path = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    path.join("examples").join("srp-respond")
}

fn run(input: &Value) -> Output {
    let mut child = Command::new(tool())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo test builds the srp-respond example");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn case(name: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("vectors/srp.json")).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()
        .clone()
}

fn input_for(c: &Value, timestamp: Value) -> Value {
    let server = &c["server"];
    json!({
        "pool_id": c["pool_id"],
        "client_id": c["client_id"],
        "client_secret": c["client_secret"],
        "challenge": {
            "USERNAME": c["user_id_for_srp"],
            "USER_ID_FOR_SRP": c["user_id_for_srp"],
            "SALT": server["salt_hex"],
            "SRP_B": server["B_hex"],
            "SECRET_BLOCK": server["secret_block"],
        },
        "password": c["password"],
        "a_hex": c["a_hex"],
        "timestamp": timestamp,
    })
}

#[test]
fn prints_what_a_client_would_send() {
    let c = case("email_login_uuid_user_with_secret");
    let out = run(&input_for(&c, c["timestamp_unix"].clone()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want = &c["expected"];
    assert_eq!(got["SRP_A"], want["A_hex"]);
    let r = &got["ChallengeResponses"];
    assert_eq!(r["USERNAME"], c["user_id_for_srp"]);
    assert_eq!(
        r["PASSWORD_CLAIM_SECRET_BLOCK"],
        c["server"]["secret_block"]
    );
    assert_eq!(r["PASSWORD_CLAIM_SIGNATURE"], want["signature"]);
    assert_eq!(r["TIMESTAMP"], want["timestamp"]);
    assert_eq!(r["SECRET_HASH"], want["secret_hash_respond"]);
}

#[test]
fn accepts_timestamp_text_and_omits_secret_hash_without_a_secret() {
    let c = case("timestamp_single_digit_day");
    let out = run(&input_for(&c, c["expected"]["timestamp"].clone()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &got["ChallengeResponses"];
    assert_eq!(r["PASSWORD_CLAIM_SIGNATURE"], c["expected"]["signature"]);
    assert!(r.get("SECRET_HASH").is_none());
}

#[test]
fn refuses_a_challenge_that_must_be_rejected() {
    let c = case("basic");
    let mut input = input_for(&c, c["timestamp_unix"].clone());
    input["challenge"]["SRP_B"] = json!(cognito_protocol::srp::N_HEX);
    let out = run(&input);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SRP_B is zero modulo N"), "{err}");

    input["challenge"]["SRP_B"] = c["server"]["B_hex"].clone();
    input["timestamp"] = json!("Thu Dec 03 00:00:09 UTC 2026");
    let out = run(&input);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("timestamp"));
}
