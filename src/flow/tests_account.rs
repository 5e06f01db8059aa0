//! The account steps (changing the password, deleting the account) as rows of the transition
//! table (`tests.rs` runs them).

use cognito_protocol::wire::{DeviceInfo, ErrorKind};

use super::tests::{at, busy, cognito, profile, pw, sign_in, Row};
use super::*;
use crate::session::SignOutReason;

fn change(previous: &str, proposed: &str) -> Effect {
    Effect::ChangePassword {
        previous: pw(previous),
        proposed: pw(proposed),
    }
}

fn device(key: &str) -> DeviceInfo {
    DeviceInfo {
        key: key.into(),
        name: "Firefox".into(),
        last_used: Some(1_796_191_242),
        remembered: true,
    }
}

fn listing(keys: &[&str]) -> Step {
    Step::Devices {
        profile: profile(),
        devices: keys.iter().map(|k| device(k)).collect(),
        this: Some("d1".into()),
    }
}

fn loaded(keys: &[&str]) -> Event {
    Event::DevicesLoaded {
        devices: keys.iter().map(|k| device(k)).collect(),
        this: Some("d1".into()),
    }
}

fn attributes(email: &str, verified: bool) -> Vec<(String, String)> {
    vec![
        ("email".into(), email.into()),
        ("email_verified".into(), verified.to_string()),
        ("given_name".into(), "Ada".into()),
    ]
}

fn viewing(email: &str, verified: bool) -> Step {
    Step::Profile {
        profile: profile(),
        attributes: attributes(email, verified),
    }
}

fn waiting(new: Option<&str>) -> Verifying {
    Verifying {
        attribute: "email".into(),
        delivery: Some(Delivery {
            destination: "a***@n***".into(),
            medium: "EMAIL".into(),
        }),
        waiting: new.map(str::to_owned),
    }
}

fn verifying(new: Option<&str>) -> Step {
    Step::VerifyAttribute {
        profile: profile(),
        attributes: attributes("ada@old.example", true),
        verifying: waiting(new),
    }
}

fn profile_loaded(email: &str, verifying: Option<Verifying>, notice: Option<Notice>) -> Event {
    Event::ProfileLoaded {
        profile: profile(),
        // Verified, unless a new address is in use before its code.
        attributes: attributes(
            email,
            verifying.as_ref().is_none_or(|v| v.waiting.is_some()),
        ),
        verifying,
        notice,
    }
}

/// The profile: loaded, saved, an address verified (with the pool keeping the old one until
/// then, or not).
fn profile_rows() -> Vec<Row> {
    let changes = || vec![("email".to_owned(), "ada@new.example".to_owned())];
    let save = || Effect::SaveProfile(changes());
    let verify = || Effect::VerifyAttribute {
        attribute: "email".into(),
        code: "123456".into(),
    };
    vec![
        (
            "the signed-in view loads the profile",
            at(Step::SignedIn(profile())),
            Event::ShowProfile,
            busy(Step::SignedIn(profile()), Effect::LoadProfile),
            Some(Effect::LoadProfile),
        ),
        (
            "the profile shows what GetUser said",
            busy(Step::SignedIn(profile()), Effect::LoadProfile),
            profile_loaded("ada@old.example", None, None),
            at(viewing("ada@old.example", true)),
            None,
        ),
        (
            "saving sends only the changes",
            at(viewing("ada@old.example", true)),
            Event::SaveProfile(changes()),
            busy(viewing("ada@old.example", true), save()),
            Some(save()),
        ),
        (
            "a refused change stays on the form with Cognito's reason",
            busy(viewing("ada@old.example", true), save()),
            Event::Failed(cognito(
                ErrorKind::InvalidParameter,
                "InvalidParameterException",
            )),
            Screen {
                error: Some(cognito(
                    ErrorKind::InvalidParameter,
                    "InvalidParameterException",
                )),
                ..at(viewing("ada@old.example", true))
            },
            None,
        ),
        (
            "a new address that waits for its code asks for it, the old one still in use",
            busy(viewing("ada@old.example", true), save()),
            profile_loaded(
                "ada@old.example",
                Some(waiting(Some("ada@new.example"))),
                Some(Notice::ProfileSaved),
            ),
            Screen {
                notice: Some(Notice::ProfileSaved),
                ..at(verifying(Some("ada@new.example")))
            },
            None,
        ),
        (
            "a new code can be asked for, and the new address is still the one waiting",
            at(verifying(Some("ada@new.example"))),
            Event::ResendCode,
            busy(
                verifying(Some("ada@new.example")),
                Effect::SendAttributeCode(waiting(Some("ada@new.example"))),
            ),
            Some(Effect::SendAttributeCode(waiting(Some("ada@new.example")))),
        ),
        (
            "the code is sent to be verified",
            at(verifying(Some("ada@new.example"))),
            Event::SubmitCode {
                code: "123456".into(),
            },
            busy(verifying(Some("ada@new.example")), verify()),
            Some(verify()),
        ),
        (
            "a wrong code stays on the code form",
            busy(verifying(Some("ada@new.example")), verify()),
            Event::Failed(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
            Screen {
                error: Some(cognito(ErrorKind::CodeMismatch, "CodeMismatchException")),
                ..at(verifying(Some("ada@new.example")))
            },
            None,
        ),
        (
            "a verified address is back on the profile, which says so",
            busy(verifying(Some("ada@new.example")), verify()),
            profile_loaded("ada@new.example", None, Some(Notice::AttributeVerified)),
            Screen {
                notice: Some(Notice::AttributeVerified),
                ..at(viewing("ada@new.example", true))
            },
            None,
        ),
        (
            "\"Verify now\" sends a code for an unverified address",
            at(viewing("ada@old.example", false)),
            Event::VerifyNow("email".into()),
            busy(
                viewing("ada@old.example", false),
                Effect::SendAttributeCode(Verifying {
                    attribute: "email".into(),
                    delivery: None,
                    waiting: None,
                }),
            ),
            Some(Effect::SendAttributeCode(Verifying {
                attribute: "email".into(),
                delivery: None,
                waiting: None,
            })),
        ),
        (
            "\"Later\" leaves the code form for the profile, loaded again",
            at(verifying(None)),
            Event::ShowProfile,
            busy(verifying(None), Effect::LoadProfile),
            Some(Effect::LoadProfile),
        ),
        (
            "the profile goes back to the signed-in view",
            at(viewing("ada@old.example", true)),
            Event::ShowSignedIn,
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "a profile that arrives after sign-out is dropped",
            at(sign_in("")),
            profile_loaded("ada@old.example", None, None),
            at(sign_in("")),
            None,
        ),
        (
            "another tab refreshing the same user's tokens leaves the profile open",
            at(viewing("ada@old.example", true)),
            Event::TabChanged(Some(profile())),
            at(viewing("ada@old.example", true)),
            None,
        ),
    ]
}

pub(super) fn rows() -> Vec<Row> {
    let changing = || Step::ChangePassword(profile());
    let deleting = || Step::DeleteAccount(profile());
    let forget = || Effect::ForgetDeviceKey("d2".into());
    vec![
        (
            "the signed-in view loads the devices",
            at(Step::SignedIn(profile())),
            Event::ShowDevices,
            busy(Step::SignedIn(profile()), Effect::LoadDevices),
            Some(Effect::LoadDevices),
        ),
        (
            "the devices are listed",
            busy(Step::SignedIn(profile()), Effect::LoadDevices),
            loaded(&["d1", "d2"]),
            at(listing(&["d1", "d2"])),
            None,
        ),
        (
            "a device is forgotten by its key",
            at(listing(&["d1", "d2"])),
            Event::ForgetDeviceKey("d2".into()),
            busy(listing(&["d1", "d2"]), forget()),
            Some(forget()),
        ),
        (
            "the list comes back without it, and says it is forgotten",
            busy(listing(&["d1", "d2"]), forget()),
            loaded(&["d1"]),
            Screen {
                notice: Some(Notice::DeviceForgotten),
                ..at(listing(&["d1"]))
            },
            None,
        ),
        (
            "cancel leaves the list",
            at(listing(&["d1"])),
            Event::ShowSignedIn,
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "the signed-in view opens the password change form",
            at(Step::SignedIn(profile())),
            Event::ShowChangePassword,
            at(changing()),
            None,
        ),
        (
            "the change is sent with both passwords",
            at(changing()),
            Event::SubmitChangePassword {
                previous: pw("old1"),
                proposed: pw("new1"),
            },
            busy(changing(), change("old1", "new1")),
            Some(change("old1", "new1")),
        ),
        (
            "a refused change stays on the form with Cognito's reason",
            busy(changing(), change("old1", "new1")),
            Event::Failed(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
            Screen {
                error: Some(cognito(ErrorKind::NotAuthorized, "NotAuthorizedException")),
                ..at(changing())
            },
            None,
        ),
        (
            "a changed password goes back to the signed-in view and says so",
            busy(changing(), change("old1", "new1")),
            Event::PasswordChanged,
            Screen {
                notice: Some(Notice::PasswordChanged),
                ..at(Step::SignedIn(profile()))
            },
            None,
        ),
        (
            "cancel goes back to the signed-in view",
            at(changing()),
            Event::ShowSignedIn,
            at(Step::SignedIn(profile())),
            None,
        ),
        (
            "the signed-in view opens the deletion form",
            at(Step::SignedIn(profile())),
            Event::ShowDeleteAccount,
            at(deleting()),
            None,
        ),
        (
            "deleting runs DeleteAccount",
            at(deleting()),
            Event::DeleteAccount,
            busy(deleting(), Effect::DeleteAccount),
            Some(Effect::DeleteAccount),
        ),
        (
            "a deleted account ends on the sign-in form, which says so",
            busy(deleting(), Effect::DeleteAccount),
            Event::SignedOut(SignOutReason::Deleted),
            Screen {
                notice: Some(Notice::AccountDeleted),
                ..at(sign_in(""))
            },
            None,
        ),
        (
            "another tab refreshing the same user's tokens leaves the form open",
            at(changing()),
            Event::TabChanged(Some(profile())),
            at(changing()),
            None,
        ),
        (
            "another tab signing out closes it",
            at(deleting()),
            Event::TabChanged(None),
            at(sign_in("")),
            None,
        ),
    ]
    .into_iter()
    .chain(profile_rows())
    .collect()
}

#[test]
fn the_account_screens_belong_to_the_signed_in_user() {
    for step in [
        Step::SignedIn(profile()),
        Step::ChangePassword(profile()),
        Step::DeleteAccount(profile()),
        listing(&[]),
        viewing("ada@old.example", true),
        verifying(None),
    ] {
        assert_eq!(step.account(), Some(&profile()), "{step:?}");
    }
    assert_eq!(sign_in("ada").account(), None);
    assert_ne!(
        listing(&["d1"]).look(),
        listing(&[]).look(),
        "a shorter list shows again"
    );
    assert_ne!(
        viewing("ada@old.example", true).look(),
        viewing("ada@new.example", true).look(),
        "a saved profile shows again"
    );
}
