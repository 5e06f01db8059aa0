//! Token-authorized user operations.

use serde_json::{json, Value};

use super::tokens::{readable, user_of};
use super::Action;
use crate::state::AppState;

pub(super) fn get_user(state: &AppState, body: &Value) -> Action {
    let (user, client_id) = user_of(state, body)?;
    let client = state.clients.get(&client_id);
    let attributes: Vec<Value> = user
        .attributes
        .iter()
        .filter(|(name, _)| client.is_none_or(|c| readable(c, name)))
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect();
    Ok(json!({"Username": user.username, "UserAttributes": attributes}))
}
