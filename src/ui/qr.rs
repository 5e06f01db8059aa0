//! The authenticator app's QR code: the `otpauth://` key URI (Google Authenticator's "Key Uri
//! Format"), encoded by `qrcodegen` and drawn as one SVG path (no canvas, no inline style, no
//! network: a strict Content-Security-Policy allows it), with the key under it. Built as markup
//! here, in the MFA chunk, so that the form renderer every step shares only inserts it (every
//! text in it escaped: the key comes from the server).

use qrcodegen::{QrCode, QrCodeEcc};

/// `otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>`, issuer and account
/// percent-encoded as `encodeURIComponent` does (Amplify's own builder does not encode them,
/// which breaks on a `:` or `&` in a pool name).
pub(crate) fn key_uri(issuer: &str, account: &str, secret: &str) -> String {
    let issuer = encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={secret}&issuer={issuer}",
        encode(account)
    )
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The QR code of `text` as (modules per side, an SVG path drawing its dark modules one row
/// run at a time); `None` if the text is too long for any QR code.
pub(crate) fn svg_path(text: &str) -> Option<(i32, String)> {
    let qr = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!("M{start} {y}h{}v1H{start}z", x - start));
        }
    }
    Some((size, path))
}

/// The secret as people copy it: groups of four.
pub(crate) fn grouped(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The QR code of `uri` as SVG markup labelled `label`, and `key` under it after `key_label`;
/// `None` if the URI is too long for any QR code.
pub(crate) fn picture(uri: &str, label: &str, key_label: &str, key: &str) -> Option<String> {
    let (size, path) = svg_path(uri)?;
    let side = size + 8;
    Some(format!(
        "<svg class=\"cw-qr\" viewBox=\"-4 -4 {side} {side}\" role=\"img\" aria-label=\"{}\" \
         data-testid=\"cw-qr\"><path d=\"{path}\"/></svg><p class=\"cw-hint\">{}: <code \
         class=\"cw-secret\" data-testid=\"cw-secret\">{}</code></p>",
        escape(label),
        escape(key_label),
        escape(key)
    ))
}

/// `text` safe inside markup and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_uri_encodes_issuer_and_account() {
        assert_eq!(
            key_uri("My Pool: Prod", "ada@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/My%20Pool%3A%20Prod:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=My%20Pool%3A%20Prod"
        );
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let text = key_uri("mfa-demo", "ada@example.com", "JBSWY3DPEHPK3PXP");
        let (size, path) = svg_path(&text).unwrap();
        let qr = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Medium).unwrap();
        assert_eq!(size, qr.size());
        // Redraw the path into a grid and compare it with the code.
        let mut grid = vec![vec![false; size as usize]; size as usize];
        for run in path.split('M').filter(|r| !r.is_empty()) {
            let (head, rest) = run.split_once('h').unwrap();
            let (x, y) = head.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let len: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for cell in &mut grid[y][x..x + len] {
                *cell = true;
            }
        }
        for y in 0..size {
            for x in 0..size {
                assert_eq!(
                    grid[y as usize][x as usize],
                    qr.get_module(x, y),
                    "({x}, {y})"
                );
            }
        }
    }

    #[test]
    fn secrets_show_in_groups_of_four() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn the_picture_escapes_what_the_server_and_translations_say() {
        let uri = key_uri("pool", "ada@example.com", "JBSWY3DPEHPK3PXP");
        let html = picture(
            &uri,
            "QR \"code\"",
            "Key & <b>",
            "<img src=x onerror=alert(1)>",
        )
        .unwrap();
        assert!(html.contains("aria-label=\"QR &quot;code&quot;\""));
        assert!(html.contains("Key &amp; &lt;b&gt;: "));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;</code>"));
        assert!(!html.contains("<img"));
    }
}
