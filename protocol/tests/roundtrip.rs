//! Property tests: for random passwords, salts, a and b, the server half accepts the client
//! half's claim, and refuses it for a wrong password or a changed timestamp.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

use base64::{engine::general_purpose::STANDARD, Engine};
use cognito_protocol::srp::{
    format_timestamp, PasswordVerifierChallenge, ServerChallenge, SrpClient, SrpError, Verifier,
};
use cognito_protocol::{Password, SecretExponent, UserPoolId};
use proptest::prelude::*;

struct Exchange {
    pool: UserPoolId,
    server: ServerChallenge,
    secret_block: Vec<u8>,
    client: SrpClient,
    challenge: PasswordVerifierChallenge,
}

fn exchange(password: &str, salt: &[u8], a: &[u8], b: &[u8], user: &str) -> Exchange {
    let pool = UserPoolId::parse("us-east-1_PropTest1").unwrap();
    let verifier = Verifier::new(&pool, user, &Password::new(password), salt);
    let client = SrpClient::new(&SecretExponent::new(a.to_vec())).unwrap();
    let server =
        ServerChallenge::new(&verifier, &client.srp_a(), &SecretExponent::new(b.to_vec())).unwrap();
    let secret_block = salt
        .iter()
        .rev()
        .cycle()
        .take(48)
        .copied()
        .collect::<Vec<u8>>();
    let challenge = PasswordVerifierChallenge {
        salt: verifier.salt_hex(),
        srp_b: server.srp_b(),
        secret_block: STANDARD.encode(&secret_block),
        user_id_for_srp: user.to_owned(),
    };
    Exchange {
        pool,
        server,
        secret_block,
        client,
        challenge,
    }
}

fn nonzero_bytes(len: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), len).prop_filter("non-zero", |v| v.iter().any(|b| *b != 0))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn server_accepts_the_right_password_only(
        password in "\\PC{1,64}",
        other in "\\PC{1,64}",
        salt in prop::collection::vec(any::<u8>(), 1..=17),
        a in nonzero_bytes(32),
        b in nonzero_bytes(32),
        unix in 0i64..4_102_444_800,
        user in "[a-z0-9.@-]{1,20}",
    ) {
        let x = exchange(&password, &salt, &a, &b, &user);
        let claim = x.client
            .respond(&x.pool, &x.challenge, &Password::new(password.clone()), unix)
            .unwrap();
        let verified = x.server.verify(&x.pool, &user, &x.secret_block, &claim.timestamp, &claim.signature);
        prop_assert_eq!(verified, Ok(unix));

        prop_assume!(other != password);
        let wrong = x.client
            .respond(&x.pool, &x.challenge, &Password::new(other), unix)
            .unwrap();
        let refused = x.server.verify(&x.pool, &user, &x.secret_block, &wrong.timestamp, &wrong.signature);
        prop_assert_eq!(refused, Err(SrpError::BadSignature));
    }

    #[test]
    fn a_changed_timestamp_is_refused(
        password in "[ -~]{6,30}",
        a in nonzero_bytes(32),
        b in nonzero_bytes(32),
        unix in 0i64..4_102_444_800,
        shift in 1i64..100_000,
    ) {
        let x = exchange(&password, &[0x42; 16], &a, &b, "alice");
        let claim = x.client
            .respond(&x.pool, &x.challenge, &Password::new(password), unix)
            .unwrap();
        let moved = format_timestamp(unix + shift);
        let refused = x.server.verify(&x.pool, "alice", &x.secret_block, &moved, &claim.signature);
        prop_assert_eq!(refused, Err(SrpError::BadSignature));
    }
}
