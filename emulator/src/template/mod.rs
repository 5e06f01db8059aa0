//! Reads the user's CloudFormation template (`cdk synth` JSON, or YAML/SAM with short-form
//! intrinsics) and builds the pools and clients it declares.
//!
//! Ids are derived from the logical ids (and, for secrets, from a key kept in the data dir), so
//! the same template and data dir give the same pool id, client id and secret on every start.

mod client;
mod group;
mod identity_pool;
mod props;
mod resolve;
mod user_pool;
mod yaml;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use cognito_protocol::pool::{ClientConfig, PoolConfig};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use resolve::{condition_value, Context, ResourceValues};

/// Where the pools live: region and account used for ids, ARNs and pseudo parameters.
#[derive(Debug, Clone)]
pub struct Environment {
    /// `AWS::Region`, the prefix of every pool id.
    pub region: String,
    /// `AWS::AccountId`.
    pub account: String,
    /// A per-data-dir key from which client secrets are derived.
    pub secret_key: Vec<u8>,
    /// `--parameter Name=Value`: overrides the template's Parameters of that name.
    pub parameters: BTreeMap<String, String>,
    /// Client ids other templates already use: a client whose logical id gives one of these
    /// gets an id derived from its stack too, with a notice.
    pub taken_clients: BTreeSet<String>,
}

/// An app client with its secret, if it has one.
#[derive(Debug, Clone)]
pub struct LoadedClient {
    /// The client's settings.
    pub config: ClientConfig,
    /// The secret, when `GenerateSecret` is true.
    pub secret: Option<cognito_protocol::ClientSecret>,
}

/// The pools and clients of one template, with what it could not model.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// One per `AWS::Cognito::UserPool`.
    pub pools: Vec<PoolConfig>,
    /// One per `AWS::Cognito::UserPoolClient`.
    pub clients: Vec<LoadedClient>,
    /// One per `AWS::Cognito::UserPoolGroup`.
    pub groups: Vec<crate::store::Group>,
    /// `(pool id, group name, username)`, one per `AWS::Cognito::UserPoolUserToGroupAttachment`.
    pub memberships: Vec<(String, String, String)>,
    /// One per `AWS::Cognito::IdentityPool`, with the roles of its attachment.
    pub identity_pools: Vec<cognito_protocol::identity::IdentityPoolConfig>,
    /// Properties read but not modelled, one line each (`Resource.Property: …`).
    pub warnings: Vec<String>,
}

/// A template that cannot be loaded; the message names the resource and property.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

/// Parses a template's text (JSON if it starts with `{`, else YAML).
pub fn parse(text: &str) -> Result<Value, TemplateError> {
    let value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        yaml::parse(text)
    };
    value.map_err(|e| TemplateError(format!("not a CloudFormation template: {e}")))
}

/// Builds the pools and clients a parsed template declares.
pub fn load(
    template: &Value,
    env: &Environment,
    stack_name: &str,
) -> Result<Loaded, TemplateError> {
    let err = |m: String| TemplateError(m);
    let resources = template["Resources"]
        .as_object()
        .ok_or_else(|| err("the template has no Resources section".into()))?;
    let parameters = parameters(template, &env.parameters)?;
    let pseudo = BTreeMap::from([
        ("AWS::Region", env.region.clone()),
        ("AWS::AccountId", env.account.clone()),
        ("AWS::StackName", stack_name.to_owned()),
        (
            "AWS::StackId",
            format!(
                "arn:aws:cloudformation:{}:{}:stack/{stack_name}/emulated",
                env.region, env.account
            ),
        ),
        ("AWS::Partition", "aws".to_owned()),
        ("AWS::URLSuffix", "amazonaws.com".to_owned()),
        ("AWS::NotificationARNs", String::new()),
    ]);
    let no_resources = HashMap::new();
    let empty_conditions = HashMap::new();
    let mut conditions = HashMap::new();
    let condition_defs = template["Conditions"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    // Conditions may name each other; evaluate until all settle (bounded by their count).
    for _ in 0..=condition_defs.len() {
        for (name, expr) in &condition_defs {
            let ctx = Context {
                pseudo: pseudo.clone(),
                parameters: &parameters,
                mappings: &template["Mappings"],
                conditions: if conditions.is_empty() {
                    &empty_conditions
                } else {
                    &conditions
                },
                resources: &no_resources,
            };
            if let Ok(v) = condition_value(expr, &ctx) {
                conditions.insert(name.clone(), v);
            }
        }
    }
    // One that never settled cannot be evaluated: say which and why, rather than skipping
    // the resources it guards.
    for (name, expr) in &condition_defs {
        if !conditions.contains_key(name) {
            let ctx = Context {
                pseudo: pseudo.clone(),
                parameters: &parameters,
                mappings: &template["Mappings"],
                conditions: &conditions,
                resources: &no_resources,
            };
            let why = condition_value(expr, &ctx)
                .err()
                .map_or_else(|| "it names itself".to_owned(), |e| e.to_string());
            return Err(err(format!(
                "Conditions.{name}: cannot be evaluated: {why}"
            )));
        }
    }

    let mut values = HashMap::new();
    let mut pool_ids = HashMap::new();
    let mut notices = Vec::new();
    let wanted = |def: &Value| match def["Condition"].as_str() {
        Some(c) => conditions.get(c).copied().unwrap_or(false),
        None => true,
    };
    for (logical, def) in resources {
        if def["Type"] == "AWS::Cognito::UserPool" && wanted(def) {
            let id = format!(
                "{}_{}",
                env.region,
                short_id(&format!("pool:{logical}"), 9, true)
            );
            let provider = format!("cognito-idp.{}.amazonaws.com/{id}", env.region);
            let attributes = BTreeMap::from([
                (
                    "Arn".to_owned(),
                    format!(
                        "arn:aws:cognito-idp:{}:{}:userpool/{id}",
                        env.region, env.account
                    ),
                ),
                ("ProviderName".to_owned(), provider.clone()),
                ("ProviderURL".to_owned(), format!("https://{provider}")),
                ("UserPoolId".to_owned(), id.clone()),
            ]);
            pool_ids.insert(logical.clone(), id.clone());
            values.insert(
                logical.clone(),
                ResourceValues {
                    reference: id,
                    attributes,
                },
            );
        }
    }
    for (logical, def) in resources.iter().filter(|(_, d)| wanted(d)) {
        match def["Type"].as_str() {
            Some("AWS::IAM::Role") => {
                let role = identity_pool::role_values(logical, def, stack_name, &env.account);
                values.insert(logical.clone(), role);
            }
            Some("AWS::Cognito::IdentityPool") => {
                let id = identity_pool::pool_id(&env.region, logical);
                let name = def["Properties"]["IdentityPoolName"]
                    .as_str()
                    .unwrap_or(logical)
                    .to_owned();
                let attributes =
                    BTreeMap::from([("Id".to_owned(), id.clone()), ("Name".to_owned(), name)]);
                values.insert(
                    logical.clone(),
                    ResourceValues {
                        reference: id,
                        attributes,
                    },
                );
            }
            _ => {}
        }
    }
    for (logical, def) in resources {
        if def["Type"] == "AWS::Cognito::UserPoolClient" && wanted(def) {
            let mut id = short_id(&format!("client:{logical}"), 26, false);
            if env.taken_clients.contains(&id) {
                id = short_id(&format!("client:{stack_name}/{logical}"), 26, false);
                notices.push(format!(
                    "{logical}: another template has a client with this logical id; this one is {id}"
                ));
            }
            let secret = client::secret_for(&env.secret_key, &id);
            let name = def["Properties"]["ClientName"]
                .as_str()
                .unwrap_or(logical)
                .to_owned();
            let attributes = BTreeMap::from([
                ("ClientId".to_owned(), id.clone()),
                ("ClientSecret".to_owned(), secret),
                ("Name".to_owned(), name),
            ]);
            values.insert(
                logical.clone(),
                ResourceValues {
                    reference: id,
                    attributes,
                },
            );
        }
    }

    let ctx = Context {
        pseudo,
        parameters: &parameters,
        mappings: &template["Mappings"],
        conditions: &conditions,
        resources: &values,
    };
    let mut loaded = Loaded {
        warnings: notices,
        ..Loaded::default()
    };
    let mut attachments = Vec::new();
    for (logical, def) in resources {
        if !wanted(def) {
            continue;
        }
        let props = def["Properties"].as_object().cloned().unwrap_or_default();
        match def["Type"].as_str() {
            Some("AWS::Cognito::UserPool") => {
                let id = pool_ids[logical].clone();
                let pool = user_pool::build(logical, id, &props, &ctx, &mut loaded.warnings)?;
                loaded.pools.push(pool);
            }
            Some("AWS::Cognito::UserPoolClient") => {
                let id = values[logical].reference.clone();
                let c = client::build(logical, id, &props, &ctx, env, &mut loaded.warnings)?;
                loaded.clients.push(c);
            }
            Some("AWS::Cognito::UserPoolGroup") => {
                let g = group::build(logical, &props, &ctx, &mut loaded.warnings)?;
                loaded.groups.push(g);
            }
            Some("AWS::Cognito::UserPoolUserToGroupAttachment") => {
                let m = group::attachment(logical, &props, &ctx, &mut loaded.warnings)?;
                loaded.memberships.push(m);
            }
            Some("AWS::Cognito::IdentityPool") => {
                let id = values[logical].reference.clone();
                let pool = identity_pool::build(logical, id, &props, &ctx, &mut loaded.warnings)?;
                loaded.identity_pools.push(pool);
            }
            Some("AWS::Cognito::IdentityPoolRoleAttachment") => {
                let a = identity_pool::attachment(logical, &props, &ctx, &mut loaded.warnings)?;
                attachments.push((logical.clone(), a));
            }
            Some(t) if t.starts_with("AWS::Cognito::") => {
                loaded
                    .warnings
                    .push(format!("{logical}: resource type {t} is not modelled"));
            }
            _ => {}
        }
    }
    for (logical, (pool_id, authenticated, unauthenticated, mappings)) in attachments {
        let pool = loaded
            .identity_pools
            .iter_mut()
            .find(|p| p.id == pool_id)
            .ok_or_else(|| {
                err(format!(
                    "{logical}.IdentityPoolId: {pool_id} is not an identity pool of this template"
                ))
            })?;
        let configured = |key: &str| {
            pool.providers.iter().any(|p| {
                key == p.provider_name || key == format!("{}:{}", p.provider_name, p.client_id)
            })
        };
        if let Some((key, _)) = mappings.iter().find(|(key, _)| !configured(key)) {
            return Err(err(format!(
                "{logical}.RoleMappings: {key} is not a valid RoleMapping ProviderName or is not a configured provider."
            )));
        }
        pool.authenticated_role = authenticated;
        pool.unauthenticated_role = unauthenticated;
        pool.role_mappings = mappings;
    }
    if loaded.pools.is_empty() {
        return Err(err("the template declares no AWS::Cognito::UserPool".into()));
    }
    Ok(loaded)
}

/// The template's Parameters: each override given (`--parameter Name=Value`) for one it
/// declares, else its default. A list type takes a comma-separated value; a value outside
/// `AllowedValues` is refused.
fn parameters(
    template: &Value,
    overrides: &BTreeMap<String, String>,
) -> Result<Map<String, Value>, TemplateError> {
    let mut out = Map::new();
    for (name, def) in template["Parameters"].as_object().into_iter().flatten() {
        let ty = def["Type"].as_str().unwrap_or("String");
        let Some(given) = overrides.get(name) else {
            // No default: reported only if something refers to it (resolve names it then).
            if !def["Default"].is_null() {
                out.insert(name.clone(), def["Default"].clone());
            }
            continue;
        };
        let allowed = def["AllowedValues"].as_array();
        if allowed.is_some_and(|a| {
            !a.iter()
                .any(|v| props::as_string(v).as_deref() == Some(given))
        }) {
            return Err(TemplateError(format!(
                "Parameters.{name}: {given:?} is not one of its AllowedValues"
            )));
        }
        let value = if ty == "CommaDelimitedList" || ty.starts_with("List<") {
            Value::from(
                given
                    .split(',')
                    .map(|v| Value::from(v.trim()))
                    .collect::<Vec<_>>(),
            )
        } else {
            Value::from(given.as_str())
        };
        out.insert(name.clone(), value);
    }
    Ok(out)
}

fn short_id(seed: &str, len: usize, mixed_case: bool) -> String {
    const MIXED: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const LOWER: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let alphabet = if mixed_case { MIXED } else { LOWER };
    let digest = Sha256::digest(seed.as_bytes());
    digest
        .iter()
        .take(len)
        .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
        .collect()
}
