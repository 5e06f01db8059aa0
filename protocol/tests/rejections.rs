//! Everything an SRP exchange must refuse, and the error each gets.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use cognito_protocol::srp::{
    n, to_hex, PasswordVerifierChallenge, ServerChallenge, SrpClient, SrpError, Verifier,
};
use cognito_protocol::{Password, SecretExponent, UserPoolId};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn pool() -> UserPoolId {
    UserPoolId::parse("us-east-1_Reject01").unwrap()
}

fn verifier() -> Verifier {
    Verifier::new(&pool(), "alice", &Password::new("Passw0rd!"), &[0x5a; 16])
}

fn client() -> SrpClient {
    SrpClient::new(&SecretExponent::new(vec![0x33; 32])).unwrap()
}

fn server() -> ServerChallenge {
    ServerChallenge::new(
        &verifier(),
        &client().srp_a(),
        &SecretExponent::new(vec![9; 32]),
    )
    .unwrap()
}

fn multiples_of_n() -> Vec<String> {
    vec![
        "0".into(),
        "000".into(),
        to_hex(n()),
        to_hex(&(n() * 2u32)),
        to_hex(&(n() * 7u32)),
    ]
}

#[test]
fn client_refuses_b_that_is_zero_mod_n() {
    for big_b in multiples_of_n() {
        let got = client().derive(&pool(), "alice", &Password::new("x"), "1f", &big_b);
        assert_eq!(got.err(), Some(SrpError::IllegalB), "{big_b:.12}");
    }
}

#[test]
fn client_refuses_b_longer_than_its_arithmetic_and_takes_the_longest_it_can() {
    let p = Password::new("x");
    // 2^3080 − 1 is the widest B the client's arithmetic takes (a real B is below N).
    let widest = "f".repeat(770);
    assert!(client().derive(&pool(), "alice", &p, "1f", &widest).is_ok());
    let wider = format!("1{widest}");
    let got = client().derive(&pool(), "alice", &p, "1f", &wider);
    assert_eq!(got.err(), Some(SrpError::OversizedB));
    // Leading zeros do not count.
    let padded = format!("0000{}", to_hex(n()));
    let got = client().derive(&pool(), "alice", &p, "1f", &padded);
    assert_eq!(got.err(), Some(SrpError::IllegalB));
}

#[test]
fn server_refuses_a_that_is_zero_mod_n() {
    for big_a in multiples_of_n() {
        let got = ServerChallenge::new(&verifier(), &big_a, &SecretExponent::new(vec![9; 32]));
        assert_eq!(got.err(), Some(SrpError::IllegalA), "{big_a:.12}");
    }
}

#[test]
fn malformed_hex_is_refused_with_the_field_named() {
    let c = client();
    let p = Password::new("x");
    assert_eq!(
        c.derive(&pool(), "alice", &p, "1f", "xyz").err(),
        Some(SrpError::InvalidHex("SRP_B"))
    );
    assert_eq!(
        c.derive(&pool(), "alice", &p, "", "abc").err(),
        Some(SrpError::InvalidHex("SALT"))
    );
    let got = ServerChallenge::new(&verifier(), "0x12", &SecretExponent::new(vec![1]));
    assert_eq!(got.err(), Some(SrpError::InvalidHex("SRP_A")));
}

#[test]
fn a_zero_private_exponent_is_refused() {
    // Zero, shorter than 32 bytes (256 bits) or longer than 256 bytes: refused on both sides.
    let short = || vec![0xffu8; 31];
    for bytes in [vec![], vec![0u8; 32], short(), vec![1u8; 257]] {
        let got = SrpClient::new(&SecretExponent::new(bytes.clone()));
        assert_eq!(got.err(), Some(SrpError::InvalidSecret));
        let got = ServerChallenge::new(&verifier(), &client().srp_a(), &SecretExponent::new(bytes));
        assert_eq!(got.err(), Some(SrpError::InvalidSecret));
    }
    // 32 bytes, even with leading zeros, and 256 are taken.
    let mut low = vec![0u8; 32];
    low[31] = 1;
    for bytes in [low, vec![1u8; 256]] {
        assert!(SrpClient::new(&SecretExponent::new(bytes.clone())).is_ok());
        assert!(
            ServerChallenge::new(&verifier(), &client().srp_a(), &SecretExponent::new(bytes))
                .is_ok()
        );
    }
}

/// A client may send A ≥ N (A + N is the same number mod N): the server hashes u over A as
/// sent, as the client does, so the claim of such a client still verifies.
#[test]
fn the_server_hashes_a_as_the_client_sent_it() {
    use num_bigint::BigUint;
    let sent = BigUint::parse_bytes(client().srp_a().as_bytes(), 16).unwrap() + n();
    let s = ServerChallenge::new(
        &verifier(),
        &to_hex(&sent),
        &SecretExponent::new(vec![9; 32]),
    )
    .unwrap();
    let (u, _, _) = s.derive().unwrap();
    let b = BigUint::parse_bytes(s.srp_b().as_bytes(), 16).unwrap();
    let want = cognito_protocol::srp::Int::from_be_bytes(&sha256_of_padded(&sent, &b));
    assert_eq!(to_hex(&u), want.to_hex());
    let reduced = ServerChallenge::new(
        &verifier(),
        &client().srp_a(),
        &SecretExponent::new(vec![9; 32]),
    )
    .unwrap();
    assert_ne!(reduced.derive().unwrap().0, u, "u differs with A's form");
}

/// H(padHex(A) ‖ padHex(B)), as the reference clients compute u.
fn sha256_of_padded(a: &num_bigint::BigUint, b: &num_bigint::BigUint) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let pad = |v: &num_bigint::BigUint| cognito_protocol::srp::pad_hex(v);
    Sha256::new()
        .chain_update(pad(a))
        .chain_update(pad(b))
        .finalize()
        .to_vec()
}

#[test]
fn bad_encodings_in_the_claim_are_refused() {
    let c = client();
    let challenge = PasswordVerifierChallenge {
        salt: verifier().salt_hex(),
        srp_b: server().srp_b(),
        secret_block: "not base64!".into(),
        user_id_for_srp: "alice".into(),
    };
    let got = c.respond(&pool(), &challenge, &Password::new("Passw0rd!"), 0);
    assert_eq!(got.err(), Some(SrpError::InvalidSecretBlock));
    let s = server();
    let ts = "Thu Jan 1 00:00:00 UTC 1970";
    assert_eq!(
        s.verify(&pool(), "alice", b"blk", ts, "***"),
        Err(SrpError::InvalidSignatureEncoding)
    );
    assert_eq!(
        s.verify(
            &pool(),
            "alice",
            b"blk",
            "Thu Jan 01 00:00:00 UTC 1970",
            "AAAA"
        ),
        Err(SrpError::TimestampNotCanonical)
    );
    assert_eq!(
        s.verify(&pool(), "alice", b"blk", "1970-01-01T00:00:00Z", "AAAA"),
        Err(SrpError::TimestampFormat)
    );
    assert_eq!(
        s.verify(&pool(), "alice", b"blk", ts, "AAAA"),
        Err(SrpError::BadSignature)
    );
}

#[test]
fn a_claim_for_another_user_or_pool_is_refused() {
    let c = client();
    let s = server();
    let challenge = PasswordVerifierChallenge {
        salt: verifier().salt_hex(),
        srp_b: s.srp_b(),
        secret_block: "YmxvY2s=".into(),
        user_id_for_srp: "alice".into(),
    };
    let claim = c
        .respond(
            &pool(),
            &challenge,
            &Password::new("Passw0rd!"),
            1_795_564_799,
        )
        .unwrap();
    let ok = s.verify(
        &pool(),
        "alice",
        b"block",
        &claim.timestamp,
        &claim.signature,
    );
    assert_eq!(ok, Ok(1_795_564_799));
    let other_user = s.verify(&pool(), "bob", b"block", &claim.timestamp, &claim.signature);
    assert_eq!(other_user, Err(SrpError::BadSignature));
    let other_pool = UserPoolId::parse("us-east-1_Reject02").unwrap();
    let moved = s.verify(
        &other_pool,
        "alice",
        b"block",
        &claim.timestamp,
        &claim.signature,
    );
    assert_eq!(moved, Err(SrpError::BadSignature));
    let other_block = s.verify(
        &pool(),
        "alice",
        b"blocK",
        &claim.timestamp,
        &claim.signature,
    );
    assert_eq!(other_block, Err(SrpError::BadSignature));
}
