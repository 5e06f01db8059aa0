//! Load generator for `scripts/bench-emulator`: concurrent SRP sign-ins (InitiateAuth, the
//! client's proof, RespondToAuthChallenge) against a running emulator, reporting throughput
//! and latency, plus the server process's CPU time per sign-in.
//!
//! `cargo run --release -p cognito-emulator --example load -- PORT SERVER_PID [CONCURRENCY] [SECONDS]`

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cognito_protocol::UserPoolId;
use serde_json::json;

#[path = "support/http.rs"]
mod http;
#[path = "support/srp.rs"]
mod srp;
use http::{call, get};
use srp::sign_in;

/// utime + stime of a process, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("usage: load PORT PID [CONCURRENCY] [SECONDS]"));
    let pid: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10);

    let pools = get(port, "/_emulator/pools");
    let entry = &pools["pools"][0];
    let pool = UserPoolId::parse(entry["pool"]["id"].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let client = entry["clients"][0]["client"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for i in 0..concurrency {
        let user = format!("load{i}@example.com");
        let _ = call(
            port,
            "AdminCreateUser",
            &json!({"UserPoolId": pool.as_str(), "Username": user, "MessageAction": "SUPPRESS"}),
        );
        call(port, "AdminSetUserPassword", &json!({"UserPoolId": pool.as_str(), "Username": user, "Password": "Passw0rd!", "Permanent": true}))
            .unwrap_or_else(|e| panic!("setting up {user}: {e}"));
    }
    // Warm-up, then the measured window.
    for i in 0..concurrency {
        sign_in(
            port,
            &pool,
            &client,
            &format!("load{i}@example.com"),
            "Passw0rd!",
            &srp::client(),
        )
        .unwrap_or_else(|e| panic!("warm-up: {e}"));
    }
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(0usize));
    let stop = Arc::new(AtomicBool::new(false));
    let cpu0 = cpu_seconds(pid);
    let start = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|i| {
            let (pool, client, latencies, failures, stop) = (
                pool.clone(),
                client.clone(),
                latencies.clone(),
                failures.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                let user = format!("load{i}@example.com");
                while !stop.load(Ordering::Relaxed) {
                    let srp = srp::client();
                    let t = Instant::now();
                    match sign_in(port, &pool, &client, &user, "Passw0rd!", &srp) {
                        Ok(_) => latencies
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(t.elapsed()),
                        Err(_) => *failures.lock().unwrap_or_else(|e| e.into_inner()) += 1,
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let server_cpu = cpu_seconds(pid) - cpu0;
    let mut l = latencies.lock().unwrap_or_else(|e| e.into_inner()).clone();
    l.sort();
    let pct = |p: f64| {
        l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1)))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    let n = l.len();
    println!("verified SRP sign-ins: {n} in {elapsed:.1} s with {concurrency} concurrent clients ({} failed)", failures.lock().unwrap_or_else(|e| e.into_inner()));
    println!(
        "throughput: {:.0} sign-ins/s (load generator and emulator share the machine's cores)",
        n as f64 / elapsed
    );
    println!(
        "latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    if pid != 0 && n > 0 {
        let per = server_cpu / n as f64;
        println!(
            "emulator CPU: {:.2} ms per sign-in → {:.0} sign-ins/s per core of server work alone",
            per * 1000.0,
            1.0 / per
        );
    }
}
