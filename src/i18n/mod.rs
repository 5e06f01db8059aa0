//! Every word the widget shows, in one catalogue per language (`en.rs`, `de.rs`, `fr.rs`,
//! `es.rs`). A [`Catalogue`] is a struct, so a language that misses a text does not compile.
//! `{}` marks where a value goes ([`fill`]).

mod de;
mod en;
mod es;
mod fr;

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English.
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Language {
    /// From a language tag (`de`, `de-AT`, `fr-CA`…); `None` for a language we lack.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "fr" => Some(Self::Fr),
            "es" => Some(Self::Es),
            _ => None,
        }
    }

    /// This language's texts.
    pub fn texts(self) -> &'static Catalogue {
        match self {
            Self::En => &en::TEXTS,
            Self::De => &de::TEXTS,
            Self::Fr => &fr::TEXTS,
            Self::Es => &es::TEXTS,
        }
    }
}

/// Puts `values` into the `{}` places of `text`, in order.
pub fn fill(text: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut values = values.iter();
    let mut rest = text;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// The texts of one language.
#[derive(Debug)]
pub struct Catalogue {
    // ---- forms
    pub sign_in_title: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub forgot_password: &'static str,
    pub create_account_link: &'static str,
    pub create_account_title: &'static str,
    pub create_account: &'static str,
    pub creating_account: &'static str,
    pub have_account: &'static str,
    pub password: &'static str,
    pub confirm_password: &'static str,
    pub new_password: &'static str,
    pub show_password: &'static str,
    pub passwords_differ: &'static str,
    pub confirm_title: &'static str,
    pub code: &'static str,
    pub confirm: &'static str,
    pub confirming: &'static str,
    pub code_sent_to: &'static str,
    pub enter_code: &'static str,
    pub send_new_code: &'static str,
    pub send_new_code_in: &'static str,
    pub back_to_sign_in: &'static str,
    pub choose_password_title: &'static str,
    pub change_password: &'static str,
    pub changing_password: &'static str,
    pub reset_title: &'static str,
    pub send_code: &'static str,
    pub sending: &'static str,
    pub reset_code_sent_to: &'static str,
    pub reset_password: &'static str,
    pub resetting: &'static str,
    pub signed_in_title: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub sign_out_everywhere: &'static str,
    pub loading: &'static str,
    // ---- login names and attributes
    pub username: &'static str,
    pub email: &'static str,
    pub phone_number: &'static str,
    pub email_or_phone: &'static str,
    pub given_name: &'static str,
    pub family_name: &'static str,
    pub middle_name: &'static str,
    pub full_name: &'static str,
    pub nickname: &'static str,
    pub preferred_username: &'static str,
    pub birthdate: &'static str,
    pub address: &'static str,
    pub gender: &'static str,
    pub locale: &'static str,
    pub picture: &'static str,
    pub web_page: &'static str,
    pub time_zone: &'static str,
    pub user_id: &'static str,
    pub email_verified: &'static str,
    pub phone_verified: &'static str,
    pub updated_at: &'static str,
    // ---- password rules
    pub rule_length: &'static str,
    pub rule_lowercase: &'static str,
    pub rule_uppercase: &'static str,
    pub rule_number: &'static str,
    pub rule_symbol: &'static str,
    pub rule_done: &'static str,
    pub rule_to_do: &'static str,
    // ---- notices
    pub account_confirmed: &'static str,
    pub password_changed: &'static str,
    pub code_resent: &'static str,
    // ---- errors
    pub network: &'static str,
    pub untrusted_answer: &'static str,
    pub storage_blocked: &'static str,
    pub not_set_up: &'static str,
    pub too_many_passwords: &'static str,
    pub account_disabled: &'static str,
    pub session_expired: &'static str,
    pub temporary_password_expired: &'static str,
    pub sign_up_not_permitted: &'static str,
    pub already_confirmed: &'static str,
    pub wrong_credentials: &'static str,
    pub not_confirmed: &'static str,
    pub username_exists: &'static str,
    pub password_breaks_rules: &'static str,
    pub code_mismatch: &'static str,
    pub code_expired: &'static str,
    pub reset_required: &'static str,
    pub too_many_attempts: &'static str,
    pub delivery_failed: &'static str,
    pub fill_this_in: &'static str,
    pub value_rejected: &'static str,
    pub invalid_email: &'static str,
    pub invalid_phone: &'static str,
    pub invalid_username: &'static str,
    pub invalid_password_shape: &'static str,
    pub not_accepted: &'static str,
    pub site_refused: &'static str,
    pub something_went_wrong: &'static str,
    // ---- attribute values, as typed
    pub too_long: &'static str,
    pub at_least_characters: &'static str,
    pub at_most_characters: &'static str,
    pub whole_number: &'static str,
    pub number_between: &'static str,
    pub number_at_least: &'static str,
    pub number_at_most: &'static str,
    pub true_or_false: &'static str,
}
