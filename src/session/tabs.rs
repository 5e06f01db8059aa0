//! Which changes another tab makes to the shared storage concern this tab's session.

/// Whether a change to `key` made by another tab ends a write of the session of `client_id`
/// whose last user is now `last_user`: the last user changed (sign-in as someone, sign-out),
/// or that user's access token did (a refresh, a sign-out). Storage writes the access token
/// after the other tokens and `LastAuthUser` last, so at these keys the session is complete.
pub fn concerns_session(key: &str, client_id: &str, last_user: Option<&str>) -> bool {
    let Some(rest) = key
        .strip_prefix("CognitoIdentityServiceProvider.")
        .and_then(|k| k.strip_prefix(client_id))
        .and_then(|k| k.strip_prefix('.'))
    else {
        return false;
    };
    rest == "LastAuthUser"
        || last_user
            .is_some_and(|user| rest.strip_prefix(user).is_some_and(|k| k == ".accessToken"))
}
