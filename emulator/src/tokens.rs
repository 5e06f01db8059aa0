//! RS256 JWTs with Cognito's claims, and the JWKS that verifies them. Two RSA keys, made once
//! per data dir and kept there: one signs ID tokens, the other access tokens (as in Cognito,
//! where the two token kinds carry different `kid`s).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64URL, Engine};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::store::{Store, StoreError};

/// One signing key with its key id.
pub struct Key {
    kid: String,
    private: RsaPrivateKey,
    signer: ring::rsa::KeyPair,
}

impl Key {
    fn load(store: &Store, name: &str) -> Result<Self, StoreError> {
        let pem = store.meta_or_insert(name, || {
            let mut rng = crate::random::OsRng;
            let key = RsaPrivateKey::new(&mut rng, 2048)
                .unwrap_or_else(|e| panic!("cannot generate an RSA key: {e}"));
            key.to_pkcs8_pem(LineEnding::LF)
                .unwrap_or_else(|e| panic!("cannot encode an RSA key: {e}"))
                .as_bytes()
                .to_vec()
        })?;
        let text = String::from_utf8_lossy(&pem);
        let private = RsaPrivateKey::from_pkcs8_pem(&text)
            .unwrap_or_else(|e| panic!("the stored key {name} is corrupt: {e}"));
        let n = private.n().to_bytes_be();
        // Cognito's kids look like base64 of a hash; ours is the hash of the modulus.
        let kid = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&n));
        let der = private
            .to_pkcs8_der()
            .unwrap_or_else(|e| panic!("cannot encode the key {name}: {e}"));
        let signer = ring::rsa::KeyPair::from_pkcs8(der.as_bytes())
            .unwrap_or_else(|e| panic!("the key {name} is not usable for RS256: {e}"));
        Ok(Self {
            kid,
            signer,
            private,
        })
    }

    fn jwk(&self) -> Value {
        json!({
            "alg": "RS256",
            "e": B64URL.encode(self.private.e().to_bytes_be()),
            "kid": self.kid,
            "kty": "RSA",
            "n": B64URL.encode(self.private.n().to_bytes_be()),
            "use": "sig",
        })
    }

    fn sign(&self, claims: &Map<String, Value>) -> String {
        let header = json!({"kid": self.kid, "alg": "RS256"});
        let input = format!(
            "{}.{}",
            B64URL.encode(header.to_string()),
            B64URL.encode(Value::Object(claims.clone()).to_string())
        );
        let mut signature = vec![0u8; self.signer.public().modulus_len()];
        self.signer
            .sign(
                &ring::signature::RSA_PKCS1_SHA256,
                &ring::rand::SystemRandom::new(),
                input.as_bytes(),
                &mut signature,
            )
            .unwrap_or_else(|e| panic!("RS256 signing failed: {e}"));
        format!("{input}.{}", B64URL.encode(signature))
    }
}

/// The two signing keys.
pub struct Keys {
    id: Key,
    access: Key,
}

impl Keys {
    /// Loads the keys from the store, creating them on first start.
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            id: Key::load(store, "rsa-id-token")?,
            access: Key::load(store, "rsa-access-token")?,
        })
    }

    /// `{"keys": [...]}` for `/<pool>/.well-known/jwks.json`.
    pub fn jwks(&self) -> Value {
        json!({"keys": [self.id.jwk(), self.access.jwk()]})
    }

    /// Signs an ID token.
    pub fn sign_id(&self, claims: &Map<String, Value>) -> String {
        self.id.sign(claims)
    }

    /// Signs an access token.
    pub fn sign_access(&self, claims: &Map<String, Value>) -> String {
        self.access.sign(claims)
    }
}

/// A JWT's claims, its signature not checked (for what only describes a request, such as the
/// log line's pool).
pub fn unverified_claims(token: &str) -> Option<Map<String, Value>> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&B64URL.decode(payload).ok()?).ok()
}

impl Keys {
    /// Verifies an access token's signature and returns its claims (expiry not checked here).
    pub fn verify_access(&self, token: &str) -> Option<Map<String, Value>> {
        verify(&self.access, token)
    }

    /// Verifies an ID token's signature and returns its claims (expiry not checked here).
    pub fn verify_id(&self, token: &str) -> Option<Map<String, Value>> {
        verify(&self.id, token)
    }

    /// Signs an identity pool's OpenID token (`GetOpenIdToken`) with the ID-token key.
    pub fn sign_open_id(&self, claims: &Map<String, Value>) -> String {
        self.id.sign(claims)
    }
}

fn verify(key: &Key, token: &str) -> Option<Map<String, Value>> {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::signature::Verifier;
    let (input, signature) = token.rsplit_once('.')?;
    let signature = Signature::try_from(B64URL.decode(signature).ok()?.as_slice()).ok()?;
    let verifying = VerifyingKey::<Sha256>::new(key.private.to_public_key());
    verifying.verify(input.as_bytes(), &signature).ok()?;
    unverified_claims(token)
}
