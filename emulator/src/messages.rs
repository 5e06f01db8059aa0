//! Codes and messages: what the pool "sends", rendered from its templates into the outbox,
//! with Cognito's masked `CodeDeliveryDetails`; and checking a code once it comes back.

use cognito_protocol::pool::{MessageTemplate, PoolConfig, SignInAttribute};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use crate::api::error::ApiError;
use crate::random;
use crate::state::AppState;
use crate::store::{Message, User};

/// `b***@e***` for e-mail, `+*******1234` for phones, as Cognito masks destinations.
pub(crate) fn mask(attribute: &str, value: &str) -> String {
    if attribute == "email" {
        let (local, domain) = value.split_once('@').unwrap_or((value, ""));
        let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        format!("{}***@{}***", first(local), first(domain))
    } else {
        let digits = value.len().saturating_sub(4);
        format!(
            "+{}{}",
            "*".repeat(digits.saturating_sub(1)),
            &value[digits..]
        )
    }
}

/// Where a code for this user goes: the first auto-verified attribute they have (phone wins
/// over e-mail, as in Cognito), as `(attribute, value)`.
pub(crate) fn delivery(pool: &PoolConfig, user: &User) -> Option<(&'static str, String)> {
    let order = [SignInAttribute::PhoneNumber, SignInAttribute::Email];
    order
        .into_iter()
        .filter(|a| pool.auto_verified_attributes.contains(a))
        .find_map(|a| {
            let value = user.attributes.get(a.name())?.as_str()?.to_owned();
            Some((a.name(), value))
        })
}

/// Renders a template's `{####}` and `{username}`.
pub(crate) fn render(template: &str, code: &str, username: &str) -> String {
    template
        .replace("{####}", code)
        .replace("{username}", username)
}

/// Draws a code valid for `ttl_seconds`, stores it for `purpose` (replacing, and so
/// invalidating, any earlier one), and sends it to `attribute`'s value with the pool's
/// verification message. Returns Cognito's `CodeDeliveryDetails`.
pub(crate) fn deliver_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    purpose: &str,
    kind: &str,
    (attribute, destination): (&str, &str),
    ttl_seconds: i64,
) -> Result<Value, ApiError> {
    let code = random::code();
    state.store.put_code(
        &pool.id,
        &user.username,
        purpose,
        &code,
        state.now() + ttl_seconds,
    )?;
    send(
        state,
        pool,
        user,
        kind,
        (attribute, destination),
        &code,
        &user.username,
        &pool.verification,
    )
}

/// Puts a rendered message in the outbox and on the console; returns `CodeDeliveryDetails`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn send(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    kind: &str,
    (attribute, destination): (&str, &str),
    code: &str,
    username_shown: &str,
    template: &MessageTemplate,
) -> Result<Value, ApiError> {
    let email = attribute == "email";
    let message = Message {
        pool_id: pool.id.clone(),
        username: user.username.clone(),
        destination: destination.to_owned(),
        kind: kind.to_owned(),
        code: code.to_owned(),
        subject: if email {
            template.email_subject.clone()
        } else {
            String::new()
        },
        body: render(
            if email {
                &template.email_message
            } else {
                &template.sms_message
            },
            code,
            username_shown,
        ),
    };
    state.store.send(&message)?;
    // The outbox, on the console too: this is where a developer reads the code they were sent.
    tracing::info!(target: "cognito_emulator::outbox", pool = %pool.id, kind, to = %destination, "{}", message.body);
    Ok(json!({
        "Destination": mask(attribute, destination),
        "DeliveryMedium": if email { "EMAIL" } else { "SMS" },
        "AttributeName": attribute,
    }))
}

/// Sends a sign-up code to where the pool auto-verifies (none: `None`).
pub(crate) fn send_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    purpose: &str,
    ttl_seconds: i64,
) -> Result<Option<Value>, ApiError> {
    let Some((attribute, destination)) = delivery(pool, user) else {
        return Ok(None);
    };
    deliver_code(
        state,
        pool,
        user,
        purpose,
        purpose,
        (attribute, &destination),
        ttl_seconds,
    )
    .map(Some)
}

/// Sends an attribute-verification code to `attribute`'s current value.
pub(crate) fn send_attribute_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    attribute: &str,
) -> Result<Value, ApiError> {
    // A change waiting for its code is what the code is for.
    let destination = user
        .pending
        .get(attribute)
        .or_else(|| user.attributes.get(attribute))
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid(format!("The user has no {attribute} to verify.")))?
        .to_owned();
    let purpose = format!("VERIFY_{attribute}");
    deliver_code(
        state,
        pool,
        user,
        &purpose,
        "VERIFY_ATTRIBUTE",
        (attribute, &destination),
        24 * 3600,
    )
}

/// Wrong tries a code takes; then it is refused, even when right, until a new one is sent.
pub(crate) const CODE_ATTEMPTS: i64 = 5;

/// Checks a code for `purpose` without consuming it: wrong tries are counted, and after
/// [`CODE_ATTEMPTS`] of them the code is dead (Cognito answers `LimitExceededException`), so a
/// six-digit code cannot be guessed.
pub(crate) fn check_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    purpose: &str,
    code: &str,
) -> Result<(), ApiError> {
    let expired = || {
        ApiError::new(
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        )
    };
    let (want, expires, attempts) = state
        .store
        .code(&pool.id, &user.username, purpose)?
        .ok_or_else(expired)?;
    if attempts >= CODE_ATTEMPTS {
        return Err(ApiError::new(
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        ));
    }
    // Compared in constant time: how long a refusal takes says nothing about the code.
    if !bool::from(want.as_bytes().ct_eq(code.as_bytes())) {
        state.store.code_failed(&pool.id, &user.username, purpose)?;
        return Err(ApiError::new(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        ));
    }
    if expires <= state.now() {
        return Err(expired());
    }
    Ok(())
}

/// Checks a code for `purpose` ([`check_code`]) and consumes it.
pub(crate) fn take_code(
    state: &AppState,
    pool: &PoolConfig,
    user: &User,
    purpose: &str,
    code: &str,
) -> Result<(), ApiError> {
    check_code(state, pool, user, purpose, code)?;
    state.store.delete_code(&pool.id, &user.username, purpose)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_cognito() {
        assert_eq!(mask("email", "blog3@gmail.com"), "b***@g***");
        assert_eq!(mask("phone_number", "+14325554516"), "+*******4516");
    }
}
