//! Every failure classified once (DESIGN §13): terminal for a session, transient, or refused.

use cognito_protocol::wire::ErrorKind;

use crate::error::AuthError;

/// What a failure means for a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The session cannot go on: the refresh token was refused (revoked, expired), or the user
    /// is gone or disabled. Storage is cleared and the host is told why.
    Terminal,
    /// Worth trying again later: no network, a timeout, an HTTP 5xx, throttling, or an answer
    /// that is not Cognito's (a proxy's error page). Never signs anyone out, never clears storage.
    Transient,
    /// Refused for a reason a retry will not change (a wrong code, a bad parameter, a broken
    /// configuration): shown to the user. A session is kept.
    Refused,
}

/// The class of `error`. Which effect failed is the flow's business: a `NotAuthorized` is
/// terminal only where a session's token was refused (a refresh), a wrong password elsewhere.
pub fn classify(error: &AuthError) -> Class {
    match error {
        AuthError::Network(_) | AuthError::Timeout => Class::Transient,
        AuthError::Srp(_) | AuthError::Storage(_) | AuthError::Config(_) => Class::Refused,
        AuthError::Cognito(e) => match &e.kind {
            ErrorKind::NotAuthorized | ErrorKind::UserNotFound | ErrorKind::RefreshTokenReuse => {
                Class::Terminal
            }
            ErrorKind::InternalError
            | ErrorKind::TooManyRequests
            | ErrorKind::LimitExceeded
            | ErrorKind::MalformedResponse => Class::Transient,
            // Generic AWS names a front end may answer with when overloaded or slow
            // (ThrottlingException, ServiceUnavailable, InternalFailure, RequestTimeout…).
            ErrorKind::Other(name)
                if ["Throttl", "Unavailable", "Internal", "Timeout"]
                    .iter()
                    .any(|part| name.contains(part)) =>
            {
                Class::Transient
            }
            _ => Class::Refused,
        },
    }
}

/// Why a session ended, as the host hears it (`signed-out` event's `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// The user signed out here.
    User,
    /// The user signed out of every device.
    Everywhere,
    /// The refresh token expired.
    Expired,
    /// Cognito refused the refresh token or the user (revoked, signed out elsewhere, disabled,
    /// deleted).
    Revoked,
    /// Another tab sharing the storage signed out.
    OtherTab,
    /// The user deleted their account.
    Deleted,
}

impl SignOutReason {
    /// The reason's name in host events.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Everywhere => "everywhere",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::OtherTab => "other-tab",
            Self::Deleted => "deleted",
        }
    }
}

/// Why a terminal failure ended the session: Cognito says "Refresh Token has expired" for an
/// expired one; everything else terminal (revoked, disabled, deleted) is `Revoked`.
pub fn end_reason(error: &AuthError) -> SignOutReason {
    match error {
        AuthError::Cognito(e) if e.message.contains("expired") => SignOutReason::Expired,
        _ => SignOutReason::Revoked,
    }
}
