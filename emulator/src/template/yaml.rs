//! CloudFormation YAML, short-form intrinsics included, read into the JSON shape `cdk synth`
//! writes, so the rest of the loader sees one format.

use serde_json::{Map, Number, Value};
use serde_norway::Value as Yaml;

/// Parses YAML text, turning `!Ref x` into `{"Ref": x}`, `!GetAtt a.b` into
/// `{"Fn::GetAtt": ["a", "b"]}`, `!Condition c` into `{"Condition": c}` and every other `!Fn x`
/// into `{"Fn::Fn": x}`.
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    let yaml: Yaml = serde_norway::from_str(text).map_err(|e| e.to_string())?;
    convert(yaml)
}

fn convert(yaml: Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => number(&n)?,
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => {
            Value::Array(items.into_iter().map(convert).collect::<Result<_, _>>()?)
        }
        Yaml::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = match k {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    other => return Err(format!("unsupported mapping key {other:?}")),
                };
                out.insert(key, convert(v)?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            let value = convert(tagged.value)?;
            let (key, value) = match name {
                "Ref" => ("Ref".to_owned(), value),
                "Condition" => ("Condition".to_owned(), value),
                "GetAtt" => match value {
                    Value::String(s) => {
                        let (resource, attribute) = s
                            .split_once('.')
                            .ok_or_else(|| format!("!GetAtt {s}: expected Resource.Attribute"))?;
                        (
                            "Fn::GetAtt".to_owned(),
                            Value::from(vec![resource, attribute]),
                        )
                    }
                    other => ("Fn::GetAtt".to_owned(), other),
                },
                other => (format!("Fn::{other}"), value),
            };
            Value::Object(Map::from_iter([(key, value)]))
        }
    })
}

fn number(n: &serde_norway::Number) -> Result<Value, String> {
    if let Some(i) = n.as_i64() {
        return Ok(Value::Number(i.into()));
    }
    if let Some(u) = n.as_u64() {
        return Ok(Value::Number(u.into()));
    }
    n.as_f64()
        .and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| format!("unsupported number {n}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_form_tags_become_intrinsics() {
        let v = parse(
            "A: !Ref Pool\nB: !GetAtt Pool.Arn\nC: !Sub '${AppName}-pool'\nD: !If [C, 1, 2]\n\
             E: !Join ['-', [a, !Ref X]]\nF: !Condition IsProd\n",
        )
        .unwrap();
        assert_eq!(
            v,
            json!({
                "A": {"Ref": "Pool"},
                "B": {"Fn::GetAtt": ["Pool", "Arn"]},
                "C": {"Fn::Sub": "${AppName}-pool"},
                "D": {"Fn::If": ["C", 1, 2]},
                "E": {"Fn::Join": ["-", ["a", {"Ref": "X"}]]},
                "F": {"Condition": "IsProd"},
            })
        );
    }

    #[test]
    fn bad_yaml_is_an_error() {
        assert!(parse("A: [unclosed").is_err());
        assert!(parse("B: !GetAtt NoDot").is_err());
    }
}
