//! The live region: errors that belong to no field, and good news after a step.

use leptos::prelude::*;

use super::context::Widget;
use crate::flow::Notice;
use crate::i18n::Catalogue;
use crate::messages::Field;

fn notice_text(t: &'static Catalogue, notice: Notice) -> &'static str {
    match notice {
        Notice::AccountConfirmed => t.account_confirmed,
        Notice::PasswordReset => t.password_changed,
        Notice::CodeResent => t.code_resent,
    }
}

/// Announces errors (`role="alert"`) and notices (`role="status"`).
#[component]
pub(super) fn Status() -> impl IntoView {
    let w = expect_context::<Widget>();
    let t = w.texts();
    // Errors that belong to a field are shown (and announced) at the field; attribute errors
    // here too, as the attribute's field may not be on this form.
    let error = w.error_where(|field| matches!(field, None | Some(Field::Attribute(_))));
    view! {
        <div class="cw-error" role="alert" data-testid="cw-error">
            {error}
        </div>
        <div class="cw-notice" role="status" data-testid="cw-notice">
            {move || w.screen.with(|s| s.notice).map(|n| notice_text(t, n))}
        </div>
    }
}
