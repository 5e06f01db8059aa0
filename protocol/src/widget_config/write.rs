//! [`WidgetConfig`] → the configuration file's JSON, as the emulator serves it. Absent options
//! are left out, so what is written reads back the same.

use super::{AmplifyOutputs, AuthOptions, AuthOutputs, PolicyOutputs, WidgetConfig};
use crate::json::{Map, Value};
use crate::pool::{AttributeSchema, AttributeType};

/// An object under construction that skips absent members.
#[derive(Default)]
struct Members(Map);

impl Members {
    fn put(mut self, name: &str, value: impl Into<Value>) -> Self {
        let value = value.into();
        if !value.is_null() {
            self.0.insert(name.to_owned(), value);
        }
        self
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn texts(list: &[String]) -> Value {
    Value::Array(list.iter().map(Value::from).collect())
}

impl WidgetConfig {
    /// The configuration as JSON.
    pub fn to_json(&self) -> Value {
        let cdk = self.cdk_outputs.clone().map(Value::Object);
        let custom = (!self.custom_attributes.is_empty())
            .then(|| Value::Array(self.custom_attributes.iter().map(attribute).collect()));
        Members::default()
            .put("endpoint", self.endpoint.as_deref())
            .put(
                "amplify_outputs",
                self.amplify_outputs.as_ref().map(amplify),
            )
            .put("cdk_outputs", cdk)
            .put("auth", self.auth.as_ref().map(options))
            .put("custom_attributes", custom)
            .put("auth_flow", self.auth_flow.as_deref())
            .put("storage", self.storage.as_deref())
            .put("language", self.language.as_deref())
            .put("initial_screen", self.initial_screen.as_deref())
            .put("hide_sign_up", self.hide_sign_up.then_some(true))
            .put("request_timeout_ms", self.request_timeout_ms)
            .put(
                "expose_refresh_token",
                self.expose_refresh_token.then_some(true),
            )
            .put("heading_level", self.heading_level)
            .put(
                "sign_up_attributes",
                self.sign_up_attributes
                    .as_ref()
                    .map(|names| names.iter().map(Value::from).collect::<Vec<_>>()),
            )
            .put("remember_devices", self.remember_devices.as_deref())
            .put("totp_issuer", self.totp_issuer.as_deref())
            .put(
                "write_attributes",
                self.write_attributes.as_deref().map(texts),
            )
            .put(
                "hide_account_sections",
                (!self.hide_account_sections.is_empty())
                    .then(|| texts(&self.hide_account_sections)),
            )
            .done()
    }
}

fn amplify(outputs: &AmplifyOutputs) -> Value {
    Members::default()
        .put("version", outputs.version.as_str())
        .put("auth", auth(&outputs.auth))
        .done()
}

fn auth(a: &AuthOutputs) -> Value {
    Members::default()
        .put("aws_region", a.aws_region.as_deref())
        .put("user_pool_id", a.user_pool_id.as_str())
        .put("user_pool_client_id", a.user_pool_client_id.as_str())
        .put("password_policy", a.password_policy.as_ref().map(policy))
        .put(
            "standard_required_attributes",
            texts(&a.standard_required_attributes),
        )
        .put("username_attributes", texts(&a.username_attributes))
        .put("user_verification_types", texts(&a.user_verification_types))
        .put("mfa_configuration", a.mfa_configuration.as_deref())
        .put(
            "mfa_methods",
            (!a.mfa_methods.is_empty()).then(|| texts(&a.mfa_methods)),
        )
        .put("identity_pool_id", a.identity_pool_id.as_deref())
        .put(
            "unauthenticated_identities_enabled",
            a.unauthenticated_identities_enabled,
        )
        .done()
}

fn options(a: &AuthOptions) -> Value {
    Members::default()
        .put("aws_region", a.aws_region.as_deref())
        .put("user_pool_id", a.user_pool_id.as_deref())
        .put("user_pool_client_id", a.user_pool_client_id.as_deref())
        .put("password_policy", a.password_policy.as_ref().map(policy))
        .put(
            "standard_required_attributes",
            a.standard_required_attributes.as_deref().map(texts),
        )
        .put(
            "username_attributes",
            a.username_attributes.as_deref().map(texts),
        )
        .put("identity_pool_id", a.identity_pool_id.as_deref())
        .put(
            "unauthenticated_identities_enabled",
            a.unauthenticated_identities_enabled,
        )
        .done()
}

fn policy(p: &PolicyOutputs) -> Value {
    Members::default()
        .put("min_length", p.min_length)
        .put("require_lowercase", p.require_lowercase)
        .put("require_uppercase", p.require_uppercase)
        .put("require_numbers", p.require_numbers)
        .put("require_symbols", p.require_symbols)
        .done()
}

fn attribute(a: &AttributeSchema) -> Value {
    let data_type = match a.data_type {
        AttributeType::String => "String",
        AttributeType::Number => "Number",
        AttributeType::DateTime => "DateTime",
        AttributeType::Boolean => "Boolean",
    };
    Members::default()
        .put("name", a.name.as_str())
        .put("data_type", data_type)
        .put("mutable", a.mutable)
        .put("required", a.required)
        .put("min", a.min)
        .put("max", a.max)
        .done()
}
