//! A small JSON value with a strict parser and a writer: what the wire, the configuration file
//! and the widget's storage need, without serde. In a browser bundle serde_json and its
//! formatting machinery cost more than the widget's own logic; this costs a few kilobytes.
//!
//! Numbers keep their text: the user-pool API and the configuration only carry integers, which
//! [`Value::as_u64`] and [`Value::as_i64`] read exactly; nothing is rounded through `f64`.

mod map;
mod parse;
mod write;

pub use map::Map;
pub use parse::{parse, ParseError};

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

static NULL: Value = Value::Null;

/// A JSON number, as its text. Only the parser, [`Number::new`] (which checks the text) and
/// the integers' `From` make one, so a [`Value`] always writes valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// `text`, if it is exactly one JSON number (`-0`, `12.5e3`; not `012`, `1.`, `+1`, ` 1`).
    pub fn new(text: &str) -> Option<Self> {
        match parse(text) {
            Ok(Value::Number(n)) if n.0.len() == text.len() => Some(n),
            _ => None,
        }
    }

    /// The number's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Value {
    /// An object from `(name, value)` pairs.
    pub fn object<const N: usize>(members: [(&str, Value); N]) -> Self {
        Self::Object(
            members
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        )
    }

    /// The member `name` of an object; `None` for a missing member or a non-object.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Self::Object(map) => map.get(name),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A non-negative integer that fits `u64` (`3600`, not `3600.5` or `-1`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(n) => n.0.parse().ok(),
            _ => None,
        }
    }

    /// An integer that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(n) => n.0.parse().ok(),
            _ => None,
        }
    }

    /// A number's whole part, as Cognito's dates need it (`1796191242`, `1796191242.5`,
    /// `1.796191242123E9`: seconds, a fraction allowed). Read from the text, not through `f64`:
    /// parsing floats would bring ~15 KB of tables into the wasm.
    pub fn as_whole(&self) -> Option<i64> {
        let Self::Number(n) = self else {
            return None;
        };
        let text = n.0.as_str();
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (negative, mantissa) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // The digits, and where the point falls among them after the exponent.
        let digits: String = [whole, fraction].concat();
        let point = i32::try_from(whole.len()).ok()?.checked_add(exponent)?;
        let kept = usize::try_from(point.max(0)).ok()?;
        let value: i64 = match kept.checked_sub(digits.len()) {
            Some(zeros) => format!("{digits}{}", "0".repeat(zeros)).parse().ok()?,
            None => digits
                .get(..kept)
                .filter(|d| !d.is_empty())
                .map_or(Some(0), |d| d.parse().ok())?,
        };
        Some(if negative { -value } else { value })
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Self::Object(map) => Some(map),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
}

/// `value["name"]`: the member, or `null` when there is none.
impl core::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, name: &str) -> &Value {
        self.get(name).unwrap_or(&NULL)
    }
}

/// `value[i]`: the item, or `null` when there is none.
impl core::ops::Index<usize> for Value {
    type Output = Value;

    fn index(&self, i: usize) -> &Value {
        self.as_array()
            .and_then(|items| items.get(i))
            .unwrap_or(&NULL)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::String(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::String(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Self {
        Self::String(text.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Self::Number(Number(n.to_string()))
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Self::Number(Number(n.to_string()))
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Self::Number(Number(n.to_string()))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(option: Option<T>) -> Self {
        option.map_or(Self::Null, Into::into)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Self {
        Self::Array(items)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Self::Object(map)
    }
}

#[cfg(test)]
mod tests;
