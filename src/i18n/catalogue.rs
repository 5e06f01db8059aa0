//! [`Catalogue`]: every text the widget shows, one field per text, so a missing text in the
//! compiled-in English catalogue does not compile; and reading one from JSON (the other
//! languages, `www/i18n/<code>.json`), which must name exactly the same texts.

use cognito_protocol::json::{self, Value};

macro_rules! catalogue {
    ($($key:ident,)*) => {
        /// The texts of one language.
        #[derive(Debug)]
        pub struct Catalogue {
            $(pub $key: &'static str,)*
        }

        /// The name of every text, in the order of [`Catalogue`]'s fields.
        pub const KEYS: &[&str] = &[$(stringify!($key)),*];

        impl Catalogue {
            /// From every text, in the order of [`KEYS`].
            #[inline(never)] // one copy, not one per caller: 1 KB gzip of the bundle
            fn from_texts(texts: [&'static str; KEYS.len()]) -> Self {
                let [$($key),*] = texts;
                Self { $($key),* }
            }

            /// The text named `key` (one of [`KEYS`]).
            pub fn text(&self, key: &str) -> Option<&'static str> {
                match key {
                    $(stringify!($key) => Some(self.$key),)*
                    _ => None,
                }
            }
        }
    };
}

catalogue! {
    // ---- forms
    sign_in_title,
    sign_in,
    signing_in,
    forgot_password,
    create_account_link,
    create_account_title,
    create_account,
    creating_account,
    have_account,
    password,
    confirm_password,
    new_password,
    show_password,
    passwords_differ,
    confirm_title,
    code,
    confirm,
    confirming,
    code_sent_to,
    enter_code,
    send_new_code,
    send_new_code_in,
    back_to_sign_in,
    choose_password_title,
    change_password,
    changing_password,
    reset_title,
    send_code,
    sending,
    reset_code_sent_to,
    reset_password,
    resetting,
    signed_in_title,
    signed_in_as,
    sign_out,
    sign_out_everywhere,
    loading,
    // ---- login names and attributes
    username,
    email,
    phone_number,
    email_or_phone,
    given_name,
    family_name,
    middle_name,
    full_name,
    nickname,
    preferred_username,
    birthdate,
    address,
    gender,
    locale,
    picture,
    web_page,
    time_zone,
    user_id,
    email_verified,
    phone_verified,
    updated_at,
    yes,
    no,
    // ---- password rules
    rule_length,
    rule_lowercase,
    rule_uppercase,
    rule_number,
    rule_symbol,
    rule_done,
    rule_to_do,
    // ---- notices
    account_confirmed,
    password_changed,
    code_resent,
    // ---- errors
    network,
    timed_out,
    session_ended,
    untrusted_answer,
    storage_blocked,
    not_set_up,
    too_many_passwords,
    account_disabled,
    session_expired,
    temporary_password_expired,
    sign_up_not_permitted,
    already_confirmed,
    wrong_credentials,
    not_confirmed,
    username_exists,
    password_breaks_rules,
    code_mismatch,
    app_code_mismatch,
    wrong_current_password,
    password_used_before,
    current_password,
    cancel,
    password_now_changed,
    delete_account,
    deleting_account,
    delete_account_hint,
    account_to_delete,
    type_account_exactly,
    account_deleted,
    your_devices,
    aws_identity,
    aws_role,
    this_device,
    last_used,
    remembered,
    forget_named,
    no_devices,
    your_profile,
    save_changes,
    saving,
    profile_saved,
    nothing_to_save,
    verified,
    not_verified,
    verify_email,
    verify_phone,
    address_waiting,
    address_unverified,
    attribute_verified,
    not_writable,
    code_expired,
    reset_required,
    too_many_attempts,
    delivery_failed,
    fill_this_in,
    value_rejected,
    invalid_email,
    invalid_phone,
    invalid_username,
    invalid_password_shape,
    not_accepted,
    site_refused,
    something_went_wrong,
    stopped,
    // ---- attribute values, as typed
    too_long,
    at_least_characters,
    at_most_characters,
    whole_number,
    number_between,
    number_at_least,
    number_at_most,
    true_or_false,
    // ---- two-step verification and devices
    mfa_title,
    totp_prompt,
    verify,
    verifying,
    remember_device,
    choose_mfa,
    factor_totp,
    factor_sms,
    factor_email,
    totp_setup_title,
    totp_setup_hint,
    totp_key,
    copy_key,
    key_copied,
    qr_label,
    mfa_on,
    mfa_preferred,
    mfa_off,
    turn_on,
    turn_off,
    use_first,
    done,
    forget_device,
    mfa_saved,
    device_forgotten,
}

impl Catalogue {
    /// Reads a catalogue from JSON: an object with a string for every name in [`KEYS`] and
    /// nothing else. The texts live as long as the page (a language is loaded once).
    #[inline(never)] // kept out of the page loader's future, which it would bloat
    pub fn from_json(text: &str) -> Result<Self, String> {
        let Value::Object(map) = json::parse(text).map_err(|e| e.to_string())? else {
            return Err("the texts are not a JSON object".into());
        };
        if let Some((name, _)) = map.iter().find(|(name, _)| !KEYS.contains(&name.as_str())) {
            return Err(format!("{name} is not a text of the widget"));
        }
        let mut texts = Vec::with_capacity(KEYS.len());
        for key in KEYS {
            match map.get(key) {
                Some(Value::String(text)) => texts.push(&*text.clone().leak()),
                Some(_) => return Err(format!("{key} is not text")),
                None => return Err(format!("{key} is missing")),
            }
        }
        let texts = <[&'static str; KEYS.len()]>::try_from(texts)
            .map_err(|_| "the texts are incomplete".to_owned())?;
        Ok(Self::from_texts(texts))
    }
}
