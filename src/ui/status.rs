//! The live region: errors that belong to no field, and good news after a step.

use leptos::prelude::*;

use super::context::Widget;
use crate::flow::Notice;
use crate::messages::Field;

fn notice_text(notice: Notice) -> &'static str {
    match notice {
        Notice::AccountConfirmed => "Your account is confirmed. Sign in to continue.",
        Notice::PasswordReset => "Your password was changed. Sign in with the new one.",
        Notice::CodeResent => "We sent a new code.",
    }
}

/// Announces errors (`role="alert"`) and notices (`role="status"`).
#[component]
pub(super) fn Status() -> impl IntoView {
    let w = expect_context::<Widget>();
    let error = w.error();
    let notice = Signal::derive(move || w.screen.with(|s| s.notice));
    view! {
        <div class="cw-error" role="alert" data-testid="cw-error">
            // Errors that belong to a field are shown (and announced) at the field.
            {move || {
                error
                    .get()
                    .filter(|e| matches!(e.field, None | Some(Field::Attribute(_))))
                    .map(|e| e.text)
            }}
        </div>
        <div class="cw-notice" role="status" data-testid="cw-notice">
            {move || notice.get().map(notice_text)}
        </div>
    }
}
