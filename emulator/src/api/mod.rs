//! The HTTP surface: Cognito's JSON API on `POST /` (dispatched on `X-Amz-Target`), CORS as
//! the real service answers it, the JWKS and OpenID documents, and the emulator's own
//! `/_emulator/*` pages; who may call what is `guard`'s.

mod admin;
mod auth;
mod describe;
mod device_srp;
mod devices;
pub mod error;
mod groups;
mod guard;
mod identity;
pub use guard::is_iam;
mod local;
mod mfa_settings;
mod password;
mod second_factor;
mod secret;
mod sign_up;
mod software_token;
mod srp_challenge;
mod tokens;
mod user;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use crate::state::AppState;
use error::ApiError;

/// What an action returns: the response body, or Cognito's error.
type Action = Result<Value, ApiError>;

const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// Cognito Identity (identity pools) on the same port: its operations are named
/// `cognito-identity.<Operation>` inside the emulator.
const IDENTITY_PREFIX: &str = "AWSCognitoIdentityService.";

/// The largest request body taken: far above any Cognito request (a SignUp with every
/// attribute at its 2048-character limit is under 150 KB).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The emulator's router; tests drive it without a socket.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", post(dispatch))
        .route("/{pool}/.well-known/jwks.json", get(local::jwks))
        .route(
            "/{pool}/.well-known/openid-configuration",
            get(local::openid_configuration),
        )
        .route("/_emulator/outbox", get(local::outbox))
        .route("/_emulator/credentials", get(local::credentials))
        .route("/_emulator/identity-pools", get(local::identity_pools))
        .route("/_emulator/pools", get(local::pools))
        .route(
            "/_emulator/pools/{pool}/widget-config",
            get(local::widget_config),
        )
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), guard::guard))
        .with_state(state)
}

async fn dispatch(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(body) = body else {
        return ApiError::new(
            "SerializationException",
            format!("The request body is larger than {BODY_LIMIT} bytes, the most cognito-emulator takes."),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)
        .into_response();
    };
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (operation, iam) = match (
        target.strip_prefix(TARGET_PREFIX),
        target.strip_prefix(IDENTITY_PREFIX),
    ) {
        (Some(op), _) => (op.to_owned(), guard::is_iam(op)),
        (_, Some(op)) => (
            format!("cognito-identity.{op}"),
            !identity::PUBLIC.contains(&op),
        ),
        _ => {
            return ApiError::new(
                "UnknownOperationException",
                format!("unknown X-Amz-Target {target:?}"),
            )
            .into_response()
        }
    };
    if iam {
        if let Err(e) = guard::check_iam(&state, &uri, &headers, &body) {
            return e.into_response();
        }
    }
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => {
            return ApiError::new(
                "SerializationException",
                "The request body is not a JSON object.",
            )
            .into_response()
        }
    };
    let logged = Logged {
        operation: operation.clone(),
        pool: pool_named(&state, &body),
    };
    // Actions touch SQLite and do 3072-bit arithmetic: keep them off the async workers.
    let result = tokio::task::spawn_blocking(move || atomic(&state, &operation, &body)).await;
    let mut response = match result {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::new("InternalErrorException", format!("the action failed: {e}"))
            .into_response(),
    };
    response.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    response.extensions_mut().insert(logged);
    response
}

/// What the request log says of a call besides its outcome: the operation and the pool.
#[derive(Clone)]
pub(crate) struct Logged {
    pub(crate) operation: String,
    pub(crate) pool: Option<String>,
}

/// The pool a call names (`UserPoolId`, its `ClientId`'s pool, or its access token's issuer),
/// for the request log.
fn pool_named(state: &AppState, body: &Value) -> Option<String> {
    if let Some(id) = body["UserPoolId"].as_str() {
        return Some(id.to_owned());
    }
    if let Some(client) = body["ClientId"].as_str().and_then(|c| state.clients.get(c)) {
        return Some(client.config.pool_id.clone());
    }
    // Unverified: only to say which pool the line is about.
    let claims = crate::tokens::unverified_claims(body["AccessToken"].as_str()?)?;
    Some(claims.get("iss")?.as_str()?.rsplit('/').next()?.to_owned())
}

/// Operations that never write: they share the gate, and run beside each other.
const READS: &[&str] = &[
    "GetUser",
    "GetGroup",
    "ListGroups",
    "AdminListGroupsForUser",
    "ListUsersInGroup",
    "AdminGetUser",
    "ListUsers",
    "ListUserPools",
    "DescribeUserPool",
    "ListUserPoolClients",
    "DescribeUserPoolClient",
    "GetUserPoolMfaConfig",
    "ListDevices",
    "GetDevice",
    "AdminListDevices",
    "AdminGetDevice",
    "cognito-identity.DescribeIdentityPool",
    "cognito-identity.GetIdentityPoolRoles",
    "cognito-identity.ListIdentityPools",
    "cognito-identity.DescribeIdentity",
    "cognito-identity.ListIdentities",
];

/// Runs an action as one unit: actions that write take the gate exclusively and run in one
/// SQLite transaction, so a concurrent action never sees or overwrites half of their work (two
/// sign-ups with one e-mail, an attribute update racing a password change, a code taken twice);
/// the SRP step of a sign-in (`InitiateAuth` with `USER_SRP_AUTH`) only reads, and shares it.
fn atomic(state: &AppState, operation: &str, body: &Value) -> Action {
    let reads = READS.contains(&operation)
        || (operation == "InitiateAuth" && body["AuthFlow"] == "USER_SRP_AUTH");
    if reads {
        let _shared = state.gate.read().unwrap_or_else(|e| e.into_inner());
        return run(state, operation, body);
    }
    let _exclusive = state.gate.write().unwrap_or_else(|e| e.into_inner());
    state.store.begin()?;
    let result = run(state, operation, body);
    // Cognito's refusals keep what the action wrote (a failed attempt counted, a code used);
    // a store failure undoes everything.
    let keep = !matches!(&result, Err(e) if e.kind == "InternalErrorException");
    state.store.end(keep)?;
    result
}

fn run(state: &AppState, operation: &str, body: &Value) -> Action {
    match operation {
        "SignUp" => sign_up::sign_up(state, body),
        "ConfirmSignUp" => sign_up::confirm_sign_up(state, body),
        "ResendConfirmationCode" => sign_up::resend_confirmation_code(state, body),
        "InitiateAuth" => auth::initiate_auth(state, body),
        "RespondToAuthChallenge" => auth::respond_to_auth_challenge(state, body),
        "ForgotPassword" => password::forgot_password(state, body),
        "ConfirmForgotPassword" => password::confirm_forgot_password(state, body),
        "ChangePassword" => password::change_password(state, body),
        "GetUser" => user::get_user(state, body),
        "UpdateUserAttributes" => user::update_user_attributes(state, body),
        "GetUserAttributeVerificationCode" => {
            user::get_user_attribute_verification_code(state, body)
        }
        "VerifyUserAttribute" => user::verify_user_attribute(state, body),
        "DeleteUser" => user::delete_user(state, body),
        "DeleteUserAttributes" => user::delete_user_attributes(state, body),
        "AdminDeleteUserAttributes" => admin::admin_delete_user_attributes(state, body),
        "GlobalSignOut" => user::global_sign_out(state, body),
        "RevokeToken" => user::revoke_token(state, body),
        "GetTokensFromRefreshToken" => user::get_tokens_from_refresh_token(state, body),
        "AdminCreateUser" => admin::admin_create_user(state, body),
        "AdminSetUserPassword" => admin::admin_set_user_password(state, body),
        "AdminUpdateUserAttributes" => admin::admin_update_user_attributes(state, body),
        "AdminGetUser" => admin::admin_get_user(state, body),
        "AdminConfirmSignUp" => admin::admin_confirm_sign_up(state, body),
        "AdminDeleteUser" => admin::admin_delete_user(state, body),
        "AdminDisableUser" => admin::admin_set_enabled(state, body, false),
        "AdminEnableUser" => admin::admin_set_enabled(state, body, true),
        "AdminResetUserPassword" => admin::admin_reset_user_password(state, body),
        "AdminUserGlobalSignOut" => admin::admin_user_global_sign_out(state, body),
        "CreateGroup" => groups::create_group(state, body),
        "GetGroup" => groups::get_group(state, body),
        "UpdateGroup" => groups::update_group(state, body),
        "DeleteGroup" => groups::delete_group(state, body),
        "ListGroups" => groups::list_groups(state, body),
        "AdminAddUserToGroup" => groups::admin_add_user_to_group(state, body),
        "AdminRemoveUserFromGroup" => groups::admin_remove_user_from_group(state, body),
        "AdminListGroupsForUser" => groups::admin_list_groups_for_user(state, body),
        "ListUsersInGroup" => groups::list_users_in_group(state, body),
        "AdminInitiateAuth" => auth::admin_initiate_auth(state, body),
        "AdminRespondToAuthChallenge" => auth::admin_respond_to_auth_challenge(state, body),
        "ListUsers" => describe::list_users(state, body),
        "ListUserPools" => describe::list_user_pools(state, body),
        "DescribeUserPool" => describe::describe_user_pool(state, body),
        "ListUserPoolClients" => describe::list_user_pool_clients(state, body),
        "DescribeUserPoolClient" => describe::describe_user_pool_client(state, body),
        "AssociateSoftwareToken" => software_token::associate_software_token(state, body),
        "VerifySoftwareToken" => software_token::verify_software_token(state, body),
        "SetUserMFAPreference" => mfa_settings::set_user_mfa_preference(state, body),
        "AdminSetUserMFAPreference" => mfa_settings::admin_set_user_mfa_preference(state, body),
        "GetUserPoolMfaConfig" => mfa_settings::get_user_pool_mfa_config(state, body),
        "ConfirmDevice" => devices::confirm_device(state, body),
        "UpdateDeviceStatus" => devices::update_device_status(state, body),
        "AdminUpdateDeviceStatus" => devices::admin_update_device_status(state, body),
        "ListDevices" => devices::list_devices(state, body),
        "AdminListDevices" => devices::admin_list_devices(state, body),
        "GetDevice" => devices::get_device(state, body),
        "AdminGetDevice" => devices::admin_get_device(state, body),
        "ForgetDevice" => devices::forget_device(state, body),
        "AdminForgetDevice" => devices::admin_forget_device(state, body),
        "cognito-identity.GetId" => identity::get_id(state, body),
        "cognito-identity.GetCredentialsForIdentity" => {
            identity::get_credentials_for_identity(state, body)
        }
        "cognito-identity.GetOpenIdToken" => identity::get_open_id_token(state, body),
        "cognito-identity.UnlinkIdentity" => identity::unlink_identity(state, body),
        "cognito-identity.DescribeIdentityPool" => identity::describe_identity_pool(state, body),
        "cognito-identity.GetIdentityPoolRoles" => identity::get_identity_pool_roles(state, body),
        "cognito-identity.ListIdentityPools" => identity::list_identity_pools(state, body),
        "cognito-identity.DescribeIdentity" => identity::describe_identity(state, body),
        "cognito-identity.ListIdentities" => identity::list_identities(state, body),
        "cognito-identity.DeleteIdentities" => identity::delete_identities(state, body),
        other => Err(ApiError::new(
            "UnsupportedOperationException",
            format!("cognito-emulator does not implement {other} yet"),
        )),
    }
}

/// A required string member, or Cognito's validation error naming it.
fn required_str<'a>(body: &'a Value, member: &str) -> Result<&'a str, ApiError> {
    body[member].as_str().ok_or_else(|| {
        let mut camel = member.to_owned();
        if let Some(first) = camel.get_mut(..1) {
            first.make_ascii_lowercase();
        }
        ApiError::invalid(format!(
            "1 validation error detected: Value at '{camel}' failed to satisfy constraint: Member must not be null"
        ))
    })
}
