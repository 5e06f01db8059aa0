//! The root component.

use leptos::prelude::*;

/// The widget's root: a card that will host the current step of the flow.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="cw-card" data-testid="cw-root">
            <h1 class="cw-title">"Sign in"</h1>
            <p class="cw-hint">"Amazon Cognito sign-in, computed in your browser."</p>
        </main>
    }
}
