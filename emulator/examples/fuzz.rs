//! Fuzzing for `scripts/fuzz-emulator`: an `arbitrary`-driven loop over random bytes from a
//! seeded generator (cargo-fuzz needs nightly; this runs on stable).
//!
//! - `handler N`: N requests through the router (`tower::ServiceExt::oneshot`, no socket):
//!   random operations (every implemented one, and unknown ones) with bodies built from the
//!   members Cognito's operations take, filled with random JSON, real pool and client ids
//!   half the time, signed or not, from this machine's pages or another origin's.
//! - `templates N`: N loads of the seed templates after random mutations (values replaced by
//!   random JSON or by intrinsic functions, keys dropped), and of mutated YAML text.
//!
//! Either fails (exit 1) on any panic or any HTTP 500, printing the input; it prints the
//! number of executions and what the answers were.
//!
//! `cargo run --release -p cognito-emulator --example fuzz -- handler|templates N [SEED]`

use std::collections::BTreeMap;
use std::sync::Arc;

use arbitrary::Unstructured;
use axum::body::Body;
use axum::http::Request;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

/// xorshift64*: the byte source for `Unstructured`, seeded so a failure can be replayed.
struct Bytes(u64);

impl Bytes {
    fn fill(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

const OPERATIONS: &[&str] = &[
    "SignUp",
    "ConfirmSignUp",
    "ResendConfirmationCode",
    "InitiateAuth",
    "RespondToAuthChallenge",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "ChangePassword",
    "GetUser",
    "UpdateUserAttributes",
    "GetUserAttributeVerificationCode",
    "VerifyUserAttribute",
    "DeleteUser",
    "GlobalSignOut",
    "RevokeToken",
    "GetTokensFromRefreshToken",
    "AdminCreateUser",
    "AdminSetUserPassword",
    "AdminUpdateUserAttributes",
    "AdminGetUser",
    "AdminConfirmSignUp",
    "AdminDeleteUser",
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminResetUserPassword",
    "AdminUserGlobalSignOut",
    "AdminInitiateAuth",
    "AdminRespondToAuthChallenge",
    "ListUsers",
    "ListUserPools",
    "DescribeUserPool",
    "ListUserPoolClients",
    "DescribeUserPoolClient",
    "CreateGroup",
    "GetGroup",
    "UpdateGroup",
    "DeleteGroup",
    "ListGroups",
    "AdminAddUserToGroup",
    "AdminRemoveUserFromGroup",
    "AdminListGroupsForUser",
    "ListUsersInGroup",
    "SetUserSettings",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "SetUserMFAPreference",
    "AdminSetUserMFAPreference",
    "GetUserPoolMfaConfig",
    "ConfirmDevice",
    "UpdateDeviceStatus",
    "AdminUpdateDeviceStatus",
    "ListDevices",
    "AdminListDevices",
    "GetDevice",
    "AdminGetDevice",
    "ForgetDevice",
    "AdminForgetDevice",
    "identity:GetId",
    "identity:GetCredentialsForIdentity",
    "identity:GetOpenIdToken",
    "identity:UnlinkIdentity",
    "identity:DescribeIdentityPool",
    "identity:GetIdentityPoolRoles",
    "identity:ListIdentityPools",
    "identity:DescribeIdentity",
    "identity:ListIdentities",
    "identity:DeleteIdentities",
    "NoSuchOperation",
];

const MEMBERS: &[&str] = &[
    "ClientId",
    "UserPoolId",
    "Username",
    "Password",
    "UserAttributes",
    "ConfirmationCode",
    "AuthFlow",
    "AuthParameters",
    "ChallengeName",
    "ChallengeResponses",
    "Session",
    "AccessToken",
    "RefreshToken",
    "Token",
    "PreviousPassword",
    "ProposedPassword",
    "AttributeName",
    "Code",
    "SecretHash",
    "ClientSecret",
    "GroupName",
    "Precedence",
    "RoleArn",
    "Filter",
    "Limit",
    "PaginationToken",
    "NextToken",
    "MessageAction",
    "TemporaryPassword",
    "Permanent",
    "ForceAliasCreation",
    "DesiredDeliveryMediums",
    "Description",
    "UserCode",
    "FriendlyDeviceName",
    "SoftwareTokenMfaSettings",
    "EmailMfaSettings",
    "SMSMfaSettings",
    "DeviceKey",
    "DeviceName",
    "DeviceSecretVerifierConfig",
    "DeviceRememberedStatus",
    "IdentityPoolId",
    "IdentityId",
    "Logins",
    "LoginsToRemove",
    "CustomRoleArn",
    "MaxResults",
    "HideDisabled",
    "IdentityIdsToDelete",
];

const WORDS: &[&str] = &[
    "USER_SRP_AUTH",
    "USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "REFRESH_TOKEN_AUTH",
    "PASSWORD_VERIFIER",
    "NEW_PASSWORD_REQUIRED",
    "MFA_SETUP",
    "SOFTWARE_TOKEN_MFA",
    "SMS_MFA",
    "EMAIL_OTP",
    "SELECT_MFA_TYPE",
    "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
    "DEVICE_KEY",
    "SOFTWARE_TOKEN_MFA_CODE",
    "EMAIL_OTP_CODE",
    "ANSWER",
    "remembered",
    "SRP_A",
    "USERNAME",
    "PASSWORD",
    "email",
    "given_name",
    "family_name",
    "custom:isAdmin",
    "sub",
    "email_verified",
    "phone_number",
    "ada@example.com",
    "+15555550100",
    "Passw0rd!",
    "123456",
    "",
    " ",
    "ä",
    "\u{0}",
    "SUPPRESS",
    "RESEND",
    "email = \"ada@example.com\"",
    "username ^= \"a\"",
    "a.b.c",
    "AAAA",
    "null",
];

/// Random JSON, `depth` levels at most; strings lean on `words` (real ids, names) and `WORDS`.
fn value(u: &mut Unstructured<'_>, depth: u32, words: &[String]) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(u.arbitrary::<i64>()?),
        3 => json!(u
            .arbitrary::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .unwrap_or(0.5)),
        4 => json!(u.arbitrary::<String>()?),
        5 | 6 => json!(u.choose(WORDS)?),
        7 => json!(u.choose(words)?),
        8 if depth > 0 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array(
                (0..n)
                    .map(|_| value(u, depth - 1, words))
                    .collect::<Result<_, _>>()?,
            )
        }
        _ if depth > 0 => {
            let mut m = Map::new();
            for _ in 0..u.int_in_range(0..=4)? {
                let key = if u.ratio(1, 2)? {
                    u.choose(WORDS)?.to_string()
                } else {
                    u.choose(MEMBERS)?.to_string()
                };
                m.insert(key, value(u, depth - 1, words)?);
            }
            Value::Object(m)
        }
        _ => json!("x"),
    })
}

const USERS: &[&str] = &["ada@example.com", "bob@example.com", "carol", "dave"];
const PASSWORDS: &[&str] = &["Passw0rd!long", "Another1!pass", "short"];

/// A request body: mostly the members operations take, with random values; half the time
/// with real pool and client ids, known users, passwords that meet the policies and the
/// attributes the pools require, so that requests get past validation into the actions.
fn body(u: &mut Unstructured<'_>, words: &[String]) -> arbitrary::Result<String> {
    if u.ratio(1, 20)? {
        let raw: String = u.arbitrary()?; // not even JSON
        return Ok(raw);
    }
    let mut m = Map::new();
    if u.ratio(1, 2)? {
        m.insert("ClientId".into(), json!(u.choose(words)?));
        m.insert("UserPoolId".into(), json!(u.choose(words)?));
        m.insert("Username".into(), json!(u.choose(USERS)?));
        for member in [
            "Password",
            "ProposedPassword",
            "PreviousPassword",
            "TemporaryPassword",
        ] {
            if u.ratio(1, 2)? {
                m.insert(member.into(), json!(u.choose(PASSWORDS)?));
            }
        }
        let attributes: Vec<Value> = [
            "given_name",
            "family_name",
            "name",
            "address",
            "email",
            "custom:city",
        ]
        .iter()
        .filter_map(|n| match u.ratio(2, 3) {
            Ok(true) => Some(json!({"Name": n, "Value": u.choose(USERS).ok()?})),
            _ => None,
        })
        .collect();
        m.insert("UserAttributes".into(), Value::from(attributes));
        m.insert("AuthFlow".into(), json!(u.choose(WORDS)?));
        let (user, password) = (u.choose(USERS)?, u.choose(PASSWORDS)?);
        m.insert(
            "AuthParameters".into(),
            json!({"USERNAME": user, "PASSWORD": password}),
        );
    }
    for _ in 0..u.int_in_range(0..=4)? {
        m.insert(u.choose(MEMBERS)?.to_string(), value(u, 3, words)?);
    }
    Ok(Value::Object(m).to_string())
}

fn handler(executions: u64, seed: u64) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("cognito-emulator-fuzz-{seed}"));
    let _ = std::fs::remove_dir_all(&dir);
    let fixture = |name: &str| {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        (
            name.to_owned(),
            std::fs::read_to_string(path).unwrap_or_default(),
        )
    };
    let templates = [
        fixture("seed1-identity-pool-cdk-ts.template.json"),
        fixture("seed2-cdk-py.template.json"),
        fixture("seed003-cdk-library.template.json"),
        fixture("../../../www/mfa-pool.template.json"),
    ];
    let (state, _) = cognito_emulator::build_state(
        &templates,
        &dir,
        "us-east-1",
        "http://127.0.0.1:9229",
        Box::new(|| 1_790_000_000),
    )?;
    let mut words: Vec<String> = state.pools.keys().cloned().collect();
    words.extend(state.clients.keys().cloned());
    words.extend(state.identity_pools.keys().cloned());
    let app = cognito_emulator::app(Arc::new(state));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut bytes = Bytes(seed | 1);
    let mut buffer = vec![0u8; 4096];
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    for n in 0..executions {
        bytes.fill(&mut buffer);
        let mut u = Unstructured::new(&buffer);
        let (op, text, signed, foreign) = (|| -> arbitrary::Result<_> {
            Ok((
                *u.choose(OPERATIONS)?,
                body(&mut u, &words)?,
                u.ratio(3, 4)?,
                u.ratio(1, 10)?,
            ))
        })()
        .unwrap_or(("SignUp", String::new(), false, false));
        let mut request = Request::post("/")
            .header("host", "127.0.0.1:9229")
            .header("content-type", "application/x-amz-json-1.1")
            .header(
                "x-amz-target",
                match op.strip_prefix("identity:") {
                    Some(op) => format!("AWSCognitoIdentityService.{op}"),
                    None => format!("AWSCognitoIdentityProviderService.{op}"),
                },
            );
        if signed {
            request = request
                .header("x-amz-date", "20260101T000000Z")
                .header("authorization", "AWS4-HMAC-SHA256 Credential=FUZZ/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000");
        }
        if foreign {
            request = request.header("origin", "http://evil.example");
        }
        let request = request
            .body(Body::from(text.clone()))
            .map_err(|e| e.to_string())?;
        let app = app.clone();
        // Spawned, so that a panic anywhere in the service is caught and reported.
        let answer = runtime.block_on(async move { tokio::spawn(app.oneshot(request)).await });
        let outcome = match answer {
            Err(e) => return Err(format!("execution {n}: panic in {op}: {e}\nbody: {text}")),
            Ok(Err(e)) => match e {},
            Ok(Ok(response)) if response.status().is_server_error() => {
                let status = response.status();
                let detail = runtime
                    .block_on(axum::body::to_bytes(response.into_body(), 1 << 20))
                    .unwrap_or_default();
                return Err(format!(
                    "execution {n}: HTTP {status} for {op}: {}\nbody: {text}",
                    String::from_utf8_lossy(&detail)
                ));
            }
            Ok(Ok(response)) => response
                .headers()
                .get("x-amzn-errortype")
                .and_then(|v| v.to_str().ok())
                .map_or_else(
                    || "200 ok".to_owned(),
                    |t| t.trim_end_matches(':').to_owned(),
                ),
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    println!("handler: {executions} requests (seed {seed}), 0 panics, 0 HTTP 5xx; answers:");
    let mut sorted: Vec<_> = outcomes.into_iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (outcome, count) in sorted.iter().take(12) {
        println!("  {count:>8}  {outcome}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Replaces a random node of `v` (or drops a key), `u` choosing where and what.
fn mutate(v: &mut Value, u: &mut Unstructured<'_>, words: &[String]) -> arbitrary::Result<()> {
    let children = match v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => 0,
    };
    if children == 0 || u.ratio(1, 4)? {
        *v = match u.int_in_range(0..=6)? {
            0 => json!({"Ref": u.choose(words)?}),
            1 => json!({"Fn::GetAtt": [u.choose(words)?, u.choose(WORDS)?]}),
            2 => json!({"Fn::Sub": format!("x-${{{}}}", u.choose(words)?)}),
            3 => json!({"Fn::If": [u.choose(words)?, value(u, 1, words)?, value(u, 1, words)?]}),
            4 => json!({"Fn::Join": [value(u, 0, words)?, value(u, 1, words)?]}),
            5 => json!({"Fn::Select": [value(u, 0, words)?, value(u, 1, words)?]}),
            _ => value(u, 2, words)?,
        };
        return Ok(());
    }
    let i = u.int_in_range(0..=children - 1)?;
    match v {
        Value::Object(m) => {
            let key = m.keys().nth(i).cloned().unwrap_or_default();
            if u.ratio(1, 8)? {
                m.remove(&key);
            } else if let Some(child) = m.get_mut(&key) {
                mutate(child, u, words)?;
            }
        }
        Value::Array(a) => mutate(&mut a[i], u, words)?,
        _ => {}
    }
    Ok(())
}

fn templates(executions: u64, seed: u64) -> Result<(), String> {
    let fixtures = std::fs::read_dir(format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR")))
        .map_err(|e| e.to_string())?
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect::<Vec<_>>();
    let parsed: Vec<Value> = fixtures
        .iter()
        .filter_map(|t| cognito_emulator::template::parse(t).ok())
        .collect();
    let yaml: Vec<&String> = fixtures
        .iter()
        .filter(|t| !t.trim_start().starts_with('{'))
        .collect();
    let mut words: Vec<String> = parsed
        .iter()
        .flat_map(|t| {
            t["Resources"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
        })
        .collect();
    words.extend(["AWS::Region", "AWS::AccountId", "AWS::NoValue", "Nowhere"].map(String::from));
    let env = cognito_emulator::template::Environment {
        region: "us-east-1".into(),
        account: "000000000000".into(),
        secret_key: b"fuzz".to_vec(),
        parameters: Default::default(),
        taken_clients: Default::default(),
    };
    let mut bytes = Bytes(seed | 1);
    let mut buffer = vec![0u8; 2048];
    let (mut loaded, mut refused) = (0u64, 0u64);
    for n in 0..executions {
        bytes.fill(&mut buffer);
        let mut u = Unstructured::new(&buffer);
        // One in ten: YAML text with bytes changed; else a parsed template with 1-4 mutations.
        let case = (|| -> arbitrary::Result<Result<Value, String>> {
            if !yaml.is_empty() && u.ratio(1, 10)? {
                let mut text = u.choose(&yaml)?.as_bytes().to_vec();
                for _ in 0..u.int_in_range(1..=8)? {
                    let at = u.int_in_range(0..=text.len() - 1)?;
                    text[at] = u.choose(b"{}[]:-!&*|>' \n\"#%@x0")?.to_owned();
                }
                return Ok(Err(String::from_utf8_lossy(&text).into_owned()));
            }
            let mut t = u.choose(&parsed)?.clone();
            for _ in 0..u.int_in_range(1..=4)? {
                mutate(&mut t, &mut u, &words)?;
            }
            Ok(Ok(t))
        })();
        let Ok(case) = case else { continue };
        let env = &env;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &case {
            Ok(t) => cognito_emulator::template::load(t, env, "Fuzz").is_ok(),
            Err(text) => cognito_emulator::template::parse(text)
                .and_then(|t| cognito_emulator::template::load(&t, env, "Fuzz"))
                .is_ok(),
        }));
        match outcome {
            Ok(true) => loaded += 1,
            Ok(false) => refused += 1,
            Err(_) => {
                let shown = match &case {
                    Ok(t) => t.to_string(),
                    Err(text) => text.clone(),
                };
                return Err(format!("execution {n}: the loader panicked on:\n{shown}"));
            }
        }
    }
    println!(
        "templates: {executions} mutated loads (seed {seed}), 0 panics: {loaded} loaded, {refused} refused with a message"
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let executions = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x5eed_cafe);
    // Panics are caught and reported with their input; the default hook's text is noise then.
    std::panic::set_hook(Box::new(|_| {}));
    let result = match args.first().map(String::as_str) {
        Some("handler") => handler(executions, seed),
        Some("templates") => templates(executions, seed),
        _ => Err("usage: fuzz handler|templates [EXECUTIONS] [SEED]".into()),
    };
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
