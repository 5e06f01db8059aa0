//! `cognito-emulator`: a local Amazon Cognito user pool built from your own CloudFormation
//! template, with real SRP, confirmation codes and signed tokens.
//!
//! | part | does |
//! |---|---|
//! | [`template`] | reads `cdk synth` JSON or SAM/CloudFormation YAML into pools and clients |
//! | [`api`] | Cognito's JSON API on `POST /`, CORS, JWKS, `/_emulator/*` |
//! | [`store`] | users, codes, refresh tokens and the outbox in SQLite |
//! | [`tokens`] | RS256 signing keys kept in the data dir |
//!
//! | client sends (`X-Amz-Target`) | emulator answers |
//! |---|---|
//! | `SignUp` | user UNCONFIRMED, code to the outbox |
//! | `ConfirmSignUp` | CONFIRMED, attribute verified |
//! | `InitiateAuth` `USER_SRP_AUTH` | `PASSWORD_VERIFIER` with SALT, SRP_B, SECRET_BLOCK |
//! | `RespondToAuthChallenge` | signature verified → ID, access and refresh tokens |

pub mod api;
mod messages;
mod passwords;
pub mod random;
pub mod sigv4;
pub mod state;
pub mod store;
pub mod template;
pub mod tokens;
mod users;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Mutex, RwLock};

pub use api::app;
use state::AppState;
use store::Store;
use template::{load, parse, Environment};
use tokens::Keys;

/// Loads `templates` (name, text) into a ready state backed by `data_dir`, with the warnings
/// about properties not modelled. `base_url` is `http://127.0.0.1:<port>`.
pub fn build_state(
    templates: &[(String, String)],
    data_dir: &Path,
    region: &str,
    base_url: &str,
    clock: Box<dyn Fn() -> i64 + Send + Sync>,
) -> Result<(AppState, Vec<String>), String> {
    build_state_with(
        templates,
        data_dir,
        region,
        base_url,
        clock,
        &Options::default(),
    )
}

/// What the command line may change besides the templates.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--parameter`: overrides the templates' Parameters of those names (each must be
    /// declared by at least one template).
    pub parameters: BTreeMap<String, String>,
    /// `--account-id`: `AWS::AccountId`, and the account of IAM role ARNs.
    pub account: String,
}

/// The account id when none is given (`AWS::AccountId`).
pub const DEFAULT_ACCOUNT: &str = "000000000000";

impl Default for Options {
    fn default() -> Self {
        Self {
            parameters: BTreeMap::new(),
            account: DEFAULT_ACCOUNT.to_owned(),
        }
    }
}

/// [`build_state`], with [`Options`].
pub fn build_state_with(
    templates: &[(String, String)],
    data_dir: &Path,
    region: &str,
    base_url: &str,
    clock: Box<dyn Fn() -> i64 + Send + Sync>,
    options: &Options,
) -> Result<(AppState, Vec<String>), String> {
    let parameters = &options.parameters;
    std::fs::create_dir_all(data_dir)
        .map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
    let store = Store::open(data_dir).map_err(|e| e.to_string())?;
    let secret_key = store
        .meta_or_insert("client-secret-key", || random::bytes(32))
        .map_err(|e| e.to_string())?;
    let keys = Keys::load(&store).map_err(|e| e.to_string())?;
    let mut env = Environment {
        region: region.to_owned(),
        account: options.account.clone(),
        secret_key,
        parameters: parameters.clone(),
        taken_clients: Default::default(),
    };
    let mut declared = std::collections::BTreeSet::new();
    let mut pools = BTreeMap::new();
    let mut clients = BTreeMap::new();
    let mut identity_pools = BTreeMap::new();
    let mut warnings = Vec::new();
    for (name, text) in templates {
        let stack = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("stack");
        let stack = stack.split('.').next().unwrap_or(stack);
        let template = parse(text).map_err(|e| format!("{name}: {e}"))?;
        declared.extend(
            template["Parameters"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone()),
        );
        let loaded = load(&template, &env, stack).map_err(|e| format!("{name}: {e}"))?;
        for pool in loaded.pools {
            if pools.insert(pool.id.clone(), pool).is_some() {
                return Err(format!(
                    "{name}: a pool with the same logical id is in another template"
                ));
            }
        }
        for client in loaded.clients {
            env.taken_clients.insert(client.config.id.clone());
            clients.insert(client.config.id.clone(), client);
        }
        for pool in loaded.identity_pools {
            if identity_pools.insert(pool.id.clone(), pool).is_some() {
                return Err(format!(
                    "{name}: an identity pool with the same logical id is in another template"
                ));
            }
        }
        for group in &loaded.groups {
            store
                .put_template_group(group, clock())
                .map_err(|e| e.to_string())?;
        }
        for (pool, group, username) in &loaded.memberships {
            store
                .add_member(pool, group, username)
                .map_err(|e| e.to_string())?;
        }
        warnings.extend(loaded.warnings.into_iter().map(|w| format!("{name}: {w}")));
    }
    for pool in pools.values() {
        let names = |list: &[cognito_protocol::pool::SignInAttribute]| {
            list.iter().map(|a| a.name().to_owned()).collect::<Vec<_>>()
        };
        let rules = (
            names(&pool.username_attributes),
            names(&pool.alias_attributes),
        );
        let clashes = store
            .set_sign_in_rules(&pool.id, rules)
            .map_err(|e| e.to_string())?;
        for clash in clashes {
            warnings.push(format!(
                "pool {}: user {clash} shares a sign-in name with an older user, who keeps it",
                pool.id
            ));
        }
    }
    if let Some(unknown) = parameters.keys().find(|k| !declared.contains(*k)) {
        return Err(format!(
            "--parameter {unknown}: no template declares a parameter of that name"
        ));
    }
    let state = AppState {
        pools,
        clients,
        identity_pools,
        store,
        keys,
        base_url: base_url.to_owned(),
        account: options.account.clone(),
        sessions: Mutex::new(HashMap::new()),
        clock,
        credentials: None,
        admin_from_local_pages: false,
        gate: RwLock::new(()),
    };
    Ok((state, warnings))
}
