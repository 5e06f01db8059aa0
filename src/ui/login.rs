//! What users sign in with, from the pool's sign-in attributes.

use crate::config::Config;

/// Label, input type and the attribute the login name is (None: a plain username).
pub(super) fn login_input(config: &Config) -> (String, &'static str, Option<&'static str>) {
    let t = config.language.texts();
    let has = |a: &str| config.username_attributes.iter().any(|x| x == a);
    match (has("email"), has("phone_number")) {
        (true, true) => (t.email_or_phone.into(), "text", None),
        (true, false) => (t.email.into(), "email", Some("email")),
        (false, true) => (t.phone_number.into(), "tel", Some("phone_number")),
        (false, false) => (t.username.into(), "text", None),
    }
}
