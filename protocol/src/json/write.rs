//! [`Value`] → compact JSON text (`to_string()`), strings escaped per RFC 8259.

use core::fmt::{self, Write};

use super::Value;

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => f.write_str("null"),
            Self::Bool(true) => f.write_str("true"),
            Self::Bool(false) => f.write_str("false"),
            Self::Number(n) => f.write_str(n.as_str()),
            Self::String(text) => quoted(f, text),
            Self::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    fmt::Display::fmt(item, f)?;
                }
                f.write_char(']')
            }
            Self::Object(map) => {
                f.write_char('{')?;
                for (i, (name, value)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    quoted(f, name)?;
                    f.write_char(':')?;
                    fmt::Display::fmt(value, f)?;
                }
                f.write_char('}')
            }
        }
    }
}

fn quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    f.write_char('"')?;
    let mut run = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        f.write_str(&text[run..i])?;
        if escape.is_empty() {
            f.write_str("\\u00")?;
            f.write_char(HEX[usize::from(byte >> 4)] as char)?;
            f.write_char(HEX[usize::from(byte & 15)] as char)?;
        } else {
            f.write_str(escape)?;
        }
        run = i + 1;
    }
    f.write_str(&text[run..])?;
    f.write_char('"')
}
