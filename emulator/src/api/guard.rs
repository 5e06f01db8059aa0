//! Who may talk to the emulator (DESIGN: a dev server beside a browser must not be a door):
//!
//! - Every request must be addressed to this machine: a `Host` that is not a loopback name or
//!   address with our port is refused, so a DNS-rebinding page cannot reach us.
//! - `/_emulator/*` (the outbox holds every code and temporary password) answers only callers
//!   outside a browser (no `Origin`) and pages of this machine (a loopback `Origin`).
//! - Cognito's public and token operations keep Cognito's `Access-Control-Allow-Origin: *`.
//! - IAM-class operations need a SigV4 `Authorization` header, as Cognito does (checked for
//!   real with `--credentials`), and are never served to a web page (one of this machine's only
//!   with `--admin-from-local-pages`, for tests that run in a browser).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use crate::sigv4::{Refusal, Signed};
use crate::state::AppState;

pub(super) const EXPOSED: &str = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

/// Operations anyone may call unsigned, from any page ([DG `user-pools-API-operations.md`]:
/// "unauthenticated" and "token-authenticated" user operations; every other operation is
/// IAM-authenticated).
const PUBLIC: &[&str] = &[
    "SignUp",
    "ConfirmSignUp",
    "ResendConfirmationCode",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "InitiateAuth",
    "RespondToAuthChallenge",
    "RevokeToken",
    "GetTokensFromRefreshToken",
    "GetUser",
    "UpdateUserAttributes",
    "DeleteUserAttributes",
    "VerifyUserAttribute",
    "GetUserAttributeVerificationCode",
    "ChangePassword",
    "DeleteUser",
    "GlobalSignOut",
    "SetUserMFAPreference",
    "SetUserSettings",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "ConfirmDevice",
    "ForgetDevice",
    "GetDevice",
    "ListDevices",
    "UpdateDeviceStatus",
];

/// Whether `operation` is IAM-authenticated (needs SigV4).
pub fn is_iam(operation: &str) -> bool {
    !PUBLIC.contains(&operation)
}

/// Whether `name` (a host without its port) is this machine.
fn loopback_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `host[:port]` split, IPv6 literals kept in brackets.
fn split_host(authority: &str) -> (&str, Option<&str>) {
    match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    }
}

/// Whether a `Host` header names this machine and our port (the port of `base_url`).
fn host_allowed(host: &str, base_url: &str) -> bool {
    let (name, port) = split_host(host);
    let ours = base_url
        .rsplit_once(':')
        .and_then(|(_, p)| p.trim_end_matches('/').parse::<u16>().ok());
    let port = port.map_or(Some(80), |p| p.parse::<u16>().ok());
    loopback_name(name) && (ours.is_none() || port == ours)
}

/// Whether `origin` (`scheme://host[:port]`) is a page of this machine.
pub(super) fn loopback_origin(origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false; // "null": a file, a sandboxed frame
    };
    matches!(scheme, "http" | "https") && loopback_name(split_host(authority).0)
}

fn refused(message: String) -> Response {
    tracing::warn!(target: "cognito_emulator::request", outcome = "AccessDeniedException", "{message}");
    ApiError::new("AccessDeniedException", message)
        .with_status(StatusCode::FORBIDDEN)
        .into_response()
}

/// The middleware: checks `Host` and, for `/_emulator/*`, `Origin`; answers preflights; adds
/// the headers every Cognito response carries.
pub(super) async fn guard(
    State(state): State<std::sync::Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    // Owned, so that nothing borrowed from the request lives across the await below.
    let (host, origin, requested) = {
        let headers = request.headers();
        let header = |name: &str| -> Option<String> {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        (
            header("host").or_else(|| request.uri().authority().map(|a| a.to_string())),
            header("origin"),
            headers.get("access-control-request-headers").cloned(),
        )
    };
    // HTTP/1.1 clients always send Host; a request built in a test may not.
    if let Some(host) = host {
        if !host_allowed(&host, &state.base_url) {
            return refused(format!(
                "cognito-emulator answers only requests addressed to this machine ({}), not to Host {host:?}.",
                state.base_url
            ));
        }
    }
    let own_page = origin.as_deref().is_some_and(loopback_origin);
    if request.uri().path().starts_with("/_emulator/") && origin.is_some() && !own_page {
        return refused(format!(
            "/_emulator/ pages are served to this machine's own pages only, not to Origin {:?}.",
            origin.unwrap_or_default()
        ));
    }
    // Cognito's answer to any page: `*`; this machine's own pages get their origin back.
    let allow = match &origin {
        Some(o) if own_page => HeaderValue::from_str(o).unwrap_or(HeaderValue::from_static("*")),
        _ if request.uri().path().starts_with("/_emulator/") => HeaderValue::from_static("null"),
        _ => HeaderValue::from_static("*"),
    };
    let started = std::time::Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let mut response = if request.method() == Method::OPTIONS {
        let mut response = StatusCode::OK.into_response();
        let h = response.headers_mut();
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("POST, GET"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("172800"));
        if let Some(v) = requested {
            h.insert("access-control-allow-headers", v);
        }
        response
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.insert("access-control-allow-origin", allow);
    h.insert("vary", HeaderValue::from_static("Origin"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSED),
    );
    let request_id = crate::random::uuid();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        h.insert("x-amzn-requestid", v);
    }
    log(&request_id, &method, &path, &response, started);
    response
}

/// One line per request: what was asked, of which pool, how it ended, how long it took. Never
/// a body: no password, code or token reaches the log (codes go to the outbox).
fn log(
    request_id: &str,
    method: &Method,
    path: &str,
    response: &Response,
    started: std::time::Instant,
) {
    let logged = response.extensions().get::<super::Logged>();
    let outcome = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map_or("ok", |t| t.trim_end_matches(':'));
    tracing::info!(
        target: "cognito_emulator::request",
        request_id,
        method = %method,
        path,
        operation = logged.map_or("-", |l| l.operation.as_str()),
        pool = logged.and_then(|l| l.pool.as_deref()).unwrap_or("-"),
        status = response.status().as_u16(),
        outcome,
        ms = started.elapsed().as_millis() as u64,
    );
}

/// An IAM-class call: refused from another origin's page, and unless signed (by the
/// emulator's credentials, when it has some) with the error Cognito gives.
pub(super) fn check_iam(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), ApiError> {
    // A web page is never an administrator: any Origin is refused, unless the emulator was
    // started with --admin-from-local-pages and the page is one of this machine's (the wasm
    // tests' page arranges its users so).
    if let Some(origin) = headers.get("origin").and_then(|v| v.to_str().ok()) {
        if !(state.admin_from_local_pages && loopback_origin(origin)) {
            return Err(ApiError::new(
                "AccessDeniedException",
                format!("cognito-emulator does not serve administrative operations to web pages ({origin}); call them from the aws CLI or an SDK."),
            )
            .with_status(StatusCode::FORBIDDEN));
        }
    }
    let signed = Signed {
        method: "POST",
        path: uri.path(),
        query: uri.query().unwrap_or_default(),
        headers: headers
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body,
    };
    let credentials = state
        .credentials
        .as_ref()
        .map(|(k, s)| (k.as_str(), s.as_str()));
    signed.check(credentials).map_err(|refusal| match refusal {
        // [mfa-devices §7]: observed by name for an unsigned ListUsers (aws-sdk-cpp#1622).
        Refusal::Missing => ApiError::new("MissingAuthenticationTokenException", "Missing Authentication Token"),
        Refusal::Malformed => ApiError::new(
            "IncompleteSignatureException",
            "The Authorization header is not a valid AWS Signature Version 4 header.",
        ),
        Refusal::UnknownKey => ApiError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        Refusal::BadSignature => ApiError::new(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_origins_of_this_machine() {
        let base = "http://127.0.0.1:9229";
        for host in [
            "127.0.0.1:9229",
            "localhost:9229",
            "[::1]:9229",
            "app.localhost:9229",
            "127.0.0.2:9229",
        ] {
            assert!(host_allowed(host, base), "{host}");
        }
        for host in [
            "evil.example:9229",
            "evil.example",
            "127.0.0.1:8080",
            "127.0.0.1",
            "localhost.evil.example:9229",
            "[::2]:9229",
        ] {
            assert!(!host_allowed(host, base), "{host}");
        }
        for origin in [
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "https://[::1]:1",
            "http://localhost",
        ] {
            assert!(loopback_origin(origin), "{origin}");
        }
        for origin in [
            "http://evil.example",
            "null",
            "http://127.0.0.1.evil.example",
            "file://",
        ] {
            assert!(!loopback_origin(origin), "{origin}");
        }
    }

    #[test]
    fn user_operations_are_public_and_the_rest_need_iam() {
        for op in [
            "SignUp",
            "InitiateAuth",
            "UpdateUserAttributes",
            "DeleteUser",
            "ListDevices",
        ] {
            assert!(!is_iam(op), "{op}");
        }
        for op in [
            "AdminCreateUser",
            "ListUsers",
            "DescribeUserPool",
            "CreateGroup",
            "DeleteUserPool",
            "AdminDisableUser",
        ] {
            assert!(is_iam(op), "{op}");
        }
    }
}
