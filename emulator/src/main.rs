//! `cognito-emulator --template FILE [--template FILE …] [OPTIONS]`: serves the pools of your
//! templates on 127.0.0.1. Every option can also come from a `COGNITO_EMULATOR_*` variable.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;

/// cognito-emulator: a local Amazon Cognito user pool built from your CloudFormation template.
///
/// Codes and invitations are printed here and listed at GET /_emulator/outbox; GET
/// /_emulator/pools gives each client's widget configuration. Only this machine may call it:
/// requests addressed to another host are refused, /_emulator/ answers only this machine's
/// pages, and administrative operations need a SigV4 signature, as in Cognito.
#[derive(Parser, Debug)]
#[command(version, about, long_about)]
struct Flags {
    /// A CloudFormation template (cdk synth JSON, or YAML/SAM). Every AWS::Cognito::UserPool and
    /// UserPoolClient in it is served. Repeatable; in the variable, separate files with commas.
    #[arg(
        long = "template",
        value_name = "FILE",
        required = true,
        env = "COGNITO_EMULATOR_TEMPLATE",
        value_delimiter = ','
    )]
    templates: Vec<PathBuf>,

    /// Port on 127.0.0.1 to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 9229, env = "COGNITO_EMULATOR_PORT")]
    port: u16,

    /// Where users, codes, tokens and keys are kept (SQLite). The same template and data dir give
    /// the same pool ids, client ids and secrets on every start.
    #[arg(
        long,
        value_name = "DIR",
        default_value = ".cognito-emulator",
        env = "COGNITO_EMULATOR_DATA_DIR"
    )]
    data_dir: PathBuf,

    /// The region in pool ids and issuers.
    #[arg(long, default_value = "us-east-1", env = "COGNITO_EMULATOR_REGION")]
    region: String,

    /// Check administrative calls' SigV4 signatures against these credentials (the aws CLI's
    /// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). Without it any well-formed signature is
    /// taken.
    #[arg(long, value_name = "KEY:SECRET", env = "COGNITO_EMULATOR_CREDENTIALS", value_parser = credentials, hide_env_values = true)]
    credentials: Option<(String, String)>,

    /// How much to log: error, warn, info (one line per request, and the outbox) or debug.
    #[arg(long, default_value = "info", env = "COGNITO_EMULATOR_LOG")]
    log: tracing_subscriber::filter::LevelFilter,

    /// Let this machine's web pages (a loopback Origin) call administrative operations, signed.
    /// Off by default: no web page may. For tests that arrange users from a browser.
    #[arg(long, env = "COGNITO_EMULATOR_ADMIN_FROM_LOCAL_PAGES")]
    admin_from_local_pages: bool,

    /// The AWS account id of `AWS::AccountId` and of IAM role ARNs.
    #[arg(long = "account-id", env = "COGNITO_EMULATOR_ACCOUNT_ID", default_value = cognito_emulator::DEFAULT_ACCOUNT, value_parser = account)]
    account: String,

    /// Override a template parameter (`--parameter Stage=dev`). Repeatable; in the variable,
    /// separate them with semicolons.
    #[arg(long = "parameter", value_name = "NAME=VALUE", env = "COGNITO_EMULATOR_PARAMETER", value_parser = parameter, value_delimiter = ';')]
    parameters: Vec<(String, String)>,
}

fn parameter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err("expected NAME=VALUE".into()),
    }
}

fn account(text: &str) -> Result<String, String> {
    match text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        true => Ok(text.to_owned()),
        false => Err("an AWS account id is 12 digits".into()),
    }
}

fn credentials(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((key, secret)) if !key.is_empty() && !secret.is_empty() => {
            Ok((key.to_owned(), secret.to_owned()))
        }
        _ => Err("expected ACCESS_KEY_ID:SECRET_ACCESS_KEY".into()),
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> ExitCode {
    let flags = Flags::parse();
    tracing_subscriber::fmt()
        .with_max_level(flags.log)
        .with_writer(std::io::stdout)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    match serve(flags).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cognito-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(flags: Flags) -> Result<(), String> {
    let mut templates = Vec::new();
    for path in &flags.templates {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        templates.push((path.display().to_string(), text));
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", flags.port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", flags.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let base = format!("http://127.0.0.1:{port}");
    let (mut state, warnings) = cognito_emulator::build_state_with(
        &templates,
        &flags.data_dir,
        &flags.region,
        &base,
        Box::new(now),
        &cognito_emulator::Options {
            parameters: flags.parameters.into_iter().collect(),
            account: flags.account,
        },
    )?;
    state.credentials = flags.credentials;
    state.admin_from_local_pages = flags.admin_from_local_pages;
    for w in &warnings {
        println!("note: {w}");
    }
    for pool in state.pools.values() {
        println!("pool {} ({})", pool.id, pool.name);
        for client in state
            .clients
            .values()
            .filter(|c| c.config.pool_id == pool.id)
        {
            println!("  client {} ({})", client.config.id, client.config.name);
        }
    }
    if let Some((key, _)) = &state.credentials {
        println!("administrative calls must be signed with access key {key}");
    }
    println!("cognito-emulator listening on {base}/");
    let app = cognito_emulator::app(Arc::new(state));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
