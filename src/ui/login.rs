//! What users sign in with, from the pool's sign-in attributes.

use crate::config::Config;

/// Label, input type and the attribute the login name is (None: a plain username).
pub(super) fn login_input(config: &Config) -> (String, &'static str, Option<&'static str>) {
    let has = |a: &str| config.username_attributes.iter().any(|x| x == a);
    match (has("email"), has("phone_number")) {
        (true, true) => ("Email or phone number".into(), "text", None),
        (true, false) => ("Email".into(), "email", Some("email")),
        (false, true) => ("Phone number".into(), "tel", Some("phone_number")),
        (false, false) => ("Username".into(), "text", None),
    }
}
