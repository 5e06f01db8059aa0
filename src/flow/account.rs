//! The transitions of the account's screens (profile, devices, password change, deletion):
//! their outcomes, and what the user does on them. Split builds keep this code in the account
//! chunk with the screens' views (`ui/lazy.rs`): the card asks [`routes_to_account`] and calls
//! [`next`] through the split point; [`super::next`] joins both halves for everyone else.

use super::event::{Effect, Event};
use super::next::{go, run, Notice, Screen};
use super::step::{Step, Verifying};

/// Whether `event` is an account screen's to handle: an outcome of the account's effects
/// (the card loads the chunk before it hands one over), or the user acting on an account
/// screen (whose view came from the chunk, so it is loaded).
pub fn routes_to_account(screen: &Screen, event: &Event) -> bool {
    match event {
        Event::ProfileLoaded { .. } | Event::DevicesLoaded { .. } | Event::PasswordChanged => true,
        Event::ShowSignedIn
        | Event::ShowProfile
        | Event::SaveProfile(_)
        | Event::VerifyNow(_)
        | Event::SubmitCode { .. }
        | Event::ResendCode
        | Event::ForgetDeviceKey(_)
        | Event::SubmitChangePassword { .. }
        | Event::DeleteAccount => matches!(
            screen.step,
            Step::Profile { .. }
                | Step::VerifyAttribute { .. }
                | Step::Devices { .. }
                | Step::ChangePassword(_)
                | Step::DeleteAccount(_)
        ),
        _ => false,
    }
}

/// Where an event [`routes_to_account`] takes leads.
pub fn next(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
    let stay = || (screen.clone(), None);
    match (&screen.step, event) {
        (
            step,
            Event::ProfileLoaded {
                profile,
                attributes,
                verifying,
                notice,
            },
        ) if step.account().is_some() => {
            let step = match verifying {
                Some(verifying) => Step::VerifyAttribute {
                    profile,
                    attributes,
                    verifying,
                },
                None => Step::Profile {
                    profile,
                    attributes,
                },
            };
            (
                Screen {
                    notice,
                    ..Screen::at(step)
                },
                None,
            )
        }
        (step, Event::PasswordChanged) => match step.account() {
            Some(profile) => (
                Screen::at(Step::SignedIn(profile.clone())).noting(Notice::PasswordChanged),
                None,
            ),
            None => stay(),
        },
        (
            Step::SignedIn(profile) | Step::Devices { profile, .. },
            Event::DevicesLoaded { devices, this },
        ) => {
            let step = Step::Devices {
                profile: profile.clone(),
                devices,
                this,
            };
            match screen.in_flight {
                Some(Effect::ForgetDeviceKey(_)) => {
                    (Screen::at(step).noting(Notice::DeviceForgotten), None)
                }
                _ => go(step),
            }
        }
        (Step::Devices { .. }, Event::ForgetDeviceKey(key)) => {
            run(screen, Effect::ForgetDeviceKey(key))
        }
        (Step::ChangePassword(_), Event::SubmitChangePassword { previous, proposed }) => {
            run(screen, Effect::ChangePassword { previous, proposed })
        }
        (Step::DeleteAccount(_), Event::DeleteAccount) => run(screen, Effect::DeleteAccount),
        (Step::VerifyAttribute { .. }, Event::ShowProfile) => run(screen, Effect::LoadProfile),
        (Step::Profile { .. }, Event::SaveProfile(changes)) => {
            run(screen, Effect::SaveProfile(changes))
        }
        (Step::Profile { .. }, Event::VerifyNow(attribute)) => {
            let verifying = Verifying {
                attribute,
                delivery: None,
                waiting: None,
            };
            run(screen, Effect::SendAttributeCode(verifying))
        }
        (Step::VerifyAttribute { verifying, .. }, Event::ResendCode) => {
            run(screen, Effect::SendAttributeCode(verifying.clone()))
        }
        (Step::VerifyAttribute { verifying, .. }, Event::SubmitCode { code }) => {
            let attribute = verifying.attribute.clone();
            run(screen, Effect::VerifyAttribute { attribute, code })
        }
        (
            Step::Devices { profile, .. }
            | Step::Profile { profile, .. }
            | Step::ChangePassword(profile)
            | Step::DeleteAccount(profile),
            Event::ShowSignedIn,
        ) => go(Step::SignedIn(profile.clone())),
        _ => stay(),
    }
}
