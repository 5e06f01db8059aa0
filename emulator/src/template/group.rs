//! `AWS::Cognito::UserPoolGroup` and `AWS::Cognito::UserPoolUserToGroupAttachment`.

use serde_json::{Map, Value};

use super::props::Props;
use super::resolve::Context;
use super::TemplateError;
use crate::store::Group;

/// A group of the template.
pub(super) fn build(
    logical: &str,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<Group, TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let pool_id = p
        .string("UserPoolId")?
        .ok_or_else(|| p.error("UserPoolId", "is required"))?;
    let name = p.string("GroupName")?.unwrap_or_else(|| logical.to_owned());
    if name.is_empty() || name.chars().count() > 128 {
        return Err(p.error("GroupName", "must be 1 to 128 characters"));
    }
    let precedence = p.int("Precedence")?;
    if precedence.is_some_and(|n| !(0..=i64::from(i32::MAX)).contains(&n)) {
        return Err(p.error("Precedence", "must be between 0 and 2147483647"));
    }
    // Usually an IAM role of the same template (`!GetAtt Role.Arn`), resolved as its ARN.
    let role_arn = p
        .get_or_warn("RoleArn", warnings)
        .and_then(|v| v.as_str().map(str::to_owned));
    let description = p.string("Description")?.unwrap_or_default();
    warnings.extend(p.unread());
    Ok(Group {
        pool_id,
        name,
        description,
        precedence,
        role_arn,
        created: 0,
        modified: 0,
    })
}

/// A membership of the template: `(pool id, group name, username)`.
pub(super) fn attachment(
    logical: &str,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<(String, String, String), TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let mut required = |property: &'static str| {
        p.string(property)?
            .ok_or_else(|| TemplateError(format!("{logical}.{property}: is required")))
    };
    let pool_id = required("UserPoolId")?;
    let group = required("GroupName")?;
    let username = required("Username")?;
    warnings.extend(p.unread());
    Ok((pool_id, group, username))
}
