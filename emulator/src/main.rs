//! `cognito-emulator`: a local Amazon Cognito user pool built from your own CloudFormation
//! template, with real SRP, confirmation codes and signed tokens.
//!
//! This is the skeleton laid by the foundation; the server itself is the emulator issue's work.

use std::process::ExitCode;

fn main() -> ExitCode {
    eprintln!(
        "cognito-emulator {}: the server is not built yet; this binary is a placeholder.",
        env!("CARGO_PKG_VERSION")
    );
    ExitCode::from(2)
}
