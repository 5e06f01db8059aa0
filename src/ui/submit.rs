//! The submit button: shows progress and cannot be pressed twice.

use leptos::prelude::*;

use super::context::Widget;

/// A submit button disabled (with `aria-busy`) while an effect is in flight.
#[component]
pub(super) fn Submit(
    /// The label at rest.
    label: &'static str,
    /// The label while working.
    busy_label: &'static str,
) -> impl IntoView {
    let busy = expect_context::<Widget>().busy();
    view! {
        <button type="submit" class="cw-button" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
            {move || if busy.get() { busy_label } else { label }}
        </button>
    }
}
