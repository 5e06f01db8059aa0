//! Identity pools (Cognito Identity): their configuration, and which IAM role a request for
//! credentials gets, as Cognito chooses it (the enhanced flow's role resolution).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A user-pool app client an identity pool accepts tokens from (`CognitoIdentityProviders`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// `cognito-idp.<region>.amazonaws.com/<userPoolId>`.
    pub provider_name: String,
    /// The app client (`aud` of its ID tokens).
    pub client_id: String,
    /// Refuse tokens of users signed out everywhere, disabled or deleted.
    pub server_side_token_check: bool,
}

/// How a `Rules` mapping compares a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchType {
    /// The claim is the value.
    Equals,
    /// The claim holds the value.
    Contains,
    /// The claim starts with the value.
    StartsWith,
    /// The claim is present and is not the value.
    NotEqual,
}

impl MatchType {
    /// Reads `Equals`, `Contains`, `StartsWith`, `NotEqual`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "Equals" => Some(Self::Equals),
            "Contains" => Some(Self::Contains),
            "StartsWith" => Some(Self::StartsWith),
            "NotEqual" => Some(Self::NotEqual),
            _ => None,
        }
    }

    /// Cognito's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equals => "Equals",
            Self::Contains => "Contains",
            Self::StartsWith => "StartsWith",
            Self::NotEqual => "NotEqual",
        }
    }
}

/// One rule of a `Rules` mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The ID token claim compared.
    pub claim: String,
    /// How.
    pub match_type: MatchType,
    /// With what.
    pub value: String,
    /// The role it gives (`RoleARN`).
    pub role_arn: String,
}

/// How a provider's users get a role (`RoleMappings`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingType {
    /// From the token's `cognito:preferred_role` / `cognito:roles` (user-pool groups).
    Token,
    /// From the first rule that matches the token's claims.
    Rules(Vec<Rule>),
}

/// A provider's role mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleMapping {
    /// `Token` or `Rules`.
    pub mapping: MappingType,
    /// When no role follows from the token: the pool's authenticated role (`true`,
    /// `AuthenticatedRole`) or a refusal (`false`, `Deny`).
    pub ambiguous_to_authenticated: bool,
}

/// An identity pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPoolConfig {
    /// `<region>:<uuid>`.
    pub id: String,
    /// `IdentityPoolName`.
    pub name: String,
    /// Guests get identities and credentials.
    pub allow_unauthenticated: bool,
    /// `GetOpenIdToken` (the basic flow) is allowed.
    pub allow_classic_flow: bool,
    /// The user-pool clients whose tokens it takes.
    pub providers: Vec<Provider>,
    /// `Roles.authenticated`.
    pub authenticated_role: Option<String>,
    /// `Roles.unauthenticated`.
    pub unauthenticated_role: Option<String>,
    /// By provider key (`<providerName>:<clientId>`, or a provider name).
    pub role_mappings: Vec<(String, RoleMapping)>,
}

/// Why no role: Cognito's refusals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleRefusal {
    /// The pool has no role for this kind of identity
    /// (`InvalidIdentityPoolConfigurationException`).
    NoRole,
    /// A mapping's `AmbiguousRoleResolution: Deny`, or a `CustomRoleArn` the token does not
    /// allow (`NotAuthorizedException`); carries the provider key.
    Denied(String),
}

/// A claim as text values: an array's elements, a comma-separated string's parts (the 2023
/// Developer Guide calls `cognito:roles` comma-separated; tokens carry arrays).
fn claim_values(claims: &Map<String, Value>, name: &str) -> Vec<String> {
    match claims.get(name) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) if name == "cognito:roles" => {
            s.split(',').map(|p| p.trim().to_owned()).collect()
        }
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.to_string()],
    }
}

fn matches(rule: &Rule, claims: &Map<String, Value>) -> bool {
    let values = claim_values(claims, &rule.claim);
    // An absent claim matches no rule, NotEqual included (the Developer Guide: a NotEqual
    // rule is not evaluated when the claim is missing). Array claims match on any element.
    values.iter().any(|v| match rule.match_type {
        MatchType::Equals => *v == rule.value,
        MatchType::Contains => v.contains(&rule.value),
        MatchType::StartsWith => v.starts_with(&rule.value),
        MatchType::NotEqual => *v != rule.value,
    })
}

impl IdentityPoolConfig {
    /// The role for a signed-in user whose ID token from `provider` (`<providerName>:<aud>`)
    /// carries `claims`, with the `CustomRoleArn` the caller asked for, if any.
    ///
    /// - No mapping for the provider: the authenticated role.
    /// - `Token`: a custom role must be among `cognito:roles`; else `cognito:preferred_role`;
    ///   else the ambiguous resolution.
    /// - `Rules`: the first matching rule (a custom role must be the role of a matching rule);
    ///   none matches: the ambiguous resolution.
    pub fn role_for(
        &self,
        provider: &str,
        claims: &Map<String, Value>,
        custom_role: Option<&str>,
    ) -> Result<String, RoleRefusal> {
        let provider_name = provider.rsplit_once(':').map_or(provider, |(name, _)| name);
        let mapping = self
            .role_mappings
            .iter()
            .find(|(key, _)| key == provider || key == provider_name)
            .map(|(_, m)| m);
        let denied = || RoleRefusal::Denied(provider.to_owned());
        let authenticated = || self.authenticated_role.clone().ok_or(RoleRefusal::NoRole);
        let Some(mapping) = mapping else {
            return match custom_role {
                // Without a mapping a custom role is the authenticated one or nothing.
                Some(role) if Some(role) != self.authenticated_role.as_deref() => Err(denied()),
                _ => authenticated(),
            };
        };
        let ambiguous = || match mapping.ambiguous_to_authenticated {
            true => authenticated(),
            false => Err(denied()),
        };
        match &mapping.mapping {
            MappingType::Token => {
                if let Some(role) = custom_role {
                    return match claim_values(claims, "cognito:roles")
                        .iter()
                        .any(|r| r == role)
                    {
                        true => Ok(role.to_owned()),
                        false => Err(denied()),
                    };
                }
                match claims.get("cognito:preferred_role").and_then(Value::as_str) {
                    Some(role) => Ok(role.to_owned()),
                    None => ambiguous(),
                }
            }
            MappingType::Rules(rules) => {
                let mut matching = rules.iter().filter(|r| matches(r, claims));
                match custom_role {
                    Some(role) => match matching.any(|r| r.role_arn == role) {
                        true => Ok(role.to_owned()),
                        false => Err(denied()),
                    },
                    None => match matching.next() {
                        Some(rule) => Ok(rule.role_arn.clone()),
                        None => ambiguous(),
                    },
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const AUTH: &str = "arn:aws:iam::000000000000:role/users";
    const ADMIN: &str = "arn:aws:iam::000000000000:role/admins";
    const EDITOR: &str = "arn:aws:iam::000000000000:role/editors";
    const PROVIDER: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:client1";

    fn pool(mapping: Option<RoleMapping>) -> IdentityPoolConfig {
        IdentityPoolConfig {
            id: "us-east-1:0d01f4d7-1305-4408-b437-1234567890ab".into(),
            name: "p".into(),
            allow_unauthenticated: true,
            allow_classic_flow: false,
            providers: Vec::new(),
            authenticated_role: Some(AUTH.into()),
            unauthenticated_role: None,
            role_mappings: mapping
                .map(|m| vec![(PROVIDER.into(), m)])
                .unwrap_or_default(),
        }
    }

    fn claims(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn token_mappings_follow_the_groups_roles() {
        let token = |to_auth| {
            pool(Some(RoleMapping {
                mapping: MappingType::Token,
                ambiguous_to_authenticated: to_auth,
            }))
        };
        let admin =
            claims(json!({"cognito:preferred_role": ADMIN, "cognito:roles": [ADMIN, EDITOR]}));
        let none = claims(json!({"sub": "u"}));
        type Case<'a> = (
            bool,
            &'a Map<String, Value>,
            Option<&'a str>,
            Result<String, RoleRefusal>,
        );
        let cases: &[Case<'_>] = &[
            (true, &admin, None, Ok(ADMIN.into())),
            (true, &admin, Some(EDITOR), Ok(EDITOR.into())),
            (
                true,
                &admin,
                Some(AUTH),
                Err(RoleRefusal::Denied(PROVIDER.into())),
            ),
            (true, &none, None, Ok(AUTH.into())),
            (
                false,
                &none,
                None,
                Err(RoleRefusal::Denied(PROVIDER.into())),
            ),
            (false, &admin, None, Ok(ADMIN.into())),
        ];
        for (to_auth, c, custom, want) in cases {
            assert_eq!(
                &token(*to_auth).role_for(PROVIDER, c, *custom),
                want,
                "{c:?} {custom:?}"
            );
        }
        // The comma-separated form the 2023 guide describes.
        let text = claims(json!({"cognito:roles": format!("{ADMIN}, {EDITOR}")}));
        assert_eq!(
            token(false).role_for(PROVIDER, &text, Some(EDITOR)),
            Ok(EDITOR.into())
        );
    }

    #[test]
    fn rules_match_in_order_and_absent_claims_match_nothing() {
        let rule = |claim: &str, match_type, value: &str, role: &str| Rule {
            claim: claim.into(),
            match_type,
            value: value.into(),
            role_arn: role.into(),
        };
        let rules = |to_auth| {
            pool(Some(RoleMapping {
                mapping: MappingType::Rules(vec![
                    rule("custom:dept", MatchType::Equals, "admin", ADMIN),
                    rule("email", MatchType::Contains, "@editors.", EDITOR),
                    rule("cognito:groups", MatchType::StartsWith, "edit", EDITOR),
                    rule("custom:tier", MatchType::NotEqual, "free", ADMIN),
                ]),
                ambiguous_to_authenticated: to_auth,
            }))
        };
        let cases = [
            (
                json!({"custom:dept": "admin", "email": "a@editors.example"}),
                Ok(ADMIN.into()),
            ),
            (json!({"email": "b@editors.example"}), Ok(EDITOR.into())),
            (
                json!({"cognito:groups": ["readers", "editors"]}),
                Ok(EDITOR.into()),
            ),
            (json!({"custom:tier": "pro"}), Ok(ADMIN.into())),
            (
                json!({"custom:tier": "free"}),
                Err(RoleRefusal::Denied(PROVIDER.into())),
            ),
            (
                json!({"email": "c@example.com"}),
                Err(RoleRefusal::Denied(PROVIDER.into())),
            ),
        ];
        for (c, want) in cases {
            assert_eq!(
                rules(false).role_for(PROVIDER, &claims(c.clone()), None),
                want,
                "{c}"
            );
        }
        let nothing = claims(json!({"email": "c@example.com"}));
        assert_eq!(
            rules(true).role_for(PROVIDER, &nothing, None),
            Ok(AUTH.into())
        );
        // A custom role must be the role of a rule that matches.
        let both = claims(json!({"custom:dept": "admin", "email": "a@editors.example"}));
        assert_eq!(
            rules(false).role_for(PROVIDER, &both, Some(EDITOR)),
            Ok(EDITOR.into())
        );
        assert!(rules(false)
            .role_for(PROVIDER, &nothing, Some(EDITOR))
            .is_err());
    }

    #[test]
    fn without_a_mapping_the_authenticated_role_or_no_role() {
        let c = claims(json!({"sub": "u"}));
        assert_eq!(pool(None).role_for(PROVIDER, &c, None), Ok(AUTH.into()));
        let bare = IdentityPoolConfig {
            authenticated_role: None,
            ..pool(None)
        };
        assert_eq!(bare.role_for(PROVIDER, &c, None), Err(RoleRefusal::NoRole));
    }
}
