//! `cognito-emulator --template FILE [--template FILE …] [--port 9229] [--data-dir DIR]
//! [--region us-east-1]`: serves the pools of your templates on 127.0.0.1.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const HELP: &str = "\
cognito-emulator: a local Amazon Cognito user pool built from your CloudFormation template

USAGE:
    cognito-emulator --template FILE [--template FILE ...] [OPTIONS]

OPTIONS:
    --template FILE   A CloudFormation template (cdk synth JSON, or YAML/SAM). Every
                      AWS::Cognito::UserPool and UserPoolClient in it is served. Repeatable.
    --port PORT       Port on 127.0.0.1 to listen on [default: 9229]. 0 picks a free one.
    --data-dir DIR    Where users, codes, tokens and keys are kept (SQLite)
                      [default: ./.cognito-emulator]. The same template and data dir give
                      the same pool ids, client ids and secrets on every start.
    --region REGION   The region in pool ids and issuers [default: us-east-1].
    -h, --help        Print this help.

Codes and invitations are printed here and listed at GET /_emulator/outbox;
GET /_emulator/pools gives each client's widget configuration.";

struct Flags {
    templates: Vec<PathBuf>,
    port: u16,
    data_dir: PathBuf,
    region: String,
}

fn parse_flags() -> Result<Option<Flags>, String> {
    let mut flags = Flags {
        templates: Vec::new(),
        port: 9229,
        data_dir: PathBuf::from(".cognito-emulator"),
        region: "us-east-1".to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--template" => flags.templates.push(PathBuf::from(value("--template")?)),
            "--port" => {
                flags.port = value("--port")?
                    .parse()
                    .map_err(|_| "--port takes a number")?
            }
            "--data-dir" => flags.data_dir = PathBuf::from(value("--data-dir")?),
            "--region" => flags.region = value("--region")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if flags.templates.is_empty() {
        return Err("at least one --template is required".into());
    }
    Ok(Some(flags))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> ExitCode {
    let flags = match parse_flags() {
        Ok(Some(f)) => f,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("cognito-emulator: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
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
    let (state, warnings) = cognito_emulator::build_state(
        &templates,
        &flags.data_dir,
        &flags.region,
        &base,
        Box::new(now),
    )?;
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
    println!("cognito-emulator listening on {base}/");
    let app = cognito_emulator::app(Arc::new(state));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
