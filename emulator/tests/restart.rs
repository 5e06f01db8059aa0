//! kill -9 in the middle of traffic, restart on the same data dir: every user whose
//! confirmation was acknowledged still signs in, and the pool and client ids are unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use cognito_protocol::srp::{PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use common::{http, temp_dir};
use serde_json::{json, Value};

struct Server {
    child: Child,
    port: u16,
}

fn launch(data_dir: &Path) -> Server {
    let template = format!(
        "{}/tests/fixtures/seed1-cdk-ts.template.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-emulator"))
        .args(["--template", &template, "--port", "0", "--data-dir"])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("the emulator prints its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("cognito-emulator listening on http://127.0.0.1:") {
            break rest.trim_end_matches('/').parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn call(port: u16, op: &str, body: Value) -> Result<Value, String> {
    let target = format!("AWSCognitoIdentityProviderService.{op}");
    let (status, _, text) = http(
        port,
        "POST",
        "/",
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", &target),
        ],
        &body.to_string(),
    );
    if status == 200 {
        Ok(serde_json::from_str(&text).unwrap())
    } else {
        Err(text)
    }
}

fn get(port: u16, path: &str) -> Value {
    serde_json::from_str(&http(port, "GET", path, &[], "").2).unwrap()
}

fn ids(port: u16) -> (String, String) {
    let p = get(port, "/_emulator/pools");
    let pool = &p["pools"][0];
    (
        pool["pool"]["id"].as_str().unwrap().into(),
        pool["clients"][0]["client"]["id"].as_str().unwrap().into(),
    )
}

fn sign_in(port: u16, pool: &str, client: &str, email: &str, password: &str) -> Result<(), String> {
    let srp = SrpClient::new(&SecretExponent::new(cognito_emulator::random::bytes(32))).unwrap();
    let c = call(
        port,
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": email, "SRP_A": srp.srp_a()}}),
    )?;
    let p = &c["ChallengeParameters"];
    let challenge = PasswordVerifierChallenge {
        salt: p["SALT"].as_str().unwrap().into(),
        srp_b: p["SRP_B"].as_str().unwrap().into(),
        secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
        user_id_for_srp: p["USER_ID_FOR_SRP"].as_str().unwrap().into(),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let claim = srp
        .respond(
            &UserPoolId::parse(pool).unwrap(),
            &challenge,
            &Password::new(password),
            now,
        )
        .unwrap();
    call(port, "RespondToAuthChallenge", json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {"USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
            "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature}}))
    .map(|_| ())
}

#[test]
fn kill_dash_nine_mid_traffic_loses_no_confirmed_user() {
    let dir = temp_dir("restart");
    let mut server = launch(&dir);
    let (pool, client) = ids(server.port);
    let confirmed = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for w in 0..2 {
        let (port, client, confirmed, stop) =
            (server.port, client.clone(), confirmed.clone(), stop.clone());
        workers.push(std::thread::spawn(move || {
            for i in 0.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let email = format!("user{w}-{i}@example.com");
                let up = call(port, "SignUp", json!({"ClientId": client, "Username": email, "Password": "secret1",
                    "UserAttributes": [{"Name": "given_name", "Value": "A"}, {"Name": "family_name", "Value": "B"}]}));
                if up.is_err() {
                    break;
                }
                let outbox = std::panic::catch_unwind(|| get(port, "/_emulator/outbox"));
                let Ok(outbox) = outbox else { break };
                let code = outbox.as_array().unwrap().iter().rev().find(|m| m["destination"] == email.as_str()).unwrap()["code"].clone();
                // Only an acknowledged confirmation counts as committed.
                if call(port, "ConfirmSignUp", json!({"ClientId": client, "Username": email, "ConfirmationCode": code})).is_ok() {
                    confirmed.lock().unwrap().push(email);
                }
            }
        }));
    }
    while confirmed.lock().unwrap().len() < 12 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    server.child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.child.wait().unwrap();
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        let _ = w.join();
    }
    let confirmed = confirmed.lock().unwrap().clone();
    assert!(confirmed.len() >= 12);

    let mut again = launch(&dir);
    assert_eq!(
        ids(again.port),
        (pool.clone(), client.clone()),
        "same template and data dir, same ids"
    );
    for email in &confirmed {
        sign_in(again.port, &pool, &client, email, "secret1")
            .unwrap_or_else(|e| panic!("{email} lost: {e}"));
    }
    assert!(sign_in(again.port, &pool, &client, &confirmed[0], "wrong1").is_err());
    again.child.kill().unwrap();
    let _ = again.child.wait();
}
