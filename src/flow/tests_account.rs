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
}

#[test]
fn the_account_screens_belong_to_the_signed_in_user() {
    for step in [
        Step::SignedIn(profile()),
        Step::ChangePassword(profile()),
        Step::DeleteAccount(profile()),
        listing(&[]),
    ] {
        assert_eq!(step.account(), Some(&profile()), "{step:?}");
    }
    assert_eq!(sign_in("ada").account(), None);
    assert_ne!(
        listing(&["d1"]).look(),
        listing(&[]).look(),
        "a shorter list shows again"
    );
}
