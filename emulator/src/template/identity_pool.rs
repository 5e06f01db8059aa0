//! `AWS::Cognito::IdentityPool` and `AWS::Cognito::IdentityPoolRoleAttachment` →
//! [`IdentityPoolConfig`]; and what `Ref`/`Fn::GetAtt` give for them and for IAM roles.

use std::collections::BTreeMap;

use cognito_protocol::identity::{
    IdentityPoolConfig, MappingType, MatchType, Provider, RoleMapping, Rule,
};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::props::{as_bool, as_string, Props};
use super::resolve::{Context, ResourceValues};
use super::TemplateError;

/// `<region>:<uuid>`, stable for the logical id (lower-case hex, as Cognito writes them).
pub(super) fn pool_id(region: &str, logical: &str) -> String {
    let digest = Sha256::digest(format!("identity-pool:{logical}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    format!("{region}:{}", crate::random::uuid_from(bytes))
}

/// An IAM role's `Ref` (its name) and `Arn`/`RoleId`: `RoleName` when given, else a name
/// CloudFormation-style (`<stack>-<logical>-<suffix>`), stable for the stack and logical id.
pub(super) fn role_values(
    logical: &str,
    def: &Value,
    stack: &str,
    account: &str,
) -> ResourceValues {
    let digest = Sha256::digest(format!("role:{stack}/{logical}").as_bytes());
    let suffix: String = digest
        .iter()
        .take(12)
        .map(|b| (b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")[usize::from(*b) % 36] as char)
        .collect();
    let props = &def["Properties"];
    let name = props["RoleName"]
        .as_str()
        .map_or_else(|| format!("{stack}-{logical}-{suffix}"), str::to_owned);
    let path = props["Path"].as_str().unwrap_or("/");
    let attributes = BTreeMap::from([
        (
            "Arn".to_owned(),
            format!("arn:aws:iam::{account}:role{path}{name}"),
        ),
        ("RoleId".to_owned(), format!("AROA{}", &suffix[..12])),
    ]);
    ResourceValues {
        reference: name,
        attributes,
    }
}

/// An identity pool of the template (roles come from its attachment).
pub(super) fn build(
    logical: &str,
    id: String,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<IdentityPoolConfig, TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let allow_unauthenticated = p
        .bool("AllowUnauthenticatedIdentities")?
        .ok_or_else(|| p.error("AllowUnauthenticatedIdentities", "is required"))?;
    let name = p
        .string("IdentityPoolName")?
        .unwrap_or_else(|| logical.to_owned());
    let allow_classic_flow = p.bool("AllowClassicFlow")?.unwrap_or(false);
    let mut providers = Vec::new();
    for (i, entry) in p
        .get("CognitoIdentityProviders")?
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let text = |k: &str| entry.get(k).and_then(as_string);
        let (Some(provider_name), Some(client_id)) = (text("ProviderName"), text("ClientId"))
        else {
            return Err(p.error(
                "CognitoIdentityProviders",
                format!("[{i}] needs ProviderName and ClientId"),
            ));
        };
        if !provider_name.starts_with("cognito-idp.") {
            return Err(p.error(
                "CognitoIdentityProviders",
                format!("[{i}] {provider_name} is not cognito-idp.<region>.amazonaws.com/<userPoolId> (Invalid Cognito Identity Provider)"),
            ));
        }
        providers.push(Provider {
            provider_name,
            client_id,
            server_side_token_check: entry
                .get("ServerSideTokenCheck")
                .and_then(as_bool)
                .unwrap_or(false),
        });
    }
    for other in [
        "SupportedLoginProviders",
        "DeveloperProviderName",
        "OpenIdConnectProviderARNs",
        "SamlProviderARNs",
    ] {
        if p.get_or_warn(other, warnings).is_some() {
            warnings.push(format!(
                "{logical}.{other}: only user-pool providers are emulated; these logins are refused"
            ));
        }
    }
    for leftover in [
        "IdentityPoolTags",
        "CognitoEvents",
        "CognitoStreams",
        "PushSync",
    ] {
        p.skip(leftover);
    }
    warnings.extend(p.unread());
    Ok(IdentityPoolConfig {
        id,
        name,
        allow_unauthenticated,
        allow_classic_flow,
        providers,
        authenticated_role: None,
        unauthenticated_role: None,
        role_mappings: Vec::new(),
    })
}

/// An attachment: `(identity pool id, authenticated role, unauthenticated role, mappings)`.
pub(super) type Attachment = (
    String,
    Option<String>,
    Option<String>,
    Vec<(String, RoleMapping)>,
);

/// A role attachment of the template.
pub(super) fn attachment(
    logical: &str,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<Attachment, TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let pool = p
        .string("IdentityPoolId")?
        .ok_or_else(|| p.error("IdentityPoolId", "is required"))?;
    let roles = p.get("Roles")?.unwrap_or(Value::Null);
    let role = |kind: &str| roles.get(kind).and_then(as_string);
    let mut mappings = Vec::new();
    for (key, m) in p
        .get("RoleMappings")?
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
    {
        let bad = |why: String| p.error("RoleMappings", format!("{key}: {why}"));
        // The provider is IdentityProvider; the map key only when that is absent (CDK's
        // key is arbitrary).
        let provider = m
            .get("IdentityProvider")
            .and_then(as_string)
            .unwrap_or_else(|| key.clone());
        let ambiguous_to_authenticated =
            match m.get("AmbiguousRoleResolution").and_then(Value::as_str) {
                Some("AuthenticatedRole") | None => true,
                Some("Deny") => false,
                Some(other) => {
                    return Err(bad(format!(
                        "AmbiguousRoleResolution {other} is not AuthenticatedRole or Deny"
                    )))
                }
            };
        let mapping = match m.get("Type").and_then(Value::as_str) {
            Some("Token") => MappingType::Token,
            Some("Rules") => {
                let rules = m["RulesConfiguration"]["Rules"]
                    .as_array()
                    .ok_or_else(|| bad("Rules needs RulesConfiguration.Rules".into()))?;
                let rules = rules
                    .iter()
                    .map(|r| {
                        let text = |k: &str| r.get(k).and_then(as_string);
                        Some(Rule {
                            claim: text("Claim")?,
                            match_type: MatchType::parse(&text("MatchType")?)?,
                            value: text("Value")?,
                            role_arn: text("RoleARN")?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        bad("each rule needs Claim, MatchType (Equals, Contains, StartsWith, NotEqual), Value and RoleARN".into())
                    })?;
                MappingType::Rules(rules)
            }
            other => return Err(bad(format!("Type {other:?} is not Token or Rules"))),
        };
        mappings.push((
            provider,
            RoleMapping {
                mapping,
                ambiguous_to_authenticated,
            },
        ));
    }
    warnings.extend(p.unread());
    Ok((
        pool,
        role("authenticated"),
        role("unauthenticated"),
        mappings,
    ))
}
