//! The standalone app that `trunk serve` runs.

fn main() {
    cognito_widget::ui::app::start_app();
}
