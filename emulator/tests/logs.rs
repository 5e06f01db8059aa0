//! The request log: one line per request naming the operation, the pool and the outcome, and
//! never a password, code or token (codes go to the outbox, and only there).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::oneshot::{api, code_for, ids, state_of};
use serde_json::json;

/// A writer into a shared buffer, for the subscriber under test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn one_line_per_request_and_no_secret_in_it() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Global: the actions (and their outbox lines) run on blocking threads. One test per file.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let s = state_of("seed1-cdk-ts.template.json");
    let (pool, client) = ids(&s);
    let email = "logged@example.com";
    let password = "Sup3r secret pw";
    api(&s, "SignUp", json!({"ClientId": client, "Username": email, "Password": password,
        "UserAttributes": [{"Name": "given_name", "Value": "L"}, {"Name": "family_name", "Value": "G"}]}))
        .await
        .unwrap();
    let code = code_for(&s, email).await;
    api(
        &s,
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": code}),
    )
    .await
    .unwrap();
    let signed_in = api(&s, "AdminInitiateAuth", json!({"UserPoolId": pool, "ClientId": client,
        "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": email, "PASSWORD": password}}))
        .await
        .unwrap();
    let tokens = &signed_in["AuthenticationResult"];
    api(&s, "GetUser", json!({"AccessToken": tokens["AccessToken"]}))
        .await
        .unwrap();
    let wrong = api(
        &s,
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": "000000"}),
    )
    .await;
    assert!(wrong.is_err());

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let requests: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("cognito_emulator::request"))
        .collect();
    for op in ["SignUp", "ConfirmSignUp", "AdminInitiateAuth", "GetUser"] {
        assert!(
            requests
                .iter()
                .any(|l| l.contains(&format!("operation=\"{op}\""))
                    && l.contains(&format!("pool=\"{pool}\""))),
            "{op} logged with its pool:\n{text}"
        );
    }
    assert!(
        requests
            .iter()
            .any(|l| l.contains("outcome=\"NotAuthorizedException\"")
                || l.contains("outcome=\"CodeMismatchException\"")
                || l.contains("outcome=\"AliasExistsException\"")),
        "a refusal's outcome:\n{text}"
    );
    let secrets = [
        password.to_owned(),
        code.clone(),
        tokens["AccessToken"].as_str().unwrap().to_owned(),
        tokens["IdToken"].as_str().unwrap().to_owned(),
        tokens["RefreshToken"].as_str().unwrap().to_owned(),
    ];
    for line in &requests {
        for secret in &secrets {
            assert!(
                !line.contains(secret.as_str()),
                "a secret in the request log: {line}"
            );
        }
    }
    // The code is in the outbox's line, which is what the outbox is for; the password never.
    assert!(text
        .lines()
        .any(|l| l.contains("cognito_emulator::outbox") && l.contains(&code)));
    assert!(!text.contains(password));
}
