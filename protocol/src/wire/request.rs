//! One request as it goes on the wire: the `X-Amz-Target` header and the JSON body.

use core::fmt;

use crate::json::Value;

use super::redact::redacted;

/// The service half of every `X-Amz-Target`.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService";

/// `"AWSCognitoIdentityProviderService.<op>"` as a `&'static str`.
macro_rules! target {
    ($op:literal) => {
        concat!("AWSCognitoIdentityProviderService.", $op)
    };
}
pub(crate) use target;

/// A request ready for any transport. Its `Debug` hides passwords, tokens and secret hashes.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// `X-Amz-Target`, e.g. `AWSCognitoIdentityProviderService.SignUp`.
    pub target: &'static str,
    /// The JSON body; absent optional members are left out, never `null`.
    pub body: Value,
}

impl Request {
    /// The operation: the part of the target after the dot, e.g. `SignUp`.
    pub fn op(&self) -> &str {
        self.target
            .split_once('.')
            .map_or(self.target, |(_, op)| op)
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("target", &self.target)
            .field("body", &format_args!("{}", redacted(&self.body)))
            .finish()
    }
}
