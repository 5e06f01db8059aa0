//! Integrity under concurrency, for `scripts/bench-integrity`: CLIENTS clients at once, in
//! pairs racing on one e-mail address, each doing what a user does: sign-up, the code from
//! the outbox, an SRP sign-in, an attribute update racing a password change, sign-out
//! everywhere. Prints users created, duplicates, lost updates, HTTP 5xx and throughput, and
//! exits 1 unless duplicates, lost updates, 5xx and unexpected answers are all 0.
//!
//! `cargo run --release -p cognito-emulator --example race -- PORT [CLIENTS]`

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Barrier;
use std::time::Instant;

use cognito_protocol::UserPoolId;
use serde_json::{json, Value};

#[path = "support/http.rs"]
mod http;
#[path = "support/srp.rs"]
mod srp;

/// What the run counts.
#[derive(Default)]
struct Counts {
    created: AtomicUsize,
    refused_as_taken: AtomicUsize,
    lost: AtomicUsize,
    server_errors: AtomicUsize,
    unexpected: AtomicUsize,
    requests: AtomicUsize,
    journeys: AtomicUsize,
}

struct Run {
    port: u16,
    pool: UserPoolId,
    client: String,
    tag: String,
    counts: Counts,
}

impl Run {
    /// Calls `op`, counting requests and 5xx answers.
    fn call(&self, op: &str, body: &Value) -> Result<Value, (u16, String)> {
        self.counts.requests.fetch_add(1, Ordering::Relaxed);
        let answer = http::call_status(self.port, op, body);
        if let Err((status, _)) = &answer {
            if *status >= 500 || *status == 0 {
                self.counts.server_errors.fetch_add(1, Ordering::Relaxed);
            }
        }
        answer
    }

    fn unexpected(&self, what: &str, detail: impl std::fmt::Debug) {
        eprintln!("unexpected: {what}: {detail:?}");
        self.counts.unexpected.fetch_add(1, Ordering::Relaxed);
    }

    fn email(&self, pair: usize) -> String {
        format!("race-{}-{pair}@example.com", self.tag)
    }

    /// The last sign-up code sent to `email`.
    fn code(&self, email: &str) -> Option<String> {
        let outbox = http::get(self.port, "/_emulator/outbox");
        outbox
            .as_array()?
            .iter()
            .rev()
            .find(|m| m["destination"] == email && m["kind"] == "SIGN_UP")
            .and_then(|m| m["code"].as_str())
            .map(str::to_owned)
    }

    /// One client's journey; its pair partner signs up with the same address at the same time.
    fn journey(&self, i: usize, start: &Barrier) {
        let email = self.email(i / 2);
        let password = "Passw0rd!";
        let sign_up = json!({"ClientId": self.client, "Username": email, "Password": password,
            "UserAttributes": [{"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"}]});
        start.wait();
        match self.call("SignUp", &sign_up) {
            Ok(_) => self.counts.created.fetch_add(1, Ordering::Relaxed),
            Err((400, body)) if body.contains("UsernameExistsException") => {
                self.counts.refused_as_taken.fetch_add(1, Ordering::Relaxed);
                return; // the partner won the race: nothing more to do
            }
            Err(e) => return self.unexpected("SignUp", e),
        };
        let Some(code) = self.code(&email) else {
            return self.unexpected("no sign-up code in the outbox", &email);
        };
        let confirm = json!({"ClientId": self.client, "Username": email, "ConfirmationCode": code});
        if let Err(e) = self.call("ConfirmSignUp", &confirm) {
            return self.unexpected("ConfirmSignUp", e);
        }
        let sign_in = |password: &str| {
            self.counts.requests.fetch_add(2, Ordering::Relaxed);
            srp::sign_in(
                self.port,
                &self.pool,
                &self.client,
                &email,
                password,
                &srp::client(),
            )
        };
        let tokens = match sign_in(password) {
            Ok(t) => t,
            Err(e) => return self.unexpected("SRP sign-in", e),
        };
        let access = tokens["AccessToken"].clone();
        // An attribute update and a password change at the same moment: both must stay.
        let name = format!("Racer {i}");
        let new_password = format!("Passw0rd!{i}");
        let (updated, changed) = std::thread::scope(|s| {
            let update = s.spawn(|| {
                self.call(
                    "UpdateUserAttributes",
                    &json!({"AccessToken": access,
                    "UserAttributes": [{"Name": "given_name", "Value": name}]}),
                )
            });
            let change = s.spawn(|| {
                self.call(
                    "ChangePassword",
                    &json!({"AccessToken": access,
                    "PreviousPassword": password, "ProposedPassword": new_password}),
                )
            });
            (update.join(), change.join())
        });
        if !matches!(updated, Ok(Ok(_))) || !matches!(changed, Ok(Ok(_))) {
            return self.unexpected(
                "UpdateUserAttributes and ChangePassword",
                (updated, changed),
            );
        }
        let user = self.call("GetUser", &json!({"AccessToken": access}));
        let kept_name = user.as_ref().is_ok_and(|u| {
            u["UserAttributes"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["Name"] == "given_name" && a["Value"] == name.as_str())
        });
        let kept_password = sign_in(&new_password).is_ok();
        self.counts.lost.fetch_add(
            usize::from(!kept_name) + usize::from(!kept_password),
            Ordering::Relaxed,
        );
        if let Err(e) = self.call("GlobalSignOut", &json!({"AccessToken": access})) {
            return self.unexpected("GlobalSignOut", e);
        }
        match self.call("GetUser", &json!({"AccessToken": access})) {
            Err((400, body)) if body.contains("NotAuthorizedException") => {
                self.counts.journeys.fetch_add(1, Ordering::Relaxed);
            }
            other => self.unexpected("the access token after GlobalSignOut", other),
        }
    }

    /// Accounts per raced address (should be exactly one each).
    fn accounts(&self, pair: usize) -> usize {
        let filter = format!("email = \"{}\"", self.email(pair));
        let listed = self.call(
            "ListUsers",
            &json!({"UserPoolId": self.pool.as_str(), "Filter": filter}),
        );
        listed.map_or(0, |l| l["Users"].as_array().map_or(0, Vec::len))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("usage: race PORT [CLIENTS]"));
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let pools = http::get(port, "/_emulator/pools");
    let entry = &pools["pools"][0];
    let run = Run {
        port,
        pool: UserPoolId::parse(entry["pool"]["id"].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}")),
        client: entry["clients"][0]["client"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        tag: format!(
            "{:x}",
            srp::random32()[0..4]
                .iter()
                .fold(0u32, |a, b| a << 8 | u32::from(*b))
        ),
        counts: Counts::default(),
    };
    let start = Barrier::new(clients);
    let began = Instant::now();
    std::thread::scope(|s| {
        for i in 0..clients {
            let (run, start) = (&run, &start);
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn_scoped(s, move || run.journey(i, start))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    });
    let elapsed = began.elapsed().as_secs_f64();
    let pairs = clients.div_ceil(2);
    let per_address: Vec<usize> = (0..pairs).map(|p| run.accounts(p)).collect();
    let duplicates: usize = per_address.iter().map(|n| n.saturating_sub(1)).sum();
    let missing = per_address.iter().filter(|n| **n == 0).count();
    let c = &run.counts;
    let get = |n: &AtomicUsize| n.load(Ordering::Relaxed);
    println!(
        "{clients} concurrent clients, {pairs} addresses raced in pairs: sign-up, code, SRP sign-in, attribute update racing a password change, sign-out everywhere"
    );
    println!(
        "users created: {} ({} sign-ups refused with UsernameExistsException; {} addresses with no account)",
        get(&c.created),
        get(&c.refused_as_taken),
        missing
    );
    println!("duplicates: {duplicates}");
    println!("lost updates: {}", get(&c.lost));
    println!("HTTP 5xx or no answer: {}", get(&c.server_errors));
    println!("unexpected answers: {}", get(&c.unexpected));
    println!(
        "throughput: {} journeys complete in {elapsed:.1} s, {:.0} requests/s (generator and emulator share the cores)",
        get(&c.journeys),
        get(&c.requests) as f64 / elapsed
    );
    let clean = duplicates == 0
        && missing == 0
        && get(&c.lost) == 0
        && get(&c.server_errors) == 0
        && get(&c.unexpected) == 0
        && get(&c.journeys) == get(&c.created);
    std::process::exit(i32::from(!clean));
}
