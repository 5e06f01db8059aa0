//! The second-factor steps as rows of the transition table (`tests.rs` runs them).

use cognito_protocol::mfa::{MfaFactor, UserMfa};
use cognito_protocol::wire::ErrorKind;

use super::tests::{at, busy, cognito, profile, pw, sign_in, sign_in_effect, Row};
use super::*;

fn challenge() -> Challenge {
    Challenge {
        login: "ada@example.com".into(),
        username: "7f3a-ada".into(),
        session: "S1".into(),
    }
}

fn totp_code() -> Step {
    Step::Mfa {
        challenge: challenge(),
        prompt: MfaPrompt::Code {
            factor: MfaFactor::SoftwareToken,
            destination: None,
        },
    }
}

fn answer(code: &str, remember: bool) -> Effect {
    Effect::AnswerMfa {
        challenge: challenge(),
        factor: MfaFactor::SoftwareToken,
        code: code.into(),
        remember,
    }
}

fn choosing() -> Step {
    Step::Mfa {
        challenge: challenge(),
        prompt: MfaPrompt::Choose(vec![MfaFactor::SoftwareToken, MfaFactor::Email]),
    }
}

fn setting_up(setup: TotpFor) -> Step {
    Step::SetUpTotp {
        setup,
        secret: "JBSWY3DPEHPK3PXP".into(),
    }
}

fn totp_on() -> UserMfa {
    UserMfa {
        enabled: vec![MfaFactor::SoftwareToken],
        preferred: Some(MfaFactor::SoftwareToken),
    }
}

fn settings(mfa: UserMfa) -> Step {
    Step::MfaSettings {
        profile: profile(),
        mfa,
    }
}

pub(super) fn rows() -> Vec<Row> {
    let asked = Event::MfaRequired {
        challenge: challenge(),
        prompt: MfaPrompt::Code {
            factor: MfaFactor::SoftwareToken,
            destination: None,
        },
    };
    vec![
        (
            "a sign-in that needs a second factor asks for its code",
            busy(sign_in("ada@example.com"), sign_in_effect("secret1")),
            asked,
            at(totp_code()),
            None,
        ),
        (
            "the code is answered in the challenge's session, remembering the device if asked",
            at(totp_code()),
            Event::SubmitMfaCode {
                code: "123456".into(),
                remember: true,
            },
            busy(totp_code(), answer("123456", true)),
            Some(answer("123456", true)),
        ),
        (
            "a wrong code keeps the user on the code form with the error",
            busy(totp_code(), answer("000000", false)),
            Event::Failed(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
            Screen {
                error: Some(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
                ..at(totp_code())
            },
            None,
        ),
        (
            "an expired challenge goes back to sign-in with the name typed, and says why",
            busy(totp_code(), answer("123456", false)),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(sign_in("ada@example.com"))
            },
            None,
        ),
        (
            "the right code signs in",
            busy(totp_code(), answer("123456", false)),
            Event::SignedIn(profile()),
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "back to sign-in from the code form keeps the name typed",
            at(totp_code()),
            Event::ShowSignIn,
            at(sign_in("ada@example.com")),
            None,
        ),
        (
            "SELECT_MFA_TYPE: the chosen factor is answered",
            at(choosing()),
            Event::ChooseMfa(MfaFactor::Email),
            busy(
                choosing(),
                Effect::ChooseMfa {
                    challenge: challenge(),
                    factor: MfaFactor::Email,
                },
            ),
            Some(Effect::ChooseMfa {
                challenge: challenge(),
                factor: MfaFactor::Email,
            }),
        ),
        (
            "a factor that was not offered is ignored",
            at(choosing()),
            Event::ChooseMfa(MfaFactor::Sms),
            at(choosing()),
            None,
        ),
        (
            "a code typed on the choice screen is ignored",
            at(choosing()),
            Event::SubmitMfaCode {
                code: "123456".into(),
                remember: false,
            },
            at(choosing()),
            None,
        ),
        (
            "MFA_SETUP: the app's secret leads to the setup form",
            busy(sign_in("ada@example.com"), sign_in_effect("secret1")),
            Event::TotpSecret {
                challenge: Some(challenge()),
                secret: "JBSWY3DPEHPK3PXP".into(),
            },
            at(setting_up(TotpFor::SignIn(challenge()))),
            None,
        ),
        (
            "the app's first code verifies it in the sign-in's session",
            at(setting_up(TotpFor::SignIn(challenge()))),
            Event::SubmitMfaCode {
                code: "654321".into(),
                remember: false,
            },
            busy(
                setting_up(TotpFor::SignIn(challenge())),
                Effect::VerifyTotp {
                    challenge: Some(challenge()),
                    code: "654321".into(),
                    remember: false,
                },
            ),
            Some(Effect::VerifyTotp {
                challenge: Some(challenge()),
                code: "654321".into(),
                remember: false,
            }),
        ),
        (
            "the settings load from the signed-in view",
            at(Step::SignedIn(profile())),
            Event::ShowMfaSettings,
            busy(Step::SignedIn(profile()), Effect::LoadMfa),
            Some(Effect::LoadMfa),
        ),
        (
            "loaded settings are shown without a notice",
            busy(Step::SignedIn(profile()), Effect::LoadMfa),
            Event::MfaLoaded(UserMfa::default()),
            at(settings(UserMfa::default())),
            None,
        ),
        (
            "setting up an app from the settings asks for its secret",
            at(settings(UserMfa::default())),
            Event::SetUpTotp,
            busy(settings(UserMfa::default()), Effect::AssociateTotp),
            Some(Effect::AssociateTotp),
        ),
        (
            "the secret for the signed-in user leads to the setup form for the account",
            busy(settings(UserMfa::default()), Effect::AssociateTotp),
            Event::TotpSecret {
                challenge: None,
                secret: "JBSWY3DPEHPK3PXP".into(),
            },
            at(setting_up(TotpFor::Account(profile()))),
            None,
        ),
        (
            "verified from the account: the settings again, saved",
            busy(
                setting_up(TotpFor::Account(profile())),
                Effect::VerifyTotp {
                    challenge: None,
                    code: "654321".into(),
                    remember: false,
                },
            ),
            Event::MfaLoaded(totp_on()),
            Screen {
                notice: Some(Notice::MfaSaved),
                ..at(settings(totp_on()))
            },
            None,
        ),
        (
            "turning a factor off asks Cognito",
            at(settings(totp_on())),
            Event::SetMfa {
                factor: MfaFactor::SoftwareToken,
                enabled: false,
                preferred: false,
            },
            busy(
                settings(totp_on()),
                Effect::SetMfa {
                    factor: MfaFactor::SoftwareToken,
                    enabled: false,
                    preferred: false,
                },
            ),
            Some(Effect::SetMfa {
                factor: MfaFactor::SoftwareToken,
                enabled: false,
                preferred: false,
            }),
        ),
        (
            "done with the settings: back to the signed-in view",
            at(settings(totp_on())),
            Event::ShowSignedIn,
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "forget this device from the signed-in view",
            at(Step::SignedIn(profile())),
            Event::ForgetDevice,
            busy(Step::SignedIn(profile()), Effect::ForgetDevice),
            Some(Effect::ForgetDevice),
        ),
        (
            "a forgotten device is said so",
            busy(Step::SignedIn(profile()), Effect::ForgetDevice),
            Event::DeviceForgotten,
            Screen {
                notice: Some(Notice::DeviceForgotten),
                ..at(Step::SignedIn(profile()))
            },
            None,
        ),
        (
            "a second-factor code on the sign-in form makes no sense: ignored",
            at(sign_in("ada")),
            Event::SubmitMfaCode {
                code: "123456".into(),
                remember: false,
            },
            at(sign_in("ada")),
            None,
        ),
        (
            "a new password may lead to MFA setup too",
            busy(
                Step::NewPassword {
                    login: "ada@example.com".into(),
                    username: "7f3a-ada".into(),
                    session: "S0".into(),
                    required: vec![],
                },
                Effect::CompleteNewPassword {
                    login: "ada@example.com".into(),
                    username: "7f3a-ada".into(),
                    session: "S0".into(),
                    password: pw("Passw0rd!"),
                    attributes: vec![],
                },
            ),
            Event::TotpSecret {
                challenge: Some(challenge()),
                secret: "JBSWY3DPEHPK3PXP".into(),
            },
            at(setting_up(TotpFor::SignIn(challenge()))),
            None,
        ),
    ]
}

#[test]
fn only_an_authenticator_apps_code_is_an_app_code() {
    let emailed = Step::Mfa {
        challenge: challenge(),
        prompt: MfaPrompt::Code {
            factor: MfaFactor::Email,
            destination: Some("a***@e***".into()),
        },
    };
    assert!(totp_code().asks_app_code());
    assert!(setting_up(TotpFor::SignIn(challenge())).asks_app_code());
    assert!(!emailed.asks_app_code());
    assert!(!choosing().asks_app_code());
    assert!(!sign_in("ada@example.com").asks_app_code());
}

#[test]
fn each_look_of_an_mfa_step_is_told_apart() {
    let code = |factor| Step::Mfa {
        challenge: challenge(),
        prompt: MfaPrompt::Code {
            factor,
            destination: None,
        },
    };
    let mut looks = vec![
        sign_in("ada").look(),
        choosing().look(),
        code(MfaFactor::SoftwareToken).look(),
        code(MfaFactor::Sms).look(),
        code(MfaFactor::Email).look(),
    ];
    let all = [MfaFactor::SoftwareToken, MfaFactor::Sms, MfaFactor::Email];
    for on in 0..8u8 {
        let enabled: Vec<_> = all
            .iter()
            .copied()
            .filter(|f| on & 1 << *f as u8 != 0)
            .collect();
        for preferred in std::iter::once(None).chain(enabled.iter().copied().map(Some)) {
            let mfa = UserMfa {
                enabled: enabled.clone(),
                preferred,
            };
            looks.push(settings(mfa).look());
        }
    }
    let mut distinct = looks.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), looks.len(), "{looks:?}");
    assert_eq!(looks[0], 0);
}
