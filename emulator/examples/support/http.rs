//! What the load generators share: one blocking HTTP/1.1 exchange per call, as a browser or
//! the aws CLI would send it (IAM-class operations signed; the emulator, started without
//! `--credentials`, takes any well-formed signature).
#![allow(dead_code)] // each generator uses what it needs

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;

const SIGNED: &str = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDLOAD/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000\r\nX-Amz-Date: 20260101T000000Z\r\n";

/// `(status, body)` of one exchange.
fn exchange(port: u16, head: &str, body: &str) -> Result<(u16, String), String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.write_all(
        format!(
            "{head}Host: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .map_err(|e| e.to_string())?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).map_err(|e| e.to_string())?;
    let (head, text) = raw.split_once("\r\n\r\n").ok_or("bad response")?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    Ok((status, text.to_owned()))
}

/// Calls `op`: the answer, or `(HTTP status, body)` of a refusal.
pub(crate) fn call_status(port: u16, op: &str, body: &Value) -> Result<Value, (u16, String)> {
    let signed = if cognito_emulator::api::is_iam(op) {
        SIGNED
    } else {
        ""
    };
    let head = format!(
        "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityProviderService.{op}\r\n{signed}"
    );
    match exchange(port, &head, &body.to_string()) {
        Ok((200, text)) => serde_json::from_str(&text).map_err(|e| (200, e.to_string())),
        Ok((status, text)) => Err((status, text)),
        Err(e) => Err((0, e)),
    }
}

/// Calls `op`: the answer, or the refusal's body.
pub(crate) fn call(port: u16, op: &str, body: &Value) -> Result<Value, String> {
    call_status(port, op, body).map_err(|(_, text)| text)
}

/// `GET path` as JSON.
pub(crate) fn get(port: u16, path: &str) -> Value {
    let (_, text) = exchange(port, &format!("GET {path} HTTP/1.1\r\n"), "")
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}
