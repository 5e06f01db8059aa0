//! Answers one PASSWORD_VERIFIER challenge the way a client would, for debugging a server.
//!
//! `cargo run -q --release -p cognito-protocol --example srp-respond < challenge.json`
//!
//! Input: `{"pool_id", "client_id", "client_secret"?, "challenge": {"USERNAME",
//! "USER_ID_FOR_SRP", "SALT", "SRP_B", "SECRET_BLOCK"}, "password", "a_hex", "timestamp"}`,
//! where `timestamp` is Unix seconds or a TIMESTAMP text. Output: `{"SRP_A", "ChallengeResponses"}`.
//! A challenge that must be refused prints the reason and exits with status 1.

use std::io::Read;
use std::process::ExitCode;

use cognito_protocol::secret_hash::secret_hash;
use cognito_protocol::srp::{parse_hex, parse_timestamp, PasswordVerifierChallenge, SrpClient};
use cognito_protocol::{ClientSecret, Password, SecretExponent, UserPoolId};
use serde::Deserialize;
use serde_json::{json, Map, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    pool_id: String,
    client_id: String,
    client_secret: Option<String>,
    challenge: Challenge,
    password: String,
    a_hex: String,
    timestamp: Value,
}

/// ChallengeParameters; `USERNAME` may be present and equals USER_ID_FOR_SRP, which is used.
#[derive(Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct Challenge {
    user_id_for_srp: String,
    salt: String,
    srp_b: String,
    secret_block: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("srp-respond: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<Value, String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let input: Input = serde_json::from_str(&text).map_err(|e| format!("bad input JSON: {e}"))?;
    let pool = UserPoolId::parse(&input.pool_id).map_err(|e| e.to_string())?;
    let unix = match &input.timestamp {
        Value::Number(n) => n.as_i64().ok_or("timestamp must be whole Unix seconds")?,
        Value::String(s) => parse_timestamp(s).map_err(|e| format!("timestamp: {e}"))?,
        _ => return Err("timestamp must be Unix seconds or a TIMESTAMP string".into()),
    };
    let a = parse_hex("a_hex", &input.a_hex).map_err(|e| e.to_string())?;
    let client =
        SrpClient::new(&SecretExponent::new(a.to_bytes_be())).map_err(|e| e.to_string())?;
    let challenge = PasswordVerifierChallenge {
        salt: input.challenge.salt,
        srp_b: input.challenge.srp_b,
        secret_block: input.challenge.secret_block,
        user_id_for_srp: input.challenge.user_id_for_srp,
    };
    let password = Password::new(input.password);
    let claim = client
        .respond(&pool, &challenge, &password, unix)
        .map_err(|e| format!("challenge refused: {e}"))?;
    let mut responses = Map::new();
    responses.insert("USERNAME".into(), json!(claim.username));
    responses.insert(
        "PASSWORD_CLAIM_SECRET_BLOCK".into(),
        json!(claim.secret_block),
    );
    responses.insert("PASSWORD_CLAIM_SIGNATURE".into(), json!(claim.signature));
    responses.insert("TIMESTAMP".into(), json!(claim.timestamp));
    if let Some(secret) = input.client_secret {
        // On the respond step the hash covers the internal username, not the login name.
        let hash = secret_hash(
            &ClientSecret::new(secret),
            &claim.username,
            &input.client_id,
        );
        responses.insert("SECRET_HASH".into(), json!(hash));
    }
    Ok(json!({ "SRP_A": client.srp_a(), "ChallengeResponses": responses }))
}
