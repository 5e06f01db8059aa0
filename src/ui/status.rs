//! The live region: errors that belong to no field, and good news after a step.

use leptos::prelude::*;

use super::context::Widget;
use crate::flow::{MfaPrompt, Notice, Step};
use crate::i18n::Catalogue;
use crate::messages::Field;

fn notice_text(t: &'static Catalogue, notice: Notice) -> &'static str {
    match notice {
        Notice::AccountConfirmed => t.account_confirmed,
        Notice::PasswordReset => t.password_changed,
        Notice::CodeResent => t.code_resent,
        Notice::MfaSaved => t.mfa_saved,
        Notice::DeviceForgotten => t.device_forgotten,
        Notice::PasswordChanged => t.password_now_changed,
        Notice::AccountDeleted => t.account_deleted,
        Notice::ProfileSaved => t.profile_saved,
        Notice::NothingToSave => t.nothing_to_save,
        Notice::AttributeVerified => t.attribute_verified,
    }
}

/// Whether the form of `step` has `field`.
fn has_field(step: &Step, field: &Field) -> bool {
    match step {
        Step::SignIn { .. } | Step::SignUp => matches!(field, Field::Username | Field::Password),
        Step::ForgotPassword { .. } => *field == Field::Username,
        Step::ConfirmSignUp { .. } => *field == Field::Code,
        Step::ResetPassword { .. } => matches!(field, Field::Code | Field::Password),
        Step::NewPassword { .. } => *field == Field::Password,
        Step::Mfa {
            prompt: MfaPrompt::Code { .. },
            ..
        }
        | Step::SetUpTotp { .. }
        | Step::VerifyAttribute { .. } => *field == Field::Code,
        Step::ChangePassword(_) => matches!(field, Field::Password | Field::CurrentPassword),
        _ => false,
    }
}

/// Announces errors (`role="alert"`) and notices (`role="status"`).
#[component]
pub(super) fn Status() -> impl IntoView {
    let w = expect_context::<Widget>();
    let t = w.texts();
    // Errors that belong to a field are shown (and announced) at the field; here when this
    // step's form has no such field (an unknown user on "forgot password"), and attribute
    // errors here too.
    let screen = w.screen;
    let error = w.error_where(move |field| match field {
        None | Some(Field::Attribute(_)) => true,
        Some(field) => !screen.with(|s| has_field(&s.step, field)),
    });
    view! {
        <div class="cw-error" role="alert" data-testid="cw-error" id=w.id("error") tabindex="-1">
            {error}
        </div>
        <div class="cw-notice" role="status" data-testid="cw-notice">
            {move || w.screen.with(|s| s.notice).map(|n| notice_text(t, n))}
        </div>
    }
}
