//! The parser and writer checked against serde_json, the reference the wire used before.

use super::{parse, Number, Value};

/// The same document as serde_json sees it, converted to our `Value`.
fn reference(text: &str) -> Option<Value> {
    fn convert(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(Number::new(&n.to_string()).unwrap()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    serde_json::from_str(text).ok().map(convert)
}

const ACCEPTED: &[&str] = &[
    "null",
    " true ",
    "false",
    "0",
    "-7",
    "3600",
    "18446744073709551615",
    "[]",
    "{}",
    "[1,[2,[3,{}]]]",
    r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}"#,
    r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
    r#""tab\there \"quoted\" back\\slash \/ \b\f\n\r""#,
    r#""\u00e9t\u00E9 \ud83d\ude00 ü 😀""#,
    "{\"a\" : [ 1 , 2 ] ,\n \"b\" :\t{ \"c\" : null } }",
    r#"{"dup":1,"dup":2}"#,
];

const REFUSED: &[&str] = &[
    "",
    "   ",
    "[1,]",
    "{\"a\":1,}",
    "{a:1}",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "tru",
    "nul",
    "\"open",
    "\"bad \\x escape\"",
    "\"\\ud83d alone\"",
    "\"\\ude00 alone\"",
    "\"\\u12\"",
    "\"raw\ncontrol\"",
    "[1] 2",
    "{\"a\" 1}",
    "[",
    "{",
    "// comment\n1",
];

#[test]
fn accepts_what_serde_json_accepts_with_the_same_values() {
    for text in ACCEPTED {
        let ours = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(Some(ours), reference(text), "{text}");
    }
}

#[test]
fn refuses_what_serde_json_refuses_and_says_where() {
    for text in REFUSED {
        assert!(reference(text).is_none(), "serde_json accepts {text}");
        let error = parse(text).expect_err(text);
        assert!(error.offset <= text.len(), "{text}: {error}");
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(
        parse("[1,]").unwrap_err().to_string(),
        "not a JSON value at byte 3"
    );
}

#[test]
fn writing_then_reading_gives_the_same_value_and_serde_json_agrees() {
    for text in ACCEPTED {
        let value = parse(text).unwrap();
        let written = value.to_string();
        assert_eq!(parse(&written).unwrap(), value, "{written}");
        assert_eq!(reference(&written), Some(value), "{written}");
    }
    let awkward = Value::from("line\nbreak \"q\" \\ \u{1} \u{1f} é 😀");
    let written = awkward.to_string();
    assert_eq!(written, r#""line\nbreak \"q\" \\ \u0001 \u001f é 😀""#);
    assert_eq!(
        serde_json::from_str::<String>(&written).unwrap(),
        awkward.as_str().unwrap()
    );
}

#[test]
fn numbers_are_read_exactly_and_never_through_floats() {
    assert_eq!(parse("3600").unwrap().as_u64(), Some(3600));
    assert_eq!(
        parse("18446744073709551615").unwrap().as_u64(),
        Some(u64::MAX)
    );
    assert_eq!(parse("18446744073709551616").unwrap().as_u64(), None);
    assert_eq!(parse("-1").unwrap().as_u64(), None);
    assert_eq!(parse("-1").unwrap().as_i64(), Some(-1));
    assert_eq!(parse("1.5").unwrap().as_u64(), None);
    assert_eq!(parse("1e3").unwrap().to_string(), "1e3");
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert_eq!(parse(&deep).unwrap_err().what, "nested too deeply");
}

#[test]
fn members_and_indexing() {
    let v = parse(r#"{"a":{"b":"c"},"n":null}"#).unwrap();
    assert_eq!(v["a"]["b"].as_str(), Some("c"));
    assert!(v["missing"]["deeper"].is_null());
    assert!(v["n"].is_null());
    assert_eq!(v.get("a").and_then(|a| a.get("b")), Some(&Value::from("c")));
    assert_eq!(
        Value::object([("x", Value::from(true)), ("y", Value::from(None::<String>))]).to_string(),
        r#"{"x":true,"y":null}"#
    );
}

#[test]
fn whole_parts_of_numbers_as_cognito_writes_dates() {
    for (text, whole) in [
        ("1796191242", Some(1_796_191_242)),
        ("1796191242.987", Some(1_796_191_242)),
        ("1.796191242123E9", Some(1_796_191_242)),
        ("1.7961912421234567e9", Some(1_796_191_242)),
        ("1.5E1", Some(15)),
        ("17E2", Some(1700)),
        ("0.25", Some(0)),
        ("2.5E-3", Some(0)),
        ("-12.5", Some(-12)),
        ("0", Some(0)),
    ] {
        let value = parse(text).unwrap();
        assert_eq!(value.as_whole(), whole, "{text}");
        // The same as through a float, where a float is exact enough.
        let float: f64 = text.parse().unwrap();
        assert_eq!(value.as_whole(), Some(float.trunc() as i64), "{text}");
    }
    assert_eq!(parse("\"12\"").unwrap().as_whole(), None);
}
