//! The server's clock as seen from a device whose clock may be wrong, and when tokens are due.
//!
//! `clockDrift` is amazon-cognito-identity-js's: **seconds, device clock minus server clock**
//! (its `CognitoUserSession` computes it as `now − min(iat)` and judges a token valid while
//! `now − clockDrift < exp`). We store the same number, so a session the widget wrote is judged
//! the same way by identity-js and Amplify, and we read it back to judge tokens ourselves.

/// The drift of a device clock reading `local_now` when the server's reads `server_now`.
pub fn drift(local_now: i64, server_now: i64) -> i64 {
    local_now - server_now
}

/// The server's time now, from the device clock and the stored drift.
pub fn server_now(local_now: i64, drift: i64) -> i64 {
    local_now - drift
}

/// Whether a token expiring at `exp` is still good for `margin` more seconds of server time.
pub fn still_good(exp: i64, server_now: i64, margin: i64) -> bool {
    exp - margin > server_now
}

/// Seconds of server time until a token issued at `iat` and expiring at `exp` should be
/// refreshed: five minutes before it expires, or halfway through its life when it lives under
/// ten minutes (so a five-minute token is not due the moment it arrives); 0 when already due.
pub fn refresh_due_in(iat: Option<i64>, exp: i64, server_now: i64) -> i64 {
    let lifetime = iat.map_or(i64::MAX, |iat| exp - iat);
    let margin = 300.min(lifetime / 2).max(0);
    (exp - margin - server_now).max(0)
}
