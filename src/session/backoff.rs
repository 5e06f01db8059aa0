//! Retry waits: exponential with full jitter, at least [`FIRST_RETRY_MS`], at most
//! [`MAX_WAIT_MS`]. The randomness is an argument, so a schedule is exact in tests.

/// No retry comes sooner than this after a failure.
pub const FIRST_RETRY_MS: u32 = 2_000;
/// No wait is longer than this.
pub const MAX_WAIT_MS: u32 = 300_000;

/// Milliseconds to wait before retry `attempt` (0 for the first retry after a failure):
/// uniform between [`FIRST_RETRY_MS`] and the attempt's ceiling
/// `min(MAX_WAIT_MS, FIRST_RETRY_MS · 2^attempt)`, placed by `random` in `[0, 1)`.
pub fn backoff_ms(attempt: u32, random: f64) -> u32 {
    // 2 s · 2^8 is past the cap already: the shift never overflows.
    let ceiling = (FIRST_RETRY_MS << attempt.min(8)).min(MAX_WAIT_MS);
    let spread = f64::from(ceiling - FIRST_RETRY_MS);
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    FIRST_RETRY_MS + (spread * random) as u32
}
