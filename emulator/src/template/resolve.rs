//! Evaluation of CloudFormation intrinsic functions (`Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::If`,
//! …) against parameter defaults, pseudo parameters and the ids the emulator gave its pools
//! and clients.

use std::collections::{BTreeMap, HashMap};

use base64::{engine::general_purpose::STANDARD, Engine};
use serde_json::{Map, Value};

/// What `Ref` and `Fn::GetAtt` give for one resource.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResourceValues {
    pub(crate) reference: String,
    pub(crate) attributes: BTreeMap<String, String>,
}

/// Everything an intrinsic can refer to.
pub(crate) struct Context<'a> {
    pub(crate) pseudo: BTreeMap<&'static str, String>,
    pub(crate) parameters: &'a Map<String, Value>,
    pub(crate) mappings: &'a Value,
    pub(crate) conditions: &'a HashMap<String, bool>,
    pub(crate) resources: &'a HashMap<String, ResourceValues>,
}

/// Resolves `value`; `Ok(None)` is `AWS::NoValue` (the key is to be dropped).
pub(crate) fn resolve(value: &Value, ctx: &Context<'_>) -> Result<Option<Value>, String> {
    match value {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if let Some(v) = resolve(item, ctx)? {
                    out.push(v);
                }
            }
            Ok(Some(Value::Array(out)))
        }
        Value::Object(map) if map.len() == 1 => {
            let (key, arg) = map.iter().next().unwrap_or_else(|| unreachable!());
            match key.as_str() {
                "Ref" => reference(arg, ctx),
                "Condition" => condition_value(arg, ctx).map(|b| Some(Value::Bool(b))),
                k if k.starts_with("Fn::") => function(k, arg, ctx),
                _ => object(map, ctx),
            }
        }
        Value::Object(map) => object(map, ctx),
        other => Ok(Some(other.clone())),
    }
}

fn object(map: &Map<String, Value>, ctx: &Context<'_>) -> Result<Option<Value>, String> {
    let mut out = Map::new();
    for (k, v) in map {
        if let Some(v) = resolve(v, ctx)? {
            out.insert(k.clone(), v);
        }
    }
    Ok(Some(Value::Object(out)))
}

fn reference(arg: &Value, ctx: &Context<'_>) -> Result<Option<Value>, String> {
    let name = arg.as_str().ok_or("Ref takes a name")?;
    if name == "AWS::NoValue" {
        return Ok(None);
    }
    if let Some(v) = ctx.pseudo.get(name) {
        return Ok(Some(Value::String(v.clone())));
    }
    if let Some(v) = ctx.parameters.get(name) {
        return Ok(Some(v.clone()));
    }
    if let Some(r) = ctx.resources.get(name) {
        return Ok(Some(Value::String(r.reference.clone())));
    }
    Err(format!("Ref {name}: no such parameter or Cognito resource"))
}

fn get_att(resource: &str, attribute: &str, ctx: &Context<'_>) -> Result<String, String> {
    let r = ctx
        .resources
        .get(resource)
        .ok_or_else(|| format!("Fn::GetAtt {resource}.{attribute}: no such Cognito resource"))?;
    r.attributes
        .get(attribute)
        .cloned()
        .ok_or_else(|| format!("Fn::GetAtt {resource}.{attribute}: unknown attribute"))
}

fn string(value: &Value, ctx: &Context<'_>, what: &str) -> Result<String, String> {
    match resolve(value, ctx)? {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(Value::Bool(b)) => Ok(b.to_string()),
        other => Err(format!("{what}: expected a string, found {other:?}")),
    }
}

fn args<'a>(arg: &'a Value, n: usize, what: &str) -> Result<&'a [Value], String> {
    match arg.as_array() {
        Some(a) if a.len() == n => Ok(a),
        _ => Err(format!("{what} takes a list of {n}")),
    }
}

fn function(name: &str, arg: &Value, ctx: &Context<'_>) -> Result<Option<Value>, String> {
    let s = |v: String| Ok(Some(Value::String(v)));
    match name {
        "Fn::GetAtt" => {
            let (res, att) = match arg {
                Value::String(text) => text
                    .split_once('.')
                    .ok_or("Fn::GetAtt takes Resource.Attribute")?,
                _ => {
                    let a = args(arg, 2, name)?;
                    (
                        a[0].as_str().unwrap_or_default(),
                        a[1].as_str().unwrap_or_default(),
                    )
                }
            };
            s(get_att(res, att, ctx)?)
        }
        "Fn::Sub" => {
            let (template, vars) = match arg {
                Value::String(t) => (t.clone(), Map::new()),
                _ => {
                    let a = args(arg, 2, name)?;
                    let t = a[0].as_str().ok_or("Fn::Sub template must be a string")?;
                    let mut vars = Map::new();
                    for (k, v) in a[1].as_object().ok_or("Fn::Sub variables must be a map")? {
                        vars.insert(
                            k.clone(),
                            Value::String(string(v, ctx, "Fn::Sub variable")?),
                        );
                    }
                    (t.to_owned(), vars)
                }
            };
            s(substitute(&template, &vars, ctx)?)
        }
        "Fn::Join" => {
            let a = args(arg, 2, name)?;
            let delim = a[0].as_str().ok_or("Fn::Join delimiter must be a string")?;
            let Some(Value::Array(items)) = resolve(&a[1], ctx)? else {
                return Err("Fn::Join takes a list".into());
            };
            let parts: Result<Vec<String>, String> = items
                .iter()
                .map(|v| string(v, ctx, "Fn::Join item"))
                .collect();
            s(parts?.join(delim))
        }
        "Fn::Select" => {
            let a = args(arg, 2, name)?;
            let index: usize = string(&a[0], ctx, "Fn::Select index")?
                .parse()
                .map_err(|_| "Fn::Select index must be a number")?;
            let Some(Value::Array(items)) = resolve(&a[1], ctx)? else {
                return Err("Fn::Select takes a list".into());
            };
            items
                .get(index)
                .cloned()
                .map(Some)
                .ok_or_else(|| "Fn::Select index out of range".into())
        }
        "Fn::Split" => {
            let a = args(arg, 2, name)?;
            let delim = a[0]
                .as_str()
                .ok_or("Fn::Split delimiter must be a string")?;
            let text = string(&a[1], ctx, "Fn::Split source")?;
            Ok(Some(Value::from(text.split(delim).collect::<Vec<_>>())))
        }
        "Fn::If" => {
            let a = args(arg, 3, name)?;
            let cond = a[0].as_str().ok_or("Fn::If condition must be a name")?;
            let chosen = if condition(cond, ctx)? { &a[1] } else { &a[2] };
            resolve(chosen, ctx)
        }
        "Fn::Base64" => s(STANDARD.encode(string(arg, ctx, name)?)),
        "Fn::FindInMap" => {
            let a = args(arg, 3, name)?;
            let keys: Result<Vec<String>, String> = a
                .iter()
                .map(|v| string(v, ctx, "Fn::FindInMap key"))
                .collect();
            let keys = keys?;
            let found = &ctx.mappings[&keys[0]][&keys[1]][&keys[2]];
            if found.is_null() {
                return Err(format!(
                    "Fn::FindInMap {}/{}/{}: not in Mappings",
                    keys[0], keys[1], keys[2]
                ));
            }
            Ok(Some(found.clone()))
        }
        "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" => {
            let value = Value::Object(Map::from_iter([(name.to_owned(), arg.clone())]));
            condition_value(&value, ctx).map(|b| Some(Value::Bool(b)))
        }
        other => Err(format!("{other} is not supported by the emulator")),
    }
}

fn condition(name: &str, ctx: &Context<'_>) -> Result<bool, String> {
    ctx.conditions
        .get(name)
        .copied()
        .ok_or_else(|| format!("no condition named {name}"))
}

/// Evaluates a condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`,
/// `Condition`).
pub(crate) fn condition_value(expr: &Value, ctx: &Context<'_>) -> Result<bool, String> {
    if let Some(name) = expr.as_str() {
        return condition(name, ctx);
    }
    let map = expr
        .as_object()
        .filter(|m| m.len() == 1)
        .ok_or("a condition must be one function")?;
    let (key, arg) = map.iter().next().unwrap_or_else(|| unreachable!());
    let list = || arg.as_array().ok_or(format!("{key} takes a list"));
    match key.as_str() {
        "Condition" => condition(arg.as_str().ok_or("Condition takes a name")?, ctx),
        "Fn::Equals" => {
            let a = args(arg, 2, key)?;
            Ok(resolve(&a[0], ctx)? == resolve(&a[1], ctx)?)
        }
        "Fn::Not" => Ok(!condition_value(&args(arg, 1, key)?[0], ctx)?),
        "Fn::And" => list()?
            .iter()
            .try_fold(true, |acc, c| Ok(acc & condition_value(c, ctx)?)),
        "Fn::Or" => list()?
            .iter()
            .try_fold(false, |acc, c| Ok(acc | condition_value(c, ctx)?)),
        other => Err(format!("{other} is not a condition function")),
    }
}

/// `${Name}`, `${Resource.Attribute}` and `${!Literal}` in an `Fn::Sub` template.
fn substitute(
    template: &str,
    vars: &Map<String, Value>,
    ctx: &Context<'_>,
) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or("Fn::Sub: unclosed ${")?;
        let name = &after[..end];
        if let Some(literal) = name.strip_prefix('!') {
            out.push_str("${");
            out.push_str(literal);
            out.push('}');
        } else if let Some(v) = vars.get(name) {
            out.push_str(v.as_str().unwrap_or_default());
        } else if let Some((res, att)) = name
            .split_once('.')
            .filter(|_| !ctx.pseudo.contains_key(name))
        {
            out.push_str(&get_att(res, att, ctx)?);
        } else {
            out.push_str(&string(
                &Value::Object(Map::from_iter([("Ref".into(), name.into())])),
                ctx,
                "Fn::Sub",
            )?);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
