//! `AWS::Cognito::UserPool` → [`PoolConfig`], with the service's defaults for what is absent.

use cognito_protocol::mfa::{DeviceConfiguration, MfaFactor};
use cognito_protocol::password_policy::PasswordPolicy;
use cognito_protocol::pool::{
    standard_attributes, AttributeSchema, AttributeType, MessageTemplate, MfaConfiguration,
    PoolConfig, RecoveryMechanism, SignInAttribute,
};
use serde_json::{Map, Value};

use super::props::{as_bool, as_int, as_string, Props};
use super::resolve::Context;
use super::TemplateError;

const DEFAULT_CODE_MESSAGE: &str = "Your verification code is {####}. ";
const DEFAULT_CODE_SUBJECT: &str = "Your verification code";
const DEFAULT_INVITE_MESSAGE: &str =
    "Your username is {username} and temporary password is {####}. ";
const DEFAULT_INVITE_SUBJECT: &str = "Your temporary password";

pub(super) fn build(
    logical: &str,
    id: String,
    raw: &Map<String, Value>,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<PoolConfig, TemplateError> {
    let mut p = Props::new(logical, raw, ctx);
    let name = p
        .string("UserPoolName")?
        .unwrap_or_else(|| logical.to_owned());
    let username_attributes = sign_in_list(&mut p, "UsernameAttributes")?;
    let alias_attributes = sign_in_list(&mut p, "AliasAttributes")?;
    if !username_attributes.is_empty() && !alias_attributes.is_empty() {
        return Err(p.error(
            "AliasAttributes",
            "cannot be combined with UsernameAttributes",
        ));
    }
    let auto_verified_attributes = sign_in_list(&mut p, "AutoVerifiedAttributes")?;
    let schema = schema(&mut p)?;
    let password_policy = password_policy(&mut p)?;
    let password_history_size = match p.get("Policies")? {
        Some(policies) => match policies["PasswordPolicy"]
            .get("PasswordHistorySize")
            .and_then(as_int)
        {
            Some(n @ 0..=24) => n as u32,
            Some(_) => {
                return Err(p.error(
                    "Policies",
                    "PasswordPolicy.PasswordHistorySize must be 0 to 24",
                ))
            }
            None => 0,
        },
        None => 0,
    };
    let recovery = recovery(&mut p)?;
    let verification = verification(&mut p)?;
    let (admin_create_user_only, invitation) = admin_create_user(&mut p)?;
    let case_sensitive = match p.get("UsernameConfiguration")? {
        Some(v) => v.get("CaseSensitive").and_then(as_bool).unwrap_or(true),
        None => true,
    };
    let verify_before_update = match p.get("UserAttributeUpdateSettings")? {
        Some(settings) => settings["AttributesRequireVerificationBeforeUpdate"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| {
                as_string(n)
                    .as_deref()
                    .and_then(SignInAttribute::parse)
                    .filter(|a| *a != SignInAttribute::PreferredUsername)
                    .ok_or_else(|| {
                        p.error(
                            "UserAttributeUpdateSettings",
                            format!("cannot verify {n} before an update"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let mfa = match p.string("MfaConfiguration")?.as_deref() {
        None | Some("OFF") => MfaConfiguration::Off,
        Some("ON") => MfaConfiguration::On,
        Some("OPTIONAL") => MfaConfiguration::Optional,
        Some(other) => {
            return Err(p.error(
                "MfaConfiguration",
                format!("{other} is not OFF, ON or OPTIONAL"),
            ))
        }
    };
    let (enabled_mfas, devices, authentication) = mfa_settings(&mut p, mfa, warnings)?;
    let deletion_protection = p.string("DeletionProtection")?.as_deref() == Some("ACTIVE");
    let confirm_with_link = p
        .get("VerificationMessageTemplate")?
        .and_then(|t| t.get("DefaultEmailOption").and_then(as_string))
        .as_deref()
        == Some("CONFIRM_WITH_LINK");
    if confirm_with_link {
        warnings.push(format!(
            "{logical}.VerificationMessageTemplate.DefaultEmailOption: CONFIRM_WITH_LINK needs the hosted domain; the emulator sends codes"
        ));
    }
    // Read (and so not reported) but irrelevant to a local pool.
    p.skip("UserPoolTags");
    warnings.extend(p.unread());
    Ok(PoolConfig {
        id,
        name,
        username_attributes,
        alias_attributes,
        auto_verified_attributes,
        schema,
        password_policy,
        recovery,
        verification,
        invitation,
        admin_create_user_only,
        case_sensitive,
        mfa,
        confirm_with_link,
        deletion_protection,
        verify_before_update,
        enabled_mfas,
        devices,
        authentication,
        password_history_size,
    })
}

const DEFAULT_MFA_MESSAGE: &str = "Your authentication code is {####}. ";
const DEFAULT_MFA_SUBJECT: &str = "Your authentication code";

/// `EnabledMfas`, `DeviceConfiguration` and the MFA code messages.
fn mfa_settings(
    p: &mut Props<'_>,
    mfa: MfaConfiguration,
    warnings: &mut Vec<String>,
) -> Result<(Vec<MfaFactor>, Option<DeviceConfiguration>, MessageTemplate), TemplateError> {
    let listed = p.strings("EnabledMfas")?;
    let mut factors = Vec::new();
    for name in listed.iter().flatten() {
        let factor = MfaFactor::parse(name)
            .filter(|_| name != "EMAIL_MFA")
            .ok_or_else(|| {
                p.error(
                    "EnabledMfas",
                    format!("{name} is not SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP"),
                )
            })?;
        if !factors.contains(&factor) {
            factors.push(factor);
        }
    }
    // Without the list, a pool with MFA sends SMS codes (Cognito's original factor; the CDK's
    // `mfaSecondFactor` default is `{sms: true, otp: false}` too).
    if listed.is_none() && mfa != MfaConfiguration::Off {
        factors.push(MfaFactor::Sms);
    }
    if factors.contains(&MfaFactor::Sms) && p.get("SmsConfiguration")?.is_none() {
        warnings.push(format!(
            "{}.EnabledMfas: SMS_MFA without SmsConfiguration (Cognito would refuse the pool); the emulator puts the SMS in its outbox",
            p.logical
        ));
    }
    let devices = p.get("DeviceConfiguration")?.map(|d| DeviceConfiguration {
        challenge_required_on_new_device: d
            .get("ChallengeRequiredOnNewDevice")
            .and_then(as_bool)
            .unwrap_or(false),
        device_only_remembered_on_user_prompt: d
            .get("DeviceOnlyRememberedOnUserPrompt")
            .and_then(as_bool)
            .unwrap_or(false),
    });
    let authentication = MessageTemplate {
        sms_message: p
            .string("SmsAuthenticationMessage")?
            .unwrap_or_else(|| DEFAULT_MFA_MESSAGE.to_owned()),
        email_message: p
            .string("EmailAuthenticationMessage")?
            .unwrap_or_else(|| DEFAULT_MFA_MESSAGE.to_owned()),
        email_subject: p
            .string("EmailAuthenticationSubject")?
            .unwrap_or_else(|| DEFAULT_MFA_SUBJECT.to_owned()),
    };
    Ok((factors, devices, authentication))
}

fn sign_in_list(
    p: &mut Props<'_>,
    property: &'static str,
) -> Result<Vec<SignInAttribute>, TemplateError> {
    let names = p.strings(property)?.unwrap_or_default();
    names
        .iter()
        .map(|n| {
            SignInAttribute::parse(n)
                .ok_or_else(|| p.error(property, format!("unknown attribute {n}")))
        })
        .collect()
}

fn schema(p: &mut Props<'_>) -> Result<Vec<AttributeSchema>, TemplateError> {
    let mut all = standard_attributes();
    let Some(list) = p.get("Schema")? else {
        return Ok(all);
    };
    let entries = list
        .as_array()
        .cloned()
        .ok_or_else(|| p.error("Schema", "expected a list"))?;
    let mut customs = 0;
    for e in entries {
        let name = e
            .get("Name")
            .and_then(as_string)
            .ok_or_else(|| p.error("Schema", "an entry has no Name"))?;
        let at = |field: &str| format!("Schema[{name}].{field}");
        let err = |field: &str, m: &str| p.error("Schema", format!("{}: {m}", at(field)));
        let data_type = match e.get("AttributeDataType").and_then(Value::as_str) {
            None => None,
            Some("String") => Some(AttributeType::String),
            Some("Number") => Some(AttributeType::Number),
            Some("DateTime") => Some(AttributeType::DateTime),
            Some("Boolean") => Some(AttributeType::Boolean),
            Some(other) => return Err(err("AttributeDataType", &format!("unknown type {other}"))),
        };
        // Inside Schema an omitted Mutable means immutable, for standard attributes too.
        let mutable = e
            .get("Mutable")
            .map(|v| as_bool(v).ok_or_else(|| err("Mutable", "expected a boolean")))
            .transpose()?
            .unwrap_or(false);
        let required = e
            .get("Required")
            .map(|v| as_bool(v).ok_or_else(|| err("Required", "expected a boolean")))
            .transpose()?
            .unwrap_or(false);
        let bounds =
            |key: &str, lo: &str, hi: &str| -> Result<(Option<i64>, Option<i64>), TemplateError> {
                let Some(c) = e.get(key) else {
                    return Ok((None, None));
                };
                let read = |k: &str| {
                    c.get(k).map(|v| {
                        as_int(v).ok_or_else(|| err(&format!("{key}.{k}"), "expected a number"))
                    })
                };
                Ok((read(lo).transpose()?, read(hi).transpose()?))
            };
        if let Some(standard) = all.iter_mut().find(|a| a.name == name) {
            if data_type.is_some_and(|t| t != standard.data_type) {
                return Err(err(
                    "AttributeDataType",
                    "does not match the standard attribute's type",
                ));
            }
            standard.mutable = mutable;
            standard.required = required;
            let (min, max) = bounds("StringAttributeConstraints", "MinLength", "MaxLength")?;
            standard.min = min.or(standard.min);
            standard.max = max.or(standard.max);
            continue;
        }
        let data_type =
            data_type.ok_or_else(|| err("AttributeDataType", "a custom attribute needs a type"))?;
        if required {
            return Err(err("Required", "custom attributes cannot be required"));
        }
        if name.chars().count() > 20 || name.is_empty() {
            return Err(err(
                "Name",
                "a custom attribute name has 1 to 20 characters",
            ));
        }
        let developer_only = e
            .get("DeveloperOnlyAttribute")
            .and_then(as_bool)
            .unwrap_or(false);
        let (min, max) = match data_type {
            AttributeType::String => {
                bounds("StringAttributeConstraints", "MinLength", "MaxLength")?
            }
            AttributeType::Number => bounds("NumberAttributeConstraints", "MinValue", "MaxValue")?,
            _ => (None, None),
        };
        customs += 1;
        let prefix = if developer_only {
            "dev:custom:"
        } else {
            "custom:"
        };
        all.push(AttributeSchema {
            name: format!("{prefix}{name}"),
            data_type,
            mutable,
            required,
            min,
            max,
        });
    }
    if customs > 50 {
        return Err(p.error("Schema", "a pool has at most 50 custom attributes"));
    }
    Ok(all)
}

fn password_policy(p: &mut Props<'_>) -> Result<PasswordPolicy, TemplateError> {
    let Some(policies) = p.get("Policies")? else {
        return Ok(PasswordPolicy::default());
    };
    let Some(pp) = policies.get("PasswordPolicy") else {
        return Ok(PasswordPolicy::default());
    };
    let flag = |k: &str| pp.get(k).and_then(as_bool).unwrap_or(false);
    let minimum_length = pp.get("MinimumLength").and_then(as_int).unwrap_or(8);
    if !(6..=99).contains(&minimum_length) {
        return Err(p.error("Policies", "PasswordPolicy.MinimumLength must be 6 to 99"));
    }
    let days = pp
        .get("TemporaryPasswordValidityDays")
        .and_then(as_int)
        .filter(|d| *d > 0)
        .unwrap_or(7);
    Ok(PasswordPolicy {
        minimum_length: minimum_length as u32,
        require_uppercase: flag("RequireUppercase"),
        require_lowercase: flag("RequireLowercase"),
        require_numbers: flag("RequireNumbers"),
        require_symbols: flag("RequireSymbols"),
        temporary_password_validity_days: days as u32,
    })
}

fn recovery(p: &mut Props<'_>) -> Result<Vec<RecoveryMechanism>, TemplateError> {
    let Some(setting) = p.get("AccountRecoverySetting")? else {
        // Legacy default: a verified phone first, then e-mail.
        return Ok(vec![
            RecoveryMechanism::VerifiedPhoneNumber,
            RecoveryMechanism::VerifiedEmail,
        ]);
    };
    let mut list: Vec<(i64, RecoveryMechanism)> = Vec::new();
    for m in setting["RecoveryMechanisms"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let mechanism = match m["Name"].as_str() {
            Some("verified_email") => RecoveryMechanism::VerifiedEmail,
            Some("verified_phone_number") => RecoveryMechanism::VerifiedPhoneNumber,
            Some("admin_only") => RecoveryMechanism::AdminOnly,
            other => {
                return Err(p.error(
                    "AccountRecoverySetting",
                    format!("unknown mechanism {other:?}"),
                ))
            }
        };
        list.push((m.get("Priority").and_then(as_int).unwrap_or(1), mechanism));
    }
    list.sort_by_key(|(priority, _)| *priority);
    Ok(list.into_iter().map(|(_, m)| m).collect())
}

fn verification(p: &mut Props<'_>) -> Result<MessageTemplate, TemplateError> {
    let template = p.get("VerificationMessageTemplate")?.unwrap_or(Value::Null);
    let legacy_message = p.string("EmailVerificationMessage")?;
    let legacy_subject = p.string("EmailVerificationSubject")?;
    let legacy_sms = p.string("SmsVerificationMessage")?;
    let pick = |v: &Value, key: &str, legacy: &Option<String>, default: &str| {
        v.get(key)
            .and_then(as_string)
            .or_else(|| legacy.clone())
            .unwrap_or_else(|| default.to_owned())
    };
    let t = MessageTemplate {
        email_subject: pick(
            &template,
            "EmailSubject",
            &legacy_subject,
            DEFAULT_CODE_SUBJECT,
        ),
        email_message: pick(
            &template,
            "EmailMessage",
            &legacy_message,
            DEFAULT_CODE_MESSAGE,
        ),
        sms_message: pick(&template, "SmsMessage", &legacy_sms, DEFAULT_CODE_MESSAGE),
    };
    if !t.email_message.contains("{####}") {
        return Err(p.error(
            "VerificationMessageTemplate",
            "EmailMessage must contain {####}",
        ));
    }
    Ok(t)
}

fn admin_create_user(p: &mut Props<'_>) -> Result<(bool, MessageTemplate), TemplateError> {
    let config = p.get("AdminCreateUserConfig")?.unwrap_or(Value::Null);
    let only = config
        .get("AllowAdminCreateUserOnly")
        .and_then(as_bool)
        .unwrap_or(false);
    let invite = config
        .get("InviteMessageTemplate")
        .cloned()
        .unwrap_or(Value::Null);
    let text = |k: &str, default: &str| {
        invite
            .get(k)
            .and_then(as_string)
            .unwrap_or_else(|| default.to_owned())
    };
    Ok((
        only,
        MessageTemplate {
            email_subject: text("EmailSubject", DEFAULT_INVITE_SUBJECT),
            email_message: text("EmailMessage", DEFAULT_INVITE_MESSAGE),
            sms_message: text("SMSMessage", DEFAULT_INVITE_MESSAGE),
        },
    ))
}
