//! Two-step verification: the code form (authenticator app, SMS, e-mail), the choice of
//! factor, setting up an authenticator app (QR code, key, first code), and the signed-in
//! user's settings. All are [`Form`]s, rendered by the one form renderer.

use cognito_protocol::mfa::{MfaFactor, UserMfa};
use leptos::prelude::*;

use super::context::Widget;
use super::field::Input;
use super::form::{Form, Link};
use super::qr::{grouped, key_uri, picture};
use crate::flow::{Event, MfaPrompt, Step, TotpFor};
use crate::i18n::{fill, Catalogue};
use crate::messages::Field;

/// A factor's name.
pub(super) fn factor_name(t: &'static Catalogue, factor: MfaFactor) -> &'static str {
    match factor {
        MfaFactor::SoftwareToken => t.factor_totp,
        MfaFactor::Sms => t.factor_sms,
        MfaFactor::Email => t.factor_email,
    }
}

/// The code input, the "remember this device" box when the pool asks the user, and the way
/// back to sign-in.
fn code_form(w: Widget, title: &'static str, hint: String, picture: Option<String>) -> Form {
    let t = w.texts();
    let code = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    Form {
        title,
        hint: Some(Signal::stored(hint)),
        inputs: vec![Input::new("code", t.code, code, w.error_at(Field::Code)).code()],
        submit: Some((t.verify, t.verifying)),
        on_submit: Callback::new(move |()| {
            w.send(Event::SubmitMfaCode {
                code: code.get_untracked().trim().to_owned(),
                remember: remember.get_untracked(),
            })
        }),
        links: vec![Link::new(t.back_to_sign_in, move || {
            w.send(Event::ShowSignIn)
        })],
        remember: w.config().remember_on_prompt.then_some(remember),
        picture,
    }
}

/// `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`, or the choice among them.
pub(super) fn mfa(w: Widget) -> Form {
    let t = w.texts();
    let prompt = w.screen.with_untracked(|s| match &s.step {
        Step::Mfa { prompt, .. } => Some(prompt.clone()),
        _ => None,
    });
    match prompt {
        Some(MfaPrompt::Choose(choices)) => {
            let mut links: Vec<Link> = choices
                .into_iter()
                .map(|f| Link::new(factor_name(t, f), move || w.send(Event::ChooseMfa(f))))
                .collect();
            links.push(Link::new(t.back_to_sign_in, move || {
                w.send(Event::ShowSignIn)
            }));
            Form {
                title: t.mfa_title,
                hint: Some(Signal::stored(t.choose_mfa.to_owned())),
                links,
                ..Form::empty()
            }
        }
        Some(MfaPrompt::Code {
            destination: Some(to),
            ..
        }) => code_form(w, t.mfa_title, fill(t.code_sent_to, &[&to]), None),
        _ => code_form(w, t.mfa_title, t.totp_prompt.to_owned(), None),
    }
}

/// The authenticator app's QR code and key, then its first code.
pub(super) fn set_up_totp(w: Widget) -> Form {
    let t = w.texts();
    let config = w.config();
    let (account, secret) = w.screen.with_untracked(|s| match &s.step {
        Step::SetUpTotp { setup, secret } => {
            let account = match setup {
                TotpFor::SignIn(c) if !c.login.is_empty() => c.login.clone(),
                TotpFor::SignIn(c) => c.username.clone(),
                TotpFor::Account(p) => p.display_name(),
            };
            (account, secret.clone())
        }
        _ => Default::default(),
    });
    let uri = key_uri(&config.totp_issuer, &account, &secret);
    let picture = picture(&uri, t.qr_label, t.totp_key, &grouped(&secret));
    let mut form = code_form(w, t.totp_setup_title, t.totp_setup_hint.to_owned(), picture);
    // "Copy key", then "Key copied": the key whole, for a password manager or a desktop app.
    let copied = RwSignal::new(false);
    form.links.insert(
        0,
        Link {
            label: Signal::derive(move || {
                (if copied.get() {
                    t.key_copied
                } else {
                    t.copy_key
                })
                .to_owned()
            }),
            disabled: Signal::stored(false),
            action: Callback::new(move |()| {
                if let Some(window) = web_sys::window() {
                    let _ = window.navigator().clipboard().write_text(&secret);
                    copied.set(true);
                }
            }),
        },
    );
    let account = w.screen.with_untracked(|s| {
        matches!(
            s.step,
            Step::SetUpTotp {
                setup: TotpFor::Account(_),
                ..
            }
        )
    });
    if account {
        // Remembering a device belongs to a sign-in; from the settings, "back" is "done".
        form.remember = None;
        form.links.pop(); // "Back to sign in"
        form.links
            .push(Link::new(t.done, move || w.send(Event::ShowSignedIn)));
    }
    form
}

/// The signed-in user's factors, and what can be done with them.
pub(super) fn mfa_settings(w: Widget) -> Form {
    let t = w.texts();
    let config = w.config();
    let mfa = w.screen.with_untracked(|s| match &s.step {
        Step::MfaSettings { mfa, .. } => mfa.clone(),
        _ => UserMfa::default(),
    });
    let mut lines = Vec::new();
    let mut links = Vec::new();
    let on_count = mfa.enabled.len();
    for factor in config.mfa_methods.iter().copied() {
        let name = factor_name(t, factor);
        let on = mfa.enabled.contains(&factor);
        let preferred = mfa.preferred == Some(factor);
        let state = match (on, preferred) {
            (true, true) => t.mfa_preferred,
            (true, false) => t.mfa_on,
            (false, _) => t.mfa_off,
        };
        lines.push(fill(state, &[name]));
        let set = move |enabled: bool, preferred: bool| {
            move || {
                w.send(Event::SetMfa {
                    factor,
                    enabled,
                    preferred,
                })
            }
        };
        match (on, factor) {
            (false, MfaFactor::SoftwareToken) => links
                .push(Link::new(t.totp_setup_title, move || {
                    w.send(Event::SetUpTotp)
                })),
            (false, _) => links.push(Link::new(&fill(t.turn_on, &[name]), set(true, false))),
            (true, _) => {
                if !preferred && on_count > 1 {
                    links.push(Link::new(&fill(t.use_first, &[name]), set(true, true)));
                }
                // A pool that requires MFA keeps at least one factor on.
                if !config.mfa_required || on_count > 1 {
                    links.push(Link::new(&fill(t.turn_off, &[name]), set(false, false)));
                }
            }
        }
    }
    Form {
        title: t.mfa_title,
        hint: Some(Signal::stored(lines.join(" · "))),
        submit: Some((t.done, t.done)),
        on_submit: Callback::new(move |()| w.send(Event::ShowSignedIn)),
        links,
        ..Form::empty()
    }
}
