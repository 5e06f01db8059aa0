//! A real emulator on a loopback port, and a minimal HTTP/1.1 client to talk to it.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

pub mod mfa;
pub mod oneshot;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64URL, Engine};
use cognito_protocol::srp::{PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use serde_json::{json, Value};

/// A well-formed SigV4 `Authorization` (its signature is not checked without `--credentials`).
pub const SIGNED: &str = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";

/// A running emulator: calls go through its router (`tower::ServiceExt::oneshot`, no socket);
/// it also listens on a loopback port for the tests where a real socket is the point (`http`).
/// Dropping it stops nothing (the test process ends it).
pub struct Emulator {
    pub base: String,
    pub port: u16,
    pub clock: Arc<AtomicI64>,
    pub data_dir: PathBuf,
    app: axum::Router,
    runtime: Arc<tokio::runtime::Runtime>,
}

pub fn fixture(name: &str) -> (String, String) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    (name.to_owned(), std::fs::read_to_string(path).unwrap())
}

/// A new data directory for a test, under this test process's own directory in
/// `<temp>/cognito-emulator-tests/`. The first call also removes the directories of test
/// processes that have ended (on systems with `/proc`; a live run's stay), so runs do not pile
/// up directories in the system's temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    static RUN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        let parent = std::env::temp_dir().join("cognito-emulator-tests");
        let proc = std::path::Path::new("/proc");
        if proc.join("self").exists() {
            for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let pid = name.split('-').next().unwrap_or_default();
                if !pid.is_empty() && !proc.join(pid).exists() {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let run = parent.join(format!(
            "{}-{}",
            std::process::id(),
            cognito_emulator::random::uuid()
        ));
        std::fs::create_dir_all(&run).unwrap();
        run
    });
    let dir = run.join(format!("{tag}-{}", cognito_emulator::random::uuid()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts the emulator on a free port with the given templates and a settable clock.
pub fn start(templates: &[&str]) -> Emulator {
    start_in(templates, temp_dir("api"))
}

pub fn start_in(templates: &[&str], data_dir: PathBuf) -> Emulator {
    let templates: Vec<(String, String)> = templates.iter().map(|t| fixture(t)).collect();
    start_with(templates, data_dir)
}

/// Starts the emulator on templates given as (name, text).
pub fn start_with(templates: Vec<(String, String)>, data_dir: PathBuf) -> Emulator {
    let clock = Arc::new(AtomicI64::new(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64,
    ));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let c = clock.clone();
    let (state, _warnings) = cognito_emulator::build_state(
        &templates,
        &data_dir,
        "us-east-1",
        &base,
        Box::new(move || c.load(Ordering::SeqCst)),
    )
    .unwrap();
    listener.set_nonblocking(true).unwrap();
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap(),
    );
    let app = cognito_emulator::app(Arc::new(state));
    let served = app.clone();
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        axum::serve(listener, served).await.unwrap();
    });
    Emulator {
        base,
        port,
        clock,
        data_dir,
        app,
        runtime,
    }
}

/// One HTTP exchange: (status, headers text, body).
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_owned(), decode_chunked(head, body))
}

fn decode_chunked(head: &str, body: &str) -> String {
    if !head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return body.to_owned();
    }
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    out
}

impl Emulator {
    /// Calls an operation; Ok(body) on 200, Err((__type, message)) otherwise.
    pub fn call(&self, op: &str, body: Value) -> Result<Value, (String, String)> {
        let target = format!("AWSCognitoIdentityProviderService.{op}");
        let mut headers = vec![
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", target.as_str()),
        ];
        // As the SDKs do: IAM-class operations signed (the emulator has no credentials to
        // check the signature against in these tests, so any well-formed one does).
        if cognito_emulator::api::is_iam(op) {
            headers.push(("Authorization", SIGNED));
            headers.push(("X-Amz-Date", "20260101T000000Z"));
        }
        let (status, text) = self.exchange("POST", "/", &headers, body.to_string());
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status == 200 {
            Ok(v)
        } else {
            assert_eq!(status, 400, "{text}");
            Err((
                v["__type"].as_str().unwrap().to_owned(),
                v["message"].as_str().unwrap().to_owned(),
            ))
        }
    }

    /// One exchange through the router: (status, body).
    pub fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: String,
    ) -> (u16, String) {
        use tower::ServiceExt;
        let mut request = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("host", format!("127.0.0.1:{}", self.port));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let request = request.body(axum::body::Body::from(body)).unwrap();
        self.runtime.block_on(async {
            let response = self.app.clone().oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        })
    }

    pub fn get(&self, path: &str) -> Value {
        let (status, text) = self.exchange("GET", path, &[], String::new());
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    /// The pools page's first pool and its first client.
    pub fn first_pool(&self) -> (String, String) {
        let pools = self.get("/_emulator/pools");
        let p = &pools["pools"][0];
        (
            p["pool"]["id"].as_str().unwrap().to_owned(),
            p["clients"][0]["client"]["id"].as_str().unwrap().to_owned(),
        )
    }

    /// The newest code sent to `destination`.
    pub fn last_code(&self, destination: &str) -> String {
        let out = self.get("/_emulator/outbox");
        out.as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|m| m["destination"] == destination)
            .map(|m| m["code"].as_str().unwrap().to_owned())
            .expect("a message to that destination")
    }
}

pub fn srp_sign_in(
    emu: &Emulator,
    pool: &str,
    client: &str,
    login: &str,
    password: &str,
) -> Result<Value, (String, String)> {
    let srp = SrpClient::new(&SecretExponent::new(cognito_emulator::random::bytes(32))).unwrap();
    let challenge = emu.call(
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": login, "SRP_A": srp.srp_a()}}),
    )?;
    assert_eq!(challenge["ChallengeName"], "PASSWORD_VERIFIER");
    assert!(
        challenge.get("Session").is_none(),
        "Cognito sends no Session with PASSWORD_VERIFIER (pycognito relies on it)"
    );
    let p = &challenge["ChallengeParameters"];
    let pvc = PasswordVerifierChallenge {
        salt: p["SALT"].as_str().unwrap().into(),
        srp_b: p["SRP_B"].as_str().unwrap().into(),
        secret_block: p["SECRET_BLOCK"].as_str().unwrap().into(),
        user_id_for_srp: p["USER_ID_FOR_SRP"].as_str().unwrap().into(),
    };
    let now = emu.clock.load(std::sync::atomic::Ordering::SeqCst);
    let claim = srp
        .respond(
            &UserPoolId::parse(pool).unwrap(),
            &pvc,
            &Password::new(password),
            now,
        )
        .unwrap();
    emu.call(
        "RespondToAuthChallenge",
        json!({
            "ClientId": client, "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {
                "USERNAME": claim.username, "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                "TIMESTAMP": claim.timestamp, "PASSWORD_CLAIM_SIGNATURE": claim.signature
            }
        }),
    )
}

pub fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&B64URL.decode(payload).unwrap()).unwrap()
}

/// Verifies an RS256 JWT against the pool's published JWKS.
pub fn verify_with_jwks(emu: &Emulator, pool: &str, token: &str) -> bool {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::signature::Verifier;
    let jwks = emu.get(&format!("/{pool}/.well-known/jwks.json"));
    let header: Value =
        serde_json::from_slice(&B64URL.decode(token.split('.').next().unwrap()).unwrap()).unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .unwrap();
    let n = rsa::BigUint::from_bytes_be(&B64URL.decode(key["n"].as_str().unwrap()).unwrap());
    let e = rsa::BigUint::from_bytes_be(&B64URL.decode(key["e"].as_str().unwrap()).unwrap());
    let public = rsa::RsaPublicKey::new(n, e).unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let sig = Signature::try_from(B64URL.decode(sig).unwrap().as_slice()).unwrap();
    VerifyingKey::<sha2::Sha256>::new(public)
        .verify(input.as_bytes(), &sig)
        .is_ok()
}

/// A confirmed seed-1 user; returns (pool, client, tokens).
pub fn confirmed_user(emu: &Emulator, email: &str, password: &str) -> (String, String, Value) {
    let (pool, client) = emu.first_pool();
    emu.call(
        "SignUp",
        json!({"ClientId": client, "Username": email, "Password": password, "UserAttributes": [
            {"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"}]}),
    )
    .unwrap();
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": emu.last_code(email)}),
    )
    .unwrap();
    let tokens = srp_sign_in(emu, &pool, &client, email, password).unwrap();
    (pool, client, tokens["AuthenticationResult"].clone())
}
