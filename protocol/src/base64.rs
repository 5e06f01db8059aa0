//! Base64 (RFC 4648) as Cognito uses it: the standard alphabet with padding (SRP's
//! SECRET_BLOCK and signature, SECRET_HASH) and the URL-safe alphabet without padding (the
//! segments of a JWT). Decoding is strict, as the `base64` crate's `STANDARD` and
//! `URL_SAFE_NO_PAD` engines are: a wrong length, a stray `=`, a character outside the
//! alphabet or non-zero leftover bits is refused. Our own, because the crate's general engine
//! cost 3 KB of the browser bundle for a few hundred bytes of input per sign-in.

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in the standard alphabet, padded with `=` to a multiple of four characters.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(STANDARD[(group >> (18 - 6 * i)) as usize & 63])
            } else {
                '='
            });
        }
    }
    out
}

/// Decodes standard-alphabet, padded base64; `None` unless `text` is exactly what [`encode`]
/// would write for some bytes.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 != 0 {
        return None;
    }
    let body = text
        .strip_suffix("==")
        .or_else(|| text.strip_suffix('='))
        .unwrap_or(text);
    decode_body(STANDARD, body)
}

/// Decodes URL-safe base64 without padding (a JWT segment); `None` for anything else.
pub fn decode_url(text: &str) -> Option<Vec<u8>> {
    decode_body(URL_SAFE, text)
}

fn decode_body(alphabet: &[u8; 64], body: &str) -> Option<Vec<u8>> {
    if body.len() % 4 == 1 {
        return None; // six bits cannot make a byte
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.as_bytes().chunks(4) {
        let mut group = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = alphabet.iter().position(|a| a == c)?;
            group |= (value as u32) << (18 - 6 * i);
        }
        let len = chunk.len() - 1; // 4 characters carry 3 bytes, 3 carry 2, 2 carry 1
        if group & (0xFF_FFFF >> (8 * len)) != 0 {
            return None; // bits after the last byte must be zero
        }
        out.extend((0..len).map(|i| (group >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
            let unpadded = coded.trim_end_matches('=');
            assert_eq!(decode_url(unpadded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn alphabets_differ_in_two_characters() {
        assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
        assert_eq!(decode_url("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(decode("-_8="), None);
        assert_eq!(decode_url("+/8"), None);
    }

    #[test]
    fn refuses_what_encode_never_writes() {
        for bad in [
            "Zg", "Zg=", "Zm8", "Z===", "Zh==", "Zm9=", "Zg==Zg==", "Zm 9v", "Zm9v\n", "=Zm9",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
        for bad in ["Z", "Zh", "Zm9", "Zg==", "Zm9vY", "Zm+v"] {
            assert_eq!(decode_url(bad), None, "{bad:?}");
        }
    }
}
