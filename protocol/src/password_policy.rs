//! A pool's password policy: the rules the widget shows as a live checklist and the emulator
//! enforces, in the order Cognito reports them.

#[cfg(feature = "server")]
use serde::{Deserialize, Serialize};

/// `Policies.PasswordPolicy` of a user pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub struct PasswordPolicy {
    /// At least this many characters (6..=99).
    pub minimum_length: u32,
    /// At least one of `A`–`Z`.
    pub require_uppercase: bool,
    /// At least one of `a`–`z`.
    pub require_lowercase: bool,
    /// At least one of `0`–`9`.
    pub require_numbers: bool,
    /// At least one ASCII punctuation character or a space.
    pub require_symbols: bool,
    /// Days a temporary password from AdminCreateUser stays valid.
    pub temporary_password_validity_days: u32,
}

impl Default for PasswordPolicy {
    /// What Cognito gives a pool created without a policy.
    fn default() -> Self {
        Self {
            minimum_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

/// One rule of a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(Serialize, Deserialize))]
pub enum PasswordRule {
    /// At least this many characters.
    MinimumLength(u32),
    /// An upper-case Basic Latin letter.
    Uppercase,
    /// A lower-case Basic Latin letter.
    Lowercase,
    /// A digit.
    Number,
    /// ASCII punctuation or a space.
    Symbol,
}

impl PasswordRule {
    /// Whether `password` satisfies this rule. Length counts Unicode scalar values.
    pub fn holds(self, password: &str) -> bool {
        match self {
            Self::MinimumLength(n) => password.chars().count() >= n as usize,
            Self::Uppercase => password.chars().any(|c| c.is_ascii_uppercase()),
            Self::Lowercase => password.chars().any(|c| c.is_ascii_lowercase()),
            Self::Number => password.chars().any(|c| c.is_ascii_digit()),
            Self::Symbol => password
                .chars()
                .any(|c| c.is_ascii_punctuation() || c == ' '),
        }
    }

    /// The text after `Password did not conform with policy: ` in Cognito's error.
    pub fn cognito_message(self) -> &'static str {
        match self {
            Self::MinimumLength(_) => "Password not long enough",
            Self::Uppercase => "Password must have uppercase characters",
            Self::Lowercase => "Password must have lowercase characters",
            Self::Number => "Password must have numeric characters",
            Self::Symbol => "Password must have symbol characters",
        }
    }
}

impl PasswordPolicy {
    /// The rules in force, in the order they are checked and listed.
    pub fn rules(&self) -> Vec<PasswordRule> {
        let mut rules = vec![PasswordRule::MinimumLength(self.minimum_length)];
        let flags = [
            (self.require_lowercase, PasswordRule::Lowercase),
            (self.require_uppercase, PasswordRule::Uppercase),
            (self.require_numbers, PasswordRule::Number),
            (self.require_symbols, PasswordRule::Symbol),
        ];
        rules.extend(flags.into_iter().filter(|(on, _)| *on).map(|(_, r)| r));
        rules
    }

    /// Each rule with whether `password` meets it: the widget's checklist.
    pub fn checklist(&self, password: &str) -> Vec<(PasswordRule, bool)> {
        self.rules()
            .into_iter()
            .map(|r| (r, r.holds(password)))
            .collect()
    }

    /// The first rule `password` breaks, as Cognito reports one at a time.
    pub fn first_violation(&self, password: &str) -> Option<PasswordRule> {
        self.rules().into_iter().find(|r| !r.holds(password))
    }
}

/// Whether a password has the shape the API accepts at all (`^[\S]+.*[\S]+$`, at most 256
/// characters): no leading or trailing white space. Checked before the policy.
pub fn password_shape_ok(password: &str) -> bool {
    let n = password.chars().count();
    let first = password.chars().next();
    let last = password.chars().last();
    (2..=256).contains(&n)
        && !first.is_some_and(char::is_whitespace)
        && !last.is_some_and(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed1() -> PasswordPolicy {
        PasswordPolicy {
            minimum_length: 6,
            require_uppercase: false,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: false,
            temporary_password_validity_days: 7,
        }
    }

    #[test]
    fn reports_the_first_broken_rule() {
        let p = PasswordPolicy::default();
        assert_eq!(
            p.first_violation("Ab1!"),
            Some(PasswordRule::MinimumLength(8))
        );
        assert_eq!(
            p.first_violation("ABCDEFG1!"),
            Some(PasswordRule::Lowercase)
        );
        assert_eq!(
            p.first_violation("abcdefg1!"),
            Some(PasswordRule::Uppercase)
        );
        assert_eq!(p.first_violation("Abcdefgh!"), Some(PasswordRule::Number));
        assert_eq!(p.first_violation("Abcdefgh1"), Some(PasswordRule::Symbol));
        assert_eq!(p.first_violation("Abcdefg 1"), None, "a space is a symbol");
        assert_eq!(seed1().first_violation("abc123"), None);
    }

    #[test]
    fn only_basic_latin_counts_for_letter_classes() {
        let p = seed1();
        assert_eq!(p.first_violation("äöüß12"), Some(PasswordRule::Lowercase));
        assert!(
            PasswordRule::MinimumLength(6).holds("äöüß12"),
            "length counts characters"
        );
        assert!(!PasswordRule::Symbol.holds("abc€12"));
        assert!(PasswordRule::Symbol.holds("abc~12"));
    }

    #[test]
    fn checklist_lists_every_rule_in_force() {
        let list = seed1().checklist("abc");
        assert_eq!(
            list,
            vec![
                (PasswordRule::MinimumLength(6), false),
                (PasswordRule::Lowercase, true),
                (PasswordRule::Number, false),
            ]
        );
    }

    #[test]
    fn shape_refuses_outer_white_space() {
        assert!(password_shape_ok("pass word"));
        assert!(!password_shape_ok(" password"));
        assert!(!password_shape_ok("password "));
        assert!(!password_shape_ok("p"));
        assert!(!password_shape_ok(&"x".repeat(257)));
    }
}
