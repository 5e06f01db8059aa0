//! User rules shared by the actions: finding a user by any sign-in name, checking attributes
//! and passwords against the pool, setting a password, and sending codes.

use cognito_protocol::attributes;
use cognito_protocol::password_policy::password_shape_ok;
use cognito_protocol::pool::{ClientConfig, PoolConfig, SignInAttribute};
use cognito_protocol::srp::{to_hex, Verifier};
use cognito_protocol::{Password, UserPoolId};
use serde_json::{json, Map, Value};

use crate::api::error::ApiError;
use crate::passwords;
use crate::random;
use crate::state::AppState;
use crate::store::User;

/// The key a user is stored under: the username, folded when the pool ignores case.
pub(crate) fn lookup_key(pool: &PoolConfig, name: &str) -> String {
    if pool.case_sensitive {
        name.to_owned()
    } else {
        name.to_lowercase()
    }
}

/// Finds a user by username, by e-mail or phone in pools that sign in with them, or by a
/// verified alias.
pub(crate) fn find(
    state: &AppState,
    pool: &PoolConfig,
    login: &str,
) -> Result<Option<User>, ApiError> {
    if let Some(u) = state.store.user(&pool.id, &lookup_key(pool, login))? {
        return Ok(Some(u));
    }
    let aliases: Vec<SignInAttribute> = pool
        .username_attributes
        .iter()
        .chain(&pool.alias_attributes)
        .copied()
        .collect();
    if aliases.is_empty() {
        return Ok(None);
    }
    // The sign-in names table holds exactly the usable ones (store::names).
    match state.store.username_by_name(&pool.id, login)? {
        Some(username) => Ok(state.store.user_by_username(&pool.id, &username)?),
        None => Ok(None),
    }
}

/// Before `user`'s `attribute` (e-mail or phone) becomes verified with `value`: in a pool that
/// signs in with it as an alias, a verified value names one user, so another user holding it
/// verified is refused (`AliasExistsException`), or with `force` (`ForceAliasCreation`) loses it
/// (their copy becomes unverified, as Cognito moves the alias).
pub(crate) fn claim_alias(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    attribute: &str,
    value: &str,
    force: bool,
) -> Result<(), ApiError> {
    if !pool.alias_attributes.iter().any(|a| a.name() == attribute) {
        return Ok(());
    }
    let verified = format!("{attribute}_verified");
    let holders = state.store.users(&pool.id)?.into_iter().filter(|u| {
        u.username != user.username
            && u.attributes.get(&verified) == Some(&json!("true"))
            && u.attributes
                .get(attribute)
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
    });
    for mut holder in holders {
        if !force {
            let what = if attribute == "email" {
                "email"
            } else {
                "phone_number"
            };
            return Err(ApiError::new(
                "AliasExistsException",
                format!("An account with the given {what} already exists."),
            ));
        }
        holder.attributes.insert(verified.clone(), json!("false"));
        holder.modified = state.now();
        state.store.update_user(&holder)?;
    }
    Ok(())
}

/// The names a user goes by in memberships: the username, and in pools that sign in with
/// e-mail or phone instead of a username, those (a template names members by them).
pub(crate) fn member_names<'a>(pool: &PoolConfig, user: &'a User) -> Vec<&'a str> {
    let mut names = vec![user.username.as_str()];
    for attribute in &pool.username_attributes {
        if let Some(v) = user
            .attributes
            .get(attribute.name())
            .and_then(Value::as_str)
        {
            names.push(v);
        }
    }
    names
}

/// Refuses attributes a user of `client` may not write ([`ClientConfig::may_write`]), with
/// Cognito's message.
pub(crate) fn check_writes<'a>(
    client: &ClientConfig,
    mut names: impl Iterator<Item = &'a str>,
) -> Result<(), ApiError> {
    match names.find(|name| !client.may_write(name)) {
        Some(name) => Err(ApiError::not_authorized(format!(
            "A client attempted to write unauthorized attribute {name}"
        ))),
        None => Ok(()),
    }
}

/// Checks a new password: its shape, then the pool's policy (one message, as Cognito).
pub(crate) fn check_password(
    pool: &PoolConfig,
    password: &str,
    field: &str,
) -> Result<(), ApiError> {
    if !password_shape_ok(password) {
        return Err(ApiError::invalid(format!(
            "1 validation error detected: Value at '{field}' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$"
        )));
    }
    if let Some(rule) = pool.password_policy.first_violation(password) {
        return Err(ApiError::new(
            "InvalidPasswordException",
            format!(
                "Password did not conform with policy: {}",
                rule.cognito_message()
            ),
        ));
    }
    Ok(())
}

/// Sets a user's SRP verifier and password hash from `password`.
pub(crate) fn set_password(user: &mut User, password: &str) -> Result<(), ApiError> {
    let pool = UserPoolId::parse(&user.pool_id).map_err(|e| ApiError::invalid(e.to_string()))?;
    let salt = random::bytes(16);
    let verifier = Verifier::new(&pool, &user.username, &Password::new(password), &salt);
    user.salt_hex = verifier.salt_hex();
    user.verifier_hex = to_hex(&verifier.verifier);
    user.password_hash = passwords::hash(password);
    Ok(())
}

/// Sets a new password where the pool's password history applies (ChangePassword,
/// ConfirmForgotPassword, AdminSetUserPassword): it may not be one of the user's latest
/// `PasswordHistorySize` passwords, the current one included. The message is ours; AWS
/// documents the exception, not its text.
pub(crate) fn renew_password(
    pool: &PoolConfig,
    user: &mut User,
    password: &str,
) -> Result<(), ApiError> {
    let size = pool.password_history_size as usize;
    if size > 0 {
        let recent = std::iter::once(&user.password_hash)
            .chain(user.previous_hashes.iter())
            .filter(|h| !h.is_empty())
            .take(size);
        for hash in recent {
            if passwords::verify(password, hash) {
                return Err(ApiError::new(
                    "PasswordHistoryPolicyViolationException",
                    format!(
                        "The password may not be one of the last {size} passwords of this user."
                    ),
                ));
            }
        }
        if !user.password_hash.is_empty() {
            let current = user.password_hash.clone();
            user.previous_hashes.insert(0, current);
            user.previous_hashes.truncate(size.saturating_sub(1));
        }
    }
    set_password(user, password)
}

/// Reads `[{"Name", "Value"}]` into a map, refusing names the pool's schema lacks and values
/// that break their type or bounds.
pub(crate) fn read_attributes(
    pool: &PoolConfig,
    list: &Value,
) -> Result<Map<String, Value>, ApiError> {
    let mut out = Map::new();
    let Some(items) = list.as_array() else {
        return Ok(out);
    };
    for item in items {
        let name = item["Name"]
            .as_str()
            .ok_or_else(|| ApiError::invalid("An attribute has no Name."))?;
        let value = item["Value"].as_str().unwrap_or_default();
        check_attribute(pool, name, value)?;
        out.insert(name.to_owned(), Value::String(value.to_owned()));
    }
    Ok(out)
}

fn schema_error(name: &str, what: &str) -> ApiError {
    ApiError::invalid(format!(
        "Attributes did not conform to the schema: {name}: {what}"
    ))
}

fn check_attribute(pool: &PoolConfig, name: &str, value: &str) -> Result<(), ApiError> {
    let schema = pool
        .schema
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| schema_error(name, "Attribute does not exist in the schema."))?;
    // The same rules the widget checks as the user types.
    attributes::check_value(schema, value).map_err(|problem| match problem.is_format() {
        true => ApiError::invalid(problem.cognito_message()),
        false => schema_error(name, &problem.cognito_message()),
    })
}

pub(crate) use cognito_protocol::attributes::{looks_like_email, looks_like_phone};

/// `[{"Name", "Value"}]` of a user's attributes, keeping those `keep` accepts.
pub(crate) fn attribute_list(user: &User, keep: impl Fn(&str) -> bool) -> Vec<Value> {
    user.attributes
        .iter()
        .filter(|(name, _)| keep(name))
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect()
}

/// Cognito's `UserType` (AdminCreateUser, ListUsers).
pub(crate) fn user_type(user: &User) -> Value {
    json!({
        "Username": user.username,
        "Attributes": attribute_list(user, |_| true),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status.as_str(),
    })
}

/// Applies attribute changes: immutable attributes refuse a new value, an empty value deletes,
/// and a changed auto-verified e-mail or phone becomes unverified (returned, to be sent a code).
pub(crate) fn apply_attributes(
    pool: &PoolConfig,
    user: &mut User,
    changes: Map<String, Value>,
) -> Result<Vec<&'static str>, ApiError> {
    let mut to_verify = Vec::new();
    for (name, value) in changes {
        let schema = pool.schema.iter().find(|a| a.name == name);
        let old = user.attributes.get(&name).cloned();
        if schema.is_some_and(|a| !a.mutable) && old.as_ref() != Some(&value) {
            return Err(ApiError::invalid("Attribute cannot be updated"));
        }
        if value.as_str() == Some("") {
            user.attributes.remove(&name);
            continue;
        }
        let verifiable = [SignInAttribute::Email, SignInAttribute::PhoneNumber]
            .into_iter()
            .find(|a| a.name() == name && pool.auto_verified_attributes.contains(a));
        if let Some(a) = verifiable {
            if old.as_ref() != Some(&value) {
                to_verify.push(a.name());
                let verified = format!("{name}_verified");
                // The pool keeps a verified address in use until the new one is verified.
                if pool.verify_before_update.contains(&a)
                    && user.attributes.get(&verified) == Some(&json!("true"))
                {
                    user.pending.insert(name, value);
                    continue;
                }
                user.attributes.insert(verified, json!("false"));
            }
        }
        user.pending.remove(&name);
        user.attributes.insert(name, value);
    }
    Ok(to_verify)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_emails_and_phones() {
        assert!(looks_like_email("a@b.co"));
        assert!(!looks_like_email("a@b"));
        assert!(!looks_like_email("a b@c.de"));
        assert!(looks_like_phone("+14325551212"));
        assert!(!looks_like_phone("14325551212"));
    }
}
