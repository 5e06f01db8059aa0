//! The transitions of multi-factor sign-in and of the MFA settings: the secret of an
//! authenticator app, the user's factors, and what the user does on those screens. Split
//! builds keep this code in the MFA chunk with the screens' views (see [`super::Chunk`]).

use super::event::{Effect, Event};
use super::next::{go, run, Notice, Screen};
use super::step::{MfaPrompt, Step, TotpFor};

/// Whether `event` is MFA's to handle: an outcome of its effects, or the user acting on one of
/// its screens.
pub fn routes_to_mfa(screen: &Screen, event: &Event) -> bool {
    match event {
        Event::TotpSecret { .. } | Event::MfaLoaded(_) => true,
        Event::SubmitMfaCode { .. }
        | Event::ChooseMfa(_)
        | Event::SetUpTotp
        | Event::SetMfa { .. }
        | Event::ShowSignedIn => matches!(
            screen.step,
            Step::Mfa { .. } | Step::SetUpTotp { .. } | Step::MfaSettings { .. }
        ),
        _ => false,
    }
}

/// Where an event [`routes_to_mfa`] takes leads.
pub fn next(screen: &Screen, event: Event) -> (Screen, Option<Effect>) {
    let stay = || (screen.clone(), None);
    match (&screen.step, event) {
        (step, Event::TotpSecret { challenge, secret }) => {
            let setup = match (challenge, step) {
                (Some(c), _) => TotpFor::SignIn(c),
                (None, Step::MfaSettings { profile, .. }) => TotpFor::Account(profile.clone()),
                _ => return stay(),
            };
            go(Step::SetUpTotp { setup, secret })
        }
        (
            Step::SignedIn(profile)
            | Step::MfaSettings { profile, .. }
            | Step::SetUpTotp {
                setup: TotpFor::Account(profile),
                ..
            },
            Event::MfaLoaded(mfa),
        ) => {
            let step = Step::MfaSettings {
                profile: profile.clone(),
                mfa,
            };
            // Opening the settings is news to no one; a change is.
            match screen.in_flight {
                Some(Effect::LoadMfa) => go(step),
                _ => (Screen::at(step).noting(Notice::MfaSaved), None),
            }
        }
        (
            Step::Mfa {
                challenge,
                prompt: MfaPrompt::Code { factor, .. },
            },
            Event::SubmitMfaCode { code, remember },
        ) => {
            let effect = Effect::AnswerMfa {
                challenge: challenge.clone(),
                factor: *factor,
                code,
                remember,
            };
            run(screen, effect)
        }
        (
            Step::Mfa {
                challenge,
                prompt: MfaPrompt::Choose(choices),
            },
            Event::ChooseMfa(factor),
        ) if choices.contains(&factor) => {
            let challenge = challenge.clone();
            run(screen, Effect::ChooseMfa { challenge, factor })
        }
        (Step::SetUpTotp { setup, .. }, Event::SubmitMfaCode { code, remember }) => {
            let challenge = match setup {
                TotpFor::SignIn(c) => Some(c.clone()),
                TotpFor::Account(_) => None,
            };
            let effect = Effect::VerifyTotp {
                challenge,
                code,
                remember,
            };
            run(screen, effect)
        }
        (Step::MfaSettings { .. }, Event::SetUpTotp) => run(screen, Effect::AssociateTotp),
        (
            Step::MfaSettings { .. },
            Event::SetMfa {
                factor,
                enabled,
                preferred,
            },
        ) => run(
            screen,
            Effect::SetMfa {
                factor,
                enabled,
                preferred,
            },
        ),
        (
            Step::MfaSettings { profile, .. }
            | Step::SetUpTotp {
                setup: TotpFor::Account(profile),
                ..
            },
            Event::ShowSignedIn,
        ) => go(Step::SignedIn(profile.clone())),
        _ => stay(),
    }
}
