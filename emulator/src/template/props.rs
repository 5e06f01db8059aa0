//! Typed reads of a resource's properties; every error names `Resource.Property`.

use serde_json::{Map, Value};

use super::resolve::{resolve, Context};
use super::TemplateError;

/// One resource's properties, resolved on demand, remembering which were read.
pub(super) struct Props<'a> {
    pub(super) logical: &'a str,
    raw: &'a Map<String, Value>,
    ctx: &'a Context<'a>,
    read: Vec<&'static str>,
}

impl<'a> Props<'a> {
    pub(super) fn new(logical: &'a str, raw: &'a Map<String, Value>, ctx: &'a Context<'a>) -> Self {
        Self {
            logical,
            raw,
            ctx,
            read: Vec::new(),
        }
    }

    pub(super) fn error(&self, property: &str, message: impl std::fmt::Display) -> TemplateError {
        TemplateError(format!("{}.{property}: {message}", self.logical))
    }

    /// The resolved value of a top-level property, if present.
    pub(super) fn get(&mut self, property: &'static str) -> Result<Option<Value>, TemplateError> {
        self.read.push(property);
        match self.raw.get(property) {
            None => Ok(None),
            Some(v) => resolve(v, self.ctx).map_err(|e| self.error(property, e)),
        }
    }

    pub(super) fn string(
        &mut self,
        property: &'static str,
    ) -> Result<Option<String>, TemplateError> {
        match self.get(property)? {
            None => Ok(None),
            Some(v) => as_string(&v)
                .map(Some)
                .ok_or_else(|| self.error(property, "expected a string")),
        }
    }

    pub(super) fn bool(&mut self, property: &'static str) -> Result<Option<bool>, TemplateError> {
        match self.get(property)? {
            None => Ok(None),
            Some(v) => as_bool(&v)
                .map(Some)
                .ok_or_else(|| self.error(property, "expected true or false")),
        }
    }

    pub(super) fn int(&mut self, property: &'static str) -> Result<Option<i64>, TemplateError> {
        match self.get(property)? {
            None => Ok(None),
            Some(v) => as_int(&v)
                .map(Some)
                .ok_or_else(|| self.error(property, "expected a whole number")),
        }
    }

    pub(super) fn strings(
        &mut self,
        property: &'static str,
    ) -> Result<Option<Vec<String>>, TemplateError> {
        match self.get(property)? {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    as_string(v).ok_or_else(|| self.error(property, "expected a list of strings"))
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(self.error(property, "expected a list of strings")),
        }
    }

    /// Marks a property the emulator has no use for as read (so it is not reported) without
    /// resolving it: what it refers to (a CloudFront domain in `CallbackURLs`) may not exist
    /// here, and must not stop the load.
    pub(super) fn skip(&mut self, property: &'static str) {
        self.read.push(property);
    }

    /// The resolved value of a property the emulator reads but can live without: `None`, with
    /// a warning, when it cannot be resolved here.
    pub(super) fn get_or_warn(
        &mut self,
        property: &'static str,
        warnings: &mut Vec<String>,
    ) -> Option<Value> {
        match self.get(property) {
            Ok(v) => v,
            Err(e) => {
                warnings.push(format!("{e} (ignored)"));
                None
            }
        }
    }

    /// Lines for every property present but never read: what the emulator does not model.
    pub(super) fn unread(&self) -> Vec<String> {
        self.raw
            .keys()
            .filter(|k| !self.read.contains(&k.as_str()))
            .map(|k| {
                format!(
                    "{}.{k}: not modelled by the emulator, ignored",
                    self.logical
                )
            })
            .collect()
    }
}

pub(super) fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// CloudFormation accepts `true` and `"true"` alike.
pub(super) fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Numbers may be written as strings (`"15"`), as constraints always are.
pub(super) fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
