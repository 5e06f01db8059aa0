//! The configuration file's JSON → [`WidgetConfig`]. Unknown members are ignored (the files
//! it reads carry much else); a member of the wrong type is an error that names its path.

use super::{AmplifyOutputs, AuthOptions, AuthOutputs, PolicyOutputs, WidgetConfig};
use crate::json::{self, Map, Value};
use crate::pool::{AttributeSchema, AttributeType};

/// One object being read, with its path for error messages (`amplify_outputs.auth`).
struct Object<'a> {
    value: &'a Value,
    path: String,
}

impl<'a> Object<'a> {
    fn new(value: &'a Value, path: String) -> Result<Self, String> {
        if value.as_object().is_none() {
            return Err(format!("{path} is not an object"));
        }
        Ok(Self { value, path })
    }

    fn path(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// The member, with `null` read as absent.
    fn member(&self, name: &str) -> Option<&'a Value> {
        self.value.get(name).filter(|v| !v.is_null())
    }

    fn wrong(&self, name: &str, expected: &str) -> String {
        format!("{} is not {expected}", self.path(name))
    }

    fn object(&self, name: &str) -> Result<Option<Object<'a>>, String> {
        self.member(name)
            .map(|v| Object::new(v, self.path(name)))
            .transpose()
    }

    fn text(&self, name: &str) -> Result<Option<String>, String> {
        self.member(name)
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| self.wrong(name, "text"))
            })
            .transpose()
    }

    fn required_text(&self, name: &str) -> Result<String, String> {
        self.text(name)?
            .ok_or_else(|| format!("{} is missing", self.path(name)))
    }

    fn flag(&self, name: &str) -> Result<Option<bool>, String> {
        self.member(name)
            .map(|v| v.as_bool().ok_or_else(|| self.wrong(name, "true or false")))
            .transpose()
    }

    fn integer(&self, name: &str) -> Result<Option<i64>, String> {
        self.member(name)
            .map(|v| v.as_i64().ok_or_else(|| self.wrong(name, "a whole number")))
            .transpose()
    }

    fn texts(&self, name: &str) -> Result<Option<Vec<String>>, String> {
        let Some(value) = self.member(name) else {
            return Ok(None);
        };
        let list = value.as_array().ok_or_else(|| self.wrong(name, "a list"))?;
        list.iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| self.wrong(name, "a list of texts"))
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }
}

impl WidgetConfig {
    /// Reads the text of a configuration file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let value = json::parse(text).map_err(|e| format!("not JSON: {e}"))?;
        Self::read(&value)
    }

    /// Reads a parsed configuration file.
    pub fn read(value: &Value) -> Result<Self, String> {
        let file = Object::new(value, String::new())
            .map_err(|_| "the configuration is not a JSON object".to_owned())?;
        let custom_attributes = match file.member("custom_attributes") {
            None => Vec::new(),
            Some(list) => list
                .as_array()
                .ok_or_else(|| file.wrong("custom_attributes", "a list"))?
                .iter()
                .enumerate()
                .map(|(i, item)| attribute(Object::new(item, format!("custom_attributes[{i}]"))?))
                .collect::<Result<_, _>>()?,
        };
        Ok(Self {
            endpoint: file.text("endpoint")?,
            amplify_outputs: file.object("amplify_outputs")?.map(amplify).transpose()?,
            cdk_outputs: file.object("cdk_outputs")?.map(|o| cdk(&o)).transpose()?,
            auth: file.object("auth")?.map(options).transpose()?,
            custom_attributes,
            auth_flow: file.text("auth_flow")?,
            storage: file.text("storage")?,
            language: file.text("language")?,
            initial_screen: file.text("initial_screen")?,
            hide_sign_up: file.flag("hide_sign_up")?.unwrap_or(false),
            request_timeout_ms: file.integer("request_timeout_ms")?,
            expose_refresh_token: file.flag("expose_refresh_token")?.unwrap_or(false),
            heading_level: file.integer("heading_level")?,
            sign_up_attributes: file.texts("sign_up_attributes")?,
            remember_devices: file.text("remember_devices")?,
            totp_issuer: file.text("totp_issuer")?,
            write_attributes: file.texts("write_attributes")?,
            hide_account_sections: file.texts("hide_account_sections")?.unwrap_or_default(),
        })
    }
}

fn amplify(outputs: Object<'_>) -> Result<AmplifyOutputs, String> {
    let auth = outputs
        .object("auth")?
        .ok_or_else(|| format!("{} is missing", outputs.path("auth")))?;
    let (identity_pool_id, unauthenticated_identities_enabled) = identity(&auth)?;
    Ok(AmplifyOutputs {
        version: outputs.text("version")?.unwrap_or_default(),
        auth: AuthOutputs {
            aws_region: auth.text("aws_region")?,
            user_pool_id: auth.required_text("user_pool_id")?,
            user_pool_client_id: auth.required_text("user_pool_client_id")?,
            password_policy: auth.object("password_policy")?.map(policy).transpose()?,
            standard_required_attributes: auth
                .texts("standard_required_attributes")?
                .unwrap_or_default(),
            username_attributes: auth.texts("username_attributes")?.unwrap_or_default(),
            user_verification_types: auth.texts("user_verification_types")?.unwrap_or_default(),
            mfa_configuration: auth.text("mfa_configuration")?,
            mfa_methods: auth.texts("mfa_methods")?.unwrap_or_default(),
            identity_pool_id,
            unauthenticated_identities_enabled,
        },
    })
}

fn options(auth: Object<'_>) -> Result<AuthOptions, String> {
    let (identity_pool_id, unauthenticated_identities_enabled) = identity(&auth)?;
    Ok(AuthOptions {
        aws_region: auth.text("aws_region")?,
        user_pool_id: auth.text("user_pool_id")?,
        user_pool_client_id: auth.text("user_pool_client_id")?,
        password_policy: auth.object("password_policy")?.map(policy).transpose()?,
        standard_required_attributes: auth.texts("standard_required_attributes")?,
        username_attributes: auth.texts("username_attributes")?,
        identity_pool_id,
        unauthenticated_identities_enabled,
    })
}

/// An `auth` section's identity pool: `identity_pool_id`, `unauthenticated_identities_enabled`.
/// One copy for both sections that have them (the browser's bundle counts its bytes).
#[inline(never)]
fn identity(auth: &Object<'_>) -> Result<(Option<String>, Option<bool>), String> {
    Ok((
        auth.text("identity_pool_id")?,
        auth.flag("unauthenticated_identities_enabled")?,
    ))
}

fn policy(p: Object<'_>) -> Result<PolicyOutputs, String> {
    let min_length = p
        .integer("min_length")?
        .map(|n| u32::try_from(n).map_err(|_| p.wrong("min_length", "a length")))
        .transpose()?;
    Ok(PolicyOutputs {
        min_length,
        require_lowercase: p.flag("require_lowercase")?,
        require_uppercase: p.flag("require_uppercase")?,
        require_numbers: p.flag("require_numbers")?,
        require_symbols: p.flag("require_symbols")?,
    })
}

/// `{"<Stack>": {"<OutputKey>": value}}`.
fn cdk(outputs: &Object<'_>) -> Result<Map, String> {
    let stacks = outputs.value.as_object().cloned().unwrap_or_default();
    for (stack, members) in stacks.iter() {
        Object::new(members, outputs.path(stack))?;
    }
    Ok(stacks)
}

/// One `custom_attributes` entry: `name` required; `data_type` (String, Number, DateTime or
/// Boolean) defaults to String, `mutable` to true, `required` to false; `min`/`max` optional.
fn attribute(a: Object<'_>) -> Result<AttributeSchema, String> {
    let data_type = match a.text("data_type")?.as_deref() {
        None | Some("String") => AttributeType::String,
        Some("Number") => AttributeType::Number,
        Some("DateTime") => AttributeType::DateTime,
        Some("Boolean") => AttributeType::Boolean,
        Some(other) => {
            return Err(format!(
                "{} is {other}, not String, Number, DateTime or Boolean",
                a.path("data_type")
            ))
        }
    };
    Ok(AttributeSchema {
        name: a.required_text("name")?,
        data_type,
        mutable: a.flag("mutable")?.unwrap_or(true),
        required: a.flag("required")?.unwrap_or(false),
        min: a.integer("min")?,
        max: a.integer("max")?,
    })
}
