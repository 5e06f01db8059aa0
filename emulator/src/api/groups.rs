//! Groups: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups, AdminAddUserToGroup,
//! AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup. Membership shows in
//! tokens as `cognito:groups` (and, for groups with a role, `cognito:roles` and
//! `cognito:preferred_role`: see `tokens::group_claims`).

use serde_json::{json, Value};

use super::error::ApiError;
use super::{required_str, Action};
use crate::state::AppState;
use crate::store::Group;
use crate::users;

fn group_type(g: &Group) -> Value {
    let mut out = json!({
        "GroupName": g.name,
        "UserPoolId": g.pool_id,
        "Description": g.description,
        "CreationDate": g.created,
        "LastModifiedDate": g.modified,
    });
    if let Some(p) = g.precedence {
        out["Precedence"] = json!(p);
    }
    if let Some(r) = &g.role_arn {
        out["RoleArn"] = json!(r);
    }
    out
}

fn not_found() -> ApiError {
    ApiError::new("ResourceNotFoundException", "Group not found.")
}

/// The named group of the named pool.
fn group_in(state: &AppState, body: &Value) -> Result<Group, ApiError> {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    state
        .store
        .group(&pool.id, required_str(body, "GroupName")?)?
        .ok_or_else(not_found)
}

fn precedence(body: &Value) -> Result<Option<i64>, ApiError> {
    match &body["Precedence"] {
        Value::Null => Ok(None),
        v => v
            .as_i64()
            .filter(|n| (0..=i64::from(i32::MAX)).contains(n))
            .map(Some)
            .ok_or_else(|| ApiError::invalid("Precedence must be between 0 and 2147483647.")),
    }
}

pub(super) fn create_group(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let name = required_str(body, "GroupName")?;
    if name.is_empty() || name.chars().count() > 128 {
        return Err(ApiError::invalid(
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128",
        ));
    }
    let now = state.now();
    let group = Group {
        pool_id: pool.id.clone(),
        name: name.to_owned(),
        description: body["Description"].as_str().unwrap_or_default().to_owned(),
        precedence: precedence(body)?,
        role_arn: body["RoleArn"].as_str().map(str::to_owned),
        created: now,
        modified: now,
    };
    if !state.store.create_group(&group)? {
        return Err(ApiError::new(
            "GroupExistsException",
            format!("A group with the name {name} already exists."),
        ));
    }
    Ok(json!({"Group": group_type(&group)}))
}

pub(super) fn get_group(state: &AppState, body: &Value) -> Action {
    Ok(json!({"Group": group_type(&group_in(state, body)?)}))
}

pub(super) fn update_group(state: &AppState, body: &Value) -> Action {
    let mut group = group_in(state, body)?;
    if let Some(d) = body["Description"].as_str() {
        d.clone_into(&mut group.description);
    }
    if !body["Precedence"].is_null() {
        group.precedence = precedence(body)?;
    }
    if let Some(r) = body["RoleArn"].as_str() {
        group.role_arn = Some(r.to_owned());
    }
    group.modified = state.now();
    state.store.update_group(&group)?;
    Ok(json!({"Group": group_type(&group)}))
}

pub(super) fn delete_group(state: &AppState, body: &Value) -> Action {
    let group = group_in(state, body)?;
    state.store.delete_group(&group.pool_id, &group.name)?;
    Ok(json!({}))
}

/// `{key: [a page of items], NextToken?}`: `Limit` at most 60, `NextToken` an offset.
fn page(key: &str, items: Vec<Value>, body: &Value) -> Value {
    let limit = body["Limit"].as_u64().unwrap_or(60).clamp(1, 60) as usize;
    let start: usize = body["NextToken"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let next = (start + limit < items.len()).then(|| (start + limit).to_string());
    let mut out = json!({ key: items.into_iter().skip(start).take(limit).collect::<Vec<_>>() });
    if let Some(n) = next {
        out["NextToken"] = json!(n);
    }
    out
}

pub(super) fn list_groups(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let all = state
        .store
        .groups(&pool.id)?
        .iter()
        .map(group_type)
        .collect();
    Ok(page("Groups", all, body))
}

pub(super) fn admin_add_user_to_group(state: &AppState, body: &Value) -> Action {
    let group = group_in(state, body)?;
    let pool = state.pool(&group.pool_id)?;
    let user = users::find(state, pool, required_str(body, "Username")?)?
        .ok_or_else(ApiError::user_not_found)?;
    state
        .store
        .add_member(&pool.id, &group.name, &user.username)?;
    Ok(json!({}))
}

pub(super) fn admin_remove_user_from_group(state: &AppState, body: &Value) -> Action {
    let group = group_in(state, body)?;
    let pool = state.pool(&group.pool_id)?;
    let user = users::find(state, pool, required_str(body, "Username")?)?
        .ok_or_else(ApiError::user_not_found)?;
    state
        .store
        .remove_member(&pool.id, &group.name, &user.username)?;
    Ok(json!({}))
}

pub(super) fn admin_list_groups_for_user(state: &AppState, body: &Value) -> Action {
    let pool = state.pool(required_str(body, "UserPoolId")?)?;
    let user = users::find(state, pool, required_str(body, "Username")?)?
        .ok_or_else(ApiError::user_not_found)?;
    let all = state
        .store
        .groups_of(&pool.id, &users::member_names(pool, &user))?
        .iter()
        .map(group_type)
        .collect();
    Ok(page("Groups", all, body))
}

pub(super) fn list_users_in_group(state: &AppState, body: &Value) -> Action {
    let group = group_in(state, body)?;
    let mut all = Vec::new();
    let pool = state.pool(&group.pool_id)?;
    for name in state.store.members(&group.pool_id, &group.name)? {
        // A template may name a member who does not exist (yet), or by their e-mail.
        if let Some(user) = users::find(state, pool, &name)? {
            all.push(users::user_type(&user));
        }
    }
    Ok(page("Users", all, body))
}
