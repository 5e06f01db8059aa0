//! Fixed-input vectors from the reference clients, checked natively and, under
//! `cargo test --target wasm32-unknown-unknown`, in headless Chrome.
//!
//! Provenance: `vectors/srp.json` is written by `scripts/gen-srp-vectors`, which runs pycognito
//! 2024.5.1 (PyPI) and amazon-cognito-identity-js 6.3.21 (npm) on the same fixed secrets and
//! keeps a case only when both agree on every value. Regenerate with that script; never edit
//! the JSON by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::secret_hash::secret_hash;
use cognito_protocol::srp::{
    k, pad_hex, parse_hex, to_hex, PasswordVerifierChallenge, ServerChallenge, SrpClient, SrpError,
    Verifier,
};
use cognito_protocol::{ClientSecret, Password, SecretExponent, UserPoolId};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const VECTORS: &str = include_str!("vectors/srp.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("vectors/srp.json is JSON")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("missing string {key}"))
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    let hex = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    };
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn b64(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn client_for(case: &Value) -> SrpClient {
    SrpClient::new(&SecretExponent::new(hex_bytes(s(case, "a_hex")))).unwrap()
}

fn challenge_for(case: &Value) -> PasswordVerifierChallenge {
    let server = &case["server"];
    PasswordVerifierChallenge {
        salt: s(server, "salt_hex").to_owned(),
        srp_b: s(server, "B_hex").to_owned(),
        secret_block: s(server, "secret_block").to_owned(),
        user_id_for_srp: s(case, "user_id_for_srp").to_owned(),
    }
}

#[test]
fn there_are_enough_cases() {
    let v = vectors();
    assert!(v["vectors"].as_array().unwrap().len() >= 15);
    assert_eq!(to_hex(k()), s(&v, "k_hex"));
}

#[test]
fn client_intermediates_match_the_references() {
    for case in vectors()["vectors"].as_array().unwrap() {
        let name = s(case, "name");
        let want = &case["expected"];
        let pool = UserPoolId::parse(s(case, "pool_id")).unwrap();
        let client = client_for(case);
        assert_eq!(client.srp_a(), s(want, "A_hex"), "{name}: A");
        let a_int = parse_hex("A", &client.srp_a()).unwrap();
        assert_eq!(
            to_hex_bytes(&pad_hex(&a_int)),
            s(want, "A_pad_hex"),
            "{name}"
        );
        let b_int = parse_hex("B", s(&case["server"], "B_hex")).unwrap();
        assert_eq!(
            to_hex_bytes(&pad_hex(&b_int)),
            s(want, "B_pad_hex"),
            "{name}"
        );
        let ch = challenge_for(case);
        let password = Password::new(s(case, "password"));
        let d = client
            .derive(&pool, &ch.user_id_for_srp, &password, &ch.salt, &ch.srp_b)
            .unwrap();
        assert_eq!(d.u.to_hex(), s(want, "u_hex"), "{name}: u");
        assert_eq!(to_hex_bytes(&d.u.pad_hex()), s(want, "u_pad_hex"), "{name}");
        assert_eq!(d.x.to_hex(), s(want, "x_hex"), "{name}: x");
        assert_eq!(d.s.to_hex(), s(want, "S_hex"), "{name}: S");
        assert_eq!(to_hex_bytes(&d.s.pad_hex()), s(want, "S_pad_hex"), "{name}");
        assert_eq!(
            to_hex_bytes(d.key.secret()),
            s(want, "hkdf_key_hex"),
            "{name}: K"
        );
    }
}

#[test]
fn client_signature_and_timestamp_match_the_references() {
    for case in vectors()["vectors"].as_array().unwrap() {
        let name = s(case, "name");
        let want = &case["expected"];
        let pool = UserPoolId::parse(s(case, "pool_id")).unwrap();
        let unix = case["timestamp_unix"].as_i64().unwrap();
        let claim = client_for(case)
            .respond(
                &pool,
                &challenge_for(case),
                &Password::new(s(case, "password")),
                unix,
            )
            .unwrap();
        assert_eq!(claim.timestamp, s(want, "timestamp"), "{name}");
        assert_eq!(claim.signature, s(want, "signature"), "{name}");
        assert_eq!(claim.username, s(case, "user_id_for_srp"), "{name}");
        assert_eq!(claim.secret_block, s(&case["server"], "secret_block"));
    }
}

#[test]
fn secret_hashes_match_the_references() {
    let mut seen = 0;
    for case in vectors()["vectors"].as_array().unwrap() {
        let Some(secret) = case["client_secret"].as_str() else {
            continue;
        };
        seen += 1;
        let secret = ClientSecret::new(secret);
        let client_id = s(case, "client_id");
        let want = &case["expected"];
        let initiate = secret_hash(&secret, s(case, "login_name"), client_id);
        let respond = secret_hash(&secret, s(case, "user_id_for_srp"), client_id);
        assert_eq!(initiate, s(want, "secret_hash_initiate"));
        assert_eq!(respond, s(want, "secret_hash_respond"));
    }
    assert!(seen >= 2, "vectors must include clients with a secret");
}

#[test]
fn server_half_reproduces_b_and_accepts_the_reference_signature() {
    for case in vectors()["vectors"].as_array().unwrap() {
        let name = s(case, "name");
        let server = &case["server"];
        let want = &case["expected"];
        let pool = UserPoolId::parse(s(case, "pool_id")).unwrap();
        let salt_bytes = hex_bytes(s(server, "salt_hex"));
        let verifier = Verifier::new(
            &pool,
            s(case, "user_id_for_srp"),
            &Password::new(s(case, "password")),
            &salt_bytes,
        );
        assert_eq!(verifier.salt_hex(), s(server, "salt_hex"), "{name}: SALT");
        assert_eq!(
            to_hex(&verifier.verifier),
            s(server, "verifier_hex"),
            "{name}"
        );
        let b = SecretExponent::new(hex_bytes(s(server, "b_hex")));
        let challenge = ServerChallenge::new(&verifier, s(want, "A_hex"), &b).unwrap();
        assert_eq!(challenge.srp_b(), s(server, "B_hex"), "{name}: B");
        let (u, big_s, _) = challenge.derive().unwrap();
        assert_eq!(to_hex(&u), s(want, "u_hex"), "{name}");
        assert_eq!(to_hex(&big_s), s(want, "S_hex"), "{name}: server S");
        let unix = challenge
            .verify(
                &pool,
                s(case, "user_id_for_srp"),
                &b64(s(server, "secret_block")),
                s(want, "timestamp"),
                s(want, "signature"),
            )
            .unwrap();
        assert_eq!(unix, case["timestamp_unix"].as_i64().unwrap());
    }
}

#[test]
fn illegal_public_values_are_refused() {
    let v = vectors();
    let case = &v["vectors"][0];
    let pool = UserPoolId::parse(s(case, "pool_id")).unwrap();
    let password = Password::new(s(case, "password"));
    let salt_bytes = hex_bytes(s(&case["server"], "salt_hex"));
    let verifier = Verifier::new(&pool, "alice", &password, &salt_bytes);
    let b = SecretExponent::new(vec![7u8; 32]);
    let client = client_for(case);
    let rejections = v["rejections"].as_array().unwrap();
    assert!(rejections.len() >= 6);
    for r in rejections {
        let name = s(r, "name");
        if let Some(big_b) = r["B_hex"].as_str() {
            let got = client.derive(&pool, "alice", &password, "1f", big_b);
            assert_eq!(got.err(), Some(SrpError::IllegalB), "{name}");
        }
        if let Some(big_a) = r["A_hex"].as_str() {
            let got = ServerChallenge::new(&verifier, big_a, &b);
            assert_eq!(got.err(), Some(SrpError::IllegalA), "{name}");
        }
    }
}

fn to_hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
