//! The standalone app that `trunk serve` runs.

fn main() {
    leptos::mount::mount_to_body(cognito_widget::App);
}
