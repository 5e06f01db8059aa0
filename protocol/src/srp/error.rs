//! Why an SRP exchange was refused.

/// An SRP value or step that must be rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SrpError {
    /// A value that should be hex is not.
    #[error("{0} is not a hexadecimal number")]
    InvalidHex(&'static str),
    /// The server's B is 0 mod N, which would make the session key predictable.
    #[error("SRP_B is zero modulo N")]
    IllegalB,
    /// The server's B has more bits than the group's arithmetic takes (N has 3072; a real B is
    /// below N).
    #[error("SRP_B is longer than the group's modulus")]
    OversizedB,
    /// A value of the server's arithmetic is wider than its limbs (never, for values below N).
    #[error("SRP_A is longer than the group's arithmetic takes")]
    OversizedA,
    /// The client's A is 0 mod N, which would make the session key predictable.
    #[error("SRP_A is zero modulo N")]
    IllegalA,
    /// u = H(A ‖ B) is zero.
    #[error("the SRP scrambling parameter u is zero")]
    ZeroU,
    /// SECRET_BLOCK is not standard base64.
    #[error("SECRET_BLOCK is not valid base64")]
    InvalidSecretBlock,
    /// PASSWORD_CLAIM_SIGNATURE is not standard base64.
    #[error("PASSWORD_CLAIM_SIGNATURE is not valid base64")]
    InvalidSignatureEncoding,
    /// TIMESTAMP is not `EEE MMM d HH:mm:ss UTC yyyy` in English.
    #[error("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.")]
    TimestampFormat,
    /// TIMESTAMP parses but is not in canonical form (padded day, wrong weekday).
    #[error("TIMESTAMP is not in canonical form")]
    TimestampNotCanonical,
    /// The private exponent is zero, shorter than [`MIN_SECRET_BYTES`](super::MIN_SECRET_BYTES)
    /// or longer than [`MAX_SECRET_BYTES`](super::MAX_SECRET_BYTES).
    #[error("the private SRP exponent must be non-zero and 32 to 256 bytes")]
    InvalidSecret,
    /// The password claim does not verify.
    #[error("incorrect username or password")]
    BadSignature,
}
