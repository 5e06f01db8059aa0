//! AWS credentials from an identity pool, by Cognito Identity's enhanced flow (as Amplify's
//! `fetchAuthSession` gets them): `GetId` once for each user, then
//! `GetCredentialsForIdentity` with the user's ID token, or with none for a guest. A guest's
//! identity is kept in storage under Amplify's key, so that a guest who signs in brings it
//! along (Cognito merges it into the user's identity, or upgrades it when the user has none).
//! Nothing here stores credentials: they live in memory only (`ui/credentials.rs`).

use cognito_protocol::json::{self, Value};
use cognito_protocol::wire::identity::{
    provider_name, AwsCredentials, IdentityCall, IdentityId, Login,
};
use cognito_protocol::wire::{self, ErrorKind, FromBody};
use cognito_protocol::IdToken;

use super::storage::Storage;
use super::transport::{fetch_failure, Cancel, Transport};
use crate::config::{Config, IdentityPool};
use crate::error::AuthError;

async fn call<T: FromBody>(transport: &Transport, call: &IdentityCall) -> Result<T, AuthError> {
    let answer = transport.send(&call.request()).await?;
    wire::parse::<T>(answer.status, &answer.body).map_err(AuthError::Cognito)
}

/// An identity the pool does not know (any more), or will not let these logins use (a guest
/// merged into another user): a new one is asked for.
fn stale(error: &AuthError) -> bool {
    matches!(error, AuthError::Cognito(e)
        if matches!(e.kind, ErrorKind::ResourceNotFound | ErrorKind::NotAuthorized))
}

/// Credentials for the user `id_token` belongs to, or for a guest when there is none (the
/// caller checks that the pool allows guests). `known`: the identity this user was given
/// before, if any; the identity the credentials are for comes back with them, and how far the
/// device clock is ahead of Cognito Identity's (seconds, by the answer's `Date`, when the
/// browser may read it), since `Expiration` is by Cognito's clock.
pub(crate) async fn credentials(
    config: &Config,
    pool: &IdentityPool,
    storage: &Storage,
    id_token: Option<IdToken>,
    known: Option<String>,
) -> Result<(AwsCredentials, Option<i64>), AuthError> {
    let transport = Transport::new(pool.endpoint.clone(), config.timeout_ms, Cancel::default());
    let login = id_token.map(|id_token| Login {
        provider: provider_name(config.pool.as_str()),
        id_token,
    });
    let guest = storage.guest_identity(&pool.id);
    // A user: the identity they were given, else this browser's guest identity (merged or
    // upgraded by Cognito), else GetId. A guest: the kept identity, else GetId.
    let held = match &login {
        Some(_) => known.or_else(|| guest.clone()),
        None => guest.clone(),
    };
    let ask = |identity_id: String| IdentityCall::GetCredentialsForIdentity {
        identity_id,
        login: login.clone(),
    };
    let mut got = None;
    if let Some(id) = held {
        match call::<AwsCredentials>(&transport, &ask(id)).await {
            Err(e) if stale(&e) => {}
            answer => got = Some(answer?),
        }
    }
    let got = match got {
        Some(got) => got,
        None => {
            let get_id = IdentityCall::GetId {
                identity_pool_id: pool.id.clone(),
                login: login.clone(),
            };
            let IdentityId(id) = call(&transport, &get_id).await?;
            if login.is_none() {
                storage.set_guest_identity(&pool.id, Some(&id))?;
            }
            call(&transport, &ask(id)).await?
        }
    };
    // Only guests' identities are kept: the user's is theirs now.
    if login.is_some() && guest.is_some() {
        storage.set_guest_identity(&pool.id, None)?;
    }
    Ok((got, transport.drift()))
}

/// The role cognito-emulator issued `access_key_id` for (its `/_emulator/credentials`, which
/// it serves to this machine's pages only). Real Cognito Identity does not say which role
/// credentials are for, so against AWS this is `None` without asking.
pub(crate) async fn issued_role(pool: &IdentityPool, access_key_id: &str) -> Option<String> {
    if pool.endpoint.contains(".amazonaws.com") {
        return None;
    }
    let url = format!(
        "{}_emulator/credentials?access_key_id={access_key_id}",
        pool.endpoint
    );
    let body = async {
        let response = gloo_net::http::Request::get(&url).send().await?;
        response.text().await
    };
    let body = body.await.map_err(fetch_failure).ok()?;
    let listed: Value = json::parse(&body).ok()?;
    listed["credentials"]
        .as_array()?
        .iter()
        .find(|c| c["access_key_id"].as_str() == Some(access_key_id))
        .and_then(|c| c["role_arn"].as_str())
        .map(str::to_owned)
}
