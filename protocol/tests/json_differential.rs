//! The hand-written JSON parser (`cognito_protocol::json`) against serde_json: generated
//! documents, written compactly and pretty, and texts mutated from them. Both parsers must
//! accept the same texts and read the same values (objects compared without regard to order;
//! numbers by value). One difference is allowed and counted: serde_json refuses numbers beyond
//! `f64` (`1e999`), which this parser keeps as text.
//!
//! `JSON_CASES` sets the number of generated documents (default 100 000, each also checked in
//! four mutated forms); `scripts/fuzz-json` runs a million.
#![cfg(not(target_arch = "wasm32"))]

use cognito_protocol::json::{parse, Value};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Leaves as the wire and the configuration carry them, and the awkward ones.
fn leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(Into::into),
        any::<u64>().prop_map(Into::into),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Into::into),
        any::<String>().prop_map(serde_json::Value::String),
        "[\"\\\\/\u{0}-\u{1f}\u{7f}\u{e9}\u{2028}\u{1f600} a-z]{0,12}"
            .prop_map(serde_json::Value::String),
    ]
}

fn document() -> impl Strategy<Value = serde_json::Value> {
    leaf().prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[a-zA-Z_\"\\\\\u{e9}]{0,6}", inner), 0..8)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

/// An edit of a text: delete, insert or replace one character.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Insert(usize, char),
    Replace(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Characters that matter to JSON's grammar, and some that do not.
    let c = prop::sample::select(
        "{}[],:\"\\/ \t\n\r0123456789-+.eEtrufalsnuDdcC\u{0}\u{1f}\u{e9}x"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), c.clone()).prop_map(|(at, c)| Edit::Insert(at, c)),
        (any::<usize>(), c).prop_map(|(at, c)| Edit::Replace(at, c)),
    ]
}

fn mutate(text: &str, edit: &Edit) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    match *edit {
        Edit::Delete(at) if len > 0 => {
            chars.remove(at % len);
        }
        Edit::Insert(at, c) => chars.insert(at % (len + 1), c),
        Edit::Replace(at, c) if len > 0 => chars[at % len] = c,
        _ => {}
    }
    chars.into_iter().collect()
}

fn same_number(text: &str, theirs: &serde_json::Number) -> bool {
    if let Some(u) = theirs.as_u64() {
        return text.parse::<u64>() == Ok(u) || text.parse::<f64>() == Ok(u as f64);
    }
    if let Some(i) = theirs.as_i64() {
        return text.parse::<i64>() == Ok(i) || text.parse::<f64>() == Ok(i as f64);
    }
    text.parse::<f64>().ok() == theirs.as_f64()
}

fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Number(a), J::Number(b)) => same_number(a.as_str(), b),
        (Value::String(a), J::String(b)) => a == b,
        (Value::Array(a), J::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Object(a), J::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(name, value)| b.get(name).is_some_and(|other| same(value, other)))
        }
        _ => false,
    }
}

/// Both parsers on `text`: the same value, or both refuse it.
fn agree(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert!(same(a, b), "{text:?}: ours {a:?}, serde_json {b:?}"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
        _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("JSON_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn parses_as_serde_json_does(
        value in document(),
        pretty in any::<bool>(),
        edits in prop::collection::vec(edit(), 4),
    ) {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        let text = text.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ours = parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert!(same(&ours, &value), "{text:?}: ours {ours:?}");
        // What the writer writes, serde_json reads as the same value.
        let written = ours.to_string();
        let again: serde_json::Value = serde_json::from_str(&written)
            .map_err(|e| TestCaseError::fail(format!("{written:?}: {e}")))?;
        prop_assert!(same(&ours, &again), "{written:?}");
        // Each edit alone, then all of them together.
        let mut all = text.clone();
        for edit in &edits {
            agree(&mutate(&text, edit))?;
            all = mutate(&all, edit);
        }
        agree(&all)?;
    }
}

#[test]
fn numbers_are_made_only_from_json_number_text() {
    use cognito_protocol::json::Number;
    for good in [
        "0",
        "-0",
        "12",
        "12.5",
        "1e3",
        "-1.5E-3",
        "18446744073709551616",
    ] {
        assert_eq!(
            Number::new(good).map(|n| n.as_str().to_owned()).as_deref(),
            Some(good)
        );
    }
    for bad in [
        "", " 1", "1 ", "+1", "01", "1.", ".5", "1e", "0x10", "NaN", "\"1\"", "[1]",
    ] {
        assert!(Number::new(bad).is_none(), "{bad:?}");
    }
}
