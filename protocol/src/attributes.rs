//! Attribute value rules: the widget checks them as the user types, the emulator enforces them
//! with Cognito's messages. Values always travel as strings.

use crate::pool::{AttributeSchema, AttributeType};

/// Why a value does not fit its attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeProblem {
    /// Longer than Cognito's 2048-character limit for any attribute.
    TooLongForCognito,
    /// A String shorter than its minimum length.
    TooShort(i64),
    /// A String longer than its maximum length.
    TooLong(i64),
    /// A Number that is not a whole number.
    NotANumber,
    /// A Number outside `min..=max`.
    OutOfRange(Option<i64>, Option<i64>),
    /// A Boolean that is neither `true` nor `false`.
    NotABoolean,
    /// `email` that is not an e-mail address.
    NotAnEmail,
    /// `phone_number` that is not E.164 (`+` and 2 to 15 digits).
    NotAPhoneNumber,
}

impl AttributeProblem {
    /// Cognito's text for the problem, after `Attributes did not conform to the schema: <name>: `
    /// (or the whole message, for the address formats).
    pub fn cognito_message(self) -> String {
        match self {
            Self::TooLongForCognito => "String must be no longer than 2048 characters".into(),
            Self::TooShort(n) => format!("String must be no shorter than {n} characters"),
            Self::TooLong(n) => format!("String must be no longer than {n} characters"),
            Self::NotANumber => "Number must be a whole number".into(),
            Self::OutOfRange(..) => "Number is out of range".into(),
            Self::NotABoolean => "Boolean must be true or false".into(),
            Self::NotAnEmail => "Invalid email address format.".into(),
            Self::NotAPhoneNumber => "Invalid phone number format.".into(),
        }
    }

    /// Whether Cognito reports it on its own rather than as a schema violation.
    pub fn is_format(self) -> bool {
        matches!(self, Self::NotAnEmail | Self::NotAPhoneNumber)
    }
}

/// Checks `value` against its attribute's type and bounds, and the address formats.
pub fn check_value(schema: &AttributeSchema, value: &str) -> Result<(), AttributeProblem> {
    let length = value.chars().count() as i64;
    if length > 2048 {
        return Err(AttributeProblem::TooLongForCognito);
    }
    match schema.data_type {
        AttributeType::String => {
            if let Some(min) = schema.min.filter(|&m| length < m) {
                return Err(AttributeProblem::TooShort(min));
            }
            if let Some(max) = schema.max.filter(|&m| length > m) {
                return Err(AttributeProblem::TooLong(max));
            }
        }
        AttributeType::Number => {
            let n: i64 = value.parse().map_err(|_| AttributeProblem::NotANumber)?;
            if schema.min.is_some_and(|m| n < m) || schema.max.is_some_and(|m| n > m) {
                return Err(AttributeProblem::OutOfRange(schema.min, schema.max));
            }
        }
        AttributeType::Boolean if value != "true" && value != "false" => {
            return Err(AttributeProblem::NotABoolean);
        }
        AttributeType::Boolean | AttributeType::DateTime => {}
    }
    match schema.name.as_str() {
        "email" if !looks_like_email(value) => Err(AttributeProblem::NotAnEmail),
        "phone_number" if !looks_like_phone(value) => Err(AttributeProblem::NotAPhoneNumber),
        _ => Ok(()),
    }
}

/// A plausible e-mail address: one `@`, text on both sides, a dot in the domain, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// E.164: `+` and 2 to 15 digits.
pub fn looks_like_phone(s: &str) -> bool {
    s.strip_prefix('+')
        .is_some_and(|d| (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(
        name: &str,
        data_type: AttributeType,
        min: Option<i64>,
        max: Option<i64>,
    ) -> AttributeSchema {
        AttributeSchema {
            name: name.into(),
            data_type,
            mutable: true,
            required: false,
            min,
            max,
        }
    }

    #[test]
    fn values_against_their_attribute() {
        let tenant = schema(
            "custom:tenant_id",
            AttributeType::String,
            Some(10),
            Some(15),
        );
        assert_eq!(
            check_value(&tenant, "short"),
            Err(AttributeProblem::TooShort(10))
        );
        assert_eq!(check_value(&tenant, "tenant-0001"), Ok(()));
        assert_eq!(
            check_value(&tenant, "tenant-000000001"),
            Err(AttributeProblem::TooLong(15))
        );
        let id = schema(
            "custom:employee_id",
            AttributeType::Number,
            Some(1),
            Some(100),
        );
        assert_eq!(check_value(&id, "4.5"), Err(AttributeProblem::NotANumber));
        assert_eq!(
            check_value(&id, "101"),
            Err(AttributeProblem::OutOfRange(Some(1), Some(100)))
        );
        assert_eq!(check_value(&id, "42"), Ok(()));
        let admin = schema("custom:is_admin", AttributeType::Boolean, None, None);
        assert_eq!(
            check_value(&admin, "yes"),
            Err(AttributeProblem::NotABoolean)
        );
        let email = schema("email", AttributeType::String, None, Some(2048));
        assert_eq!(
            check_value(&email, "ada at example"),
            Err(AttributeProblem::NotAnEmail)
        );
        let phone = schema("phone_number", AttributeType::String, None, Some(2048));
        assert_eq!(
            check_value(&phone, "+1 415"),
            Err(AttributeProblem::NotAPhoneNumber)
        );
        assert_eq!(check_value(&phone, "+14155550123"), Ok(()));
    }
}
