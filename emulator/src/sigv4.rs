//! AWS Signature Version 4 on the emulator's side: reading the `Authorization` header of an
//! IAM-class call (the aws CLI, boto3 and the SDKs always sign those) and, when the emulator was
//! given credentials (`--credentials KEY:SECRET`), checking the signature for real.
//!
//! Written here rather than taken from `aws-sigv4`: that crate brings the smithy runtime (tens
//! of crates to compile on a bare machine) for what is five HMACs and one SHA-256. Checked
//! against botocore's signer by the compatibility suite (the aws CLI and boto3 against an
//! emulator started with `--credentials`) and against AWS's published `get-vanilla` vector.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id.
    pub access_key: String,
    /// `YYYYMMDD/region/service/aws4_request`.
    pub scope: String,
    /// Lower-case header names, in the signed order.
    pub signed_headers: Vec<String>,
    /// 64 hex digits.
    pub signature: String,
}

/// Why a signed call is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No `Authorization` header.
    Missing,
    /// A header that is not a SigV4 one.
    Malformed,
    /// Signed with an access key the emulator was not given.
    UnknownKey,
    /// The signature does not match.
    BadSignature,
}

impl Authorization {
    /// Reads the header value; `None` if it is not a well-formed SigV4 authorization.
    pub fn parse(value: &str) -> Option<Self> {
        let rest = value.trim().strip_prefix("AWS4-HMAC-SHA256")?;
        let (mut credential, mut signed, mut signature) = (None, None, None);
        for part in rest.split(',') {
            let (name, value) = part.trim().split_once('=')?;
            match name {
                "Credential" => credential = Some(value),
                "SignedHeaders" => signed = Some(value),
                "Signature" => signature = Some(value),
                _ => {}
            }
        }
        let (access_key, scope) = credential?.split_once('/')?;
        let scope_parts: Vec<&str> = scope.split('/').collect();
        let (signed, signature) = (signed?, signature?);
        let well_formed = !access_key.is_empty()
            && scope_parts.len() == 4
            && scope_parts[0].len() == 8
            && scope_parts[3] == "aws4_request"
            && signature.len() == 64
            && signature.bytes().all(|b| b.is_ascii_hexdigit());
        well_formed.then(|| Self {
            access_key: access_key.to_owned(),
            scope: scope.to_owned(),
            signed_headers: signed.split(';').map(str::to_ascii_lowercase).collect(),
            signature: signature.to_ascii_lowercase(),
        })
    }
}

/// One request as SigV4 sees it.
pub struct Signed<'a> {
    pub method: &'a str,
    /// The path, as sent (already URI-encoded).
    pub path: &'a str,
    /// The query string, without `?` (empty when none).
    pub query: &'a str,
    /// Every header: (name, value).
    pub headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl Signed<'_> {
    /// The canonical request for the headers `auth` signed.
    fn canonical(&self, auth: &Authorization) -> String {
        let mut query: Vec<&str> = self.query.split('&').filter(|q| !q.is_empty()).collect();
        query.sort_unstable();
        let mut canonical_headers = String::new();
        for name in &auth.signed_headers {
            let values: Vec<String> = self
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
        }
        let payload = hex(&Sha256::digest(self.body));
        format!(
            "{}\n{}\n{}\n{canonical_headers}\n{}\n{payload}",
            self.method,
            if self.path.is_empty() { "/" } else { self.path },
            query.join("&"),
            auth.signed_headers.join(";"),
        )
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The signature `secret` gives this request under `auth`'s scope and signed headers.
    pub fn signature(&self, auth: &Authorization, secret: &str) -> String {
        let when = self
            .header("x-amz-date")
            .or_else(|| self.header("date"))
            .unwrap_or_default();
        let to_sign = format!(
            "AWS4-HMAC-SHA256\n{when}\n{}\n{}",
            auth.scope,
            hex(&Sha256::digest(self.canonical(auth).as_bytes()))
        );
        let mut key = format!("AWS4{secret}").into_bytes();
        for part in auth.scope.split('/') {
            key = hmac(&key, part);
        }
        hex(&hmac(&key, &to_sign))
    }

    /// Whether the request is signed: well formed always; by `credentials` (access key,
    /// secret) when given, compared in constant time.
    pub fn check(&self, credentials: Option<(&str, &str)>) -> Result<(), Refusal> {
        let value = self.header("authorization").ok_or(Refusal::Missing)?;
        let auth = Authorization::parse(value).ok_or(Refusal::Malformed)?;
        let Some((key, secret)) = credentials else {
            return Ok(());
        };
        if auth.access_key != key {
            return Err(Refusal::UnknownKey);
        }
        let expected = self.signature(&auth, secret);
        if bool::from(expected.as_bytes().ct_eq(auth.signature.as_bytes())) {
            Ok(())
        } else {
            Err(Refusal::BadSignature)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// AWS's SigV4 test suite, `get-vanilla` (botocore's `SigV4Auth`, its clock set to the
    /// vector's, signs the same request with the same signature).
    fn vanilla(signature: &str) -> (Signed<'static>, String) {
        let value = format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature={signature}"
        );
        let request = Signed {
            method: "GET",
            path: "/",
            query: "",
            headers: vec![
                ("Host".into(), "example.amazonaws.com".into()),
                ("X-Amz-Date".into(), "20150830T123600Z".into()),
                ("Authorization".into(), value.clone()),
            ],
            body: b"",
        };
        (request, value)
    }

    const VANILLA: &str = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    #[test]
    fn the_published_vector_verifies() {
        let (request, value) = vanilla(VANILLA);
        let auth = Authorization::parse(&value).unwrap();
        assert_eq!(request.signature(&auth, SECRET), VANILLA);
        assert_eq!(request.check(Some(("AKIDEXAMPLE", SECRET))), Ok(()));
    }

    #[test]
    fn a_wrong_secret_key_or_signature_is_refused() {
        let (request, _) = vanilla(VANILLA);
        assert_eq!(
            request.check(Some(("AKIDEXAMPLE", "another secret"))),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            request.check(Some(("AKIDOTHER", SECRET))),
            Err(Refusal::UnknownKey)
        );
        let (tampered, _) = vanilla(&VANILLA.replace('5', "6"));
        assert_eq!(
            tampered.check(Some(("AKIDEXAMPLE", SECRET))),
            Err(Refusal::BadSignature)
        );
        // Without credentials, any well-formed signature passes (as the SDKs need).
        assert_eq!(tampered.check(None), Ok(()));
    }

    #[test]
    fn headers_that_are_not_sigv4_are_told_apart() {
        assert!(Authorization::parse("Bearer abc").is_none());
        assert!(
            Authorization::parse("AWS4-HMAC-SHA256 Credential=AK/2015/x/y, Signature=00").is_none()
        );
        let request = Signed {
            method: "POST",
            path: "/",
            query: "",
            headers: vec![],
            body: b"{}",
        };
        assert_eq!(request.check(None), Err(Refusal::Missing));
    }
}
