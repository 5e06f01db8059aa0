//! The JSON wire of the user-pool API, sans-io: [`Call`] builds a [`Request`] (`X-Amz-Target`
//! plus body), and [`parse`] turns the `(status, body)` that came back into a typed answer or a
//! [`CognitoError`]. The transport is the caller's.
//!
//! | [`Call`] | `X-Amz-Target` operation | success body ([`parse`] into) |
//! |---|---|---|
//! | `SignUp` | SignUp | [`SignUpResponse`] |
//! | `ConfirmSignUp` | ConfirmSignUp | `()` |
//! | `ResendConfirmationCode` | ResendConfirmationCode | `Option<`[`CodeDelivery`]`>` |
//! | `InitiateSrp` | InitiateAuth `USER_SRP_AUTH` | [`AuthResponse`] (`PASSWORD_VERIFIER`) |
//! | `InitiatePassword` | InitiateAuth `USER_PASSWORD_AUTH` | [`AuthResponse`] |
//! | `InitiateRefresh` | InitiateAuth `REFRESH_TOKEN_AUTH` | [`AuthResponse`] (no refresh token) |
//! | `RespondPasswordVerifier` | RespondToAuthChallenge `PASSWORD_VERIFIER` | [`AuthResponse`] |
//! | `RespondNewPassword` | RespondToAuthChallenge `NEW_PASSWORD_REQUIRED` | [`AuthResponse`] |
//! | `ForgotPassword` | ForgotPassword | `Option<`[`CodeDelivery`]`>` |
//! | `ConfirmForgotPassword` | ConfirmForgotPassword | `()` |
//! | `GetUser` | GetUser | [`GetUserResponse`] |
//! | `UpdateUserAttributes` | UpdateUserAttributes | [`CodeDeliveryList`] |
//! | `GetUserAttributeVerificationCode` | GetUserAttributeVerificationCode | `Option<`[`CodeDelivery`]`>` |
//! | `VerifyUserAttribute` | VerifyUserAttribute | `()` |
//! | `GlobalSignOut` | GlobalSignOut | `()` |
//! | `RevokeToken` | RevokeToken | `()` |
//!
//! Every request is `POST /` with [`CONTENT_TYPE`] and `X-Amz-Target: `[`Request::target`].

mod body;
mod call;
mod challenge;
mod error;
pub mod identity;
mod redact;
mod request;
mod response;

pub use call::{Call, TokenOrSession};
pub use challenge::{
    password_verifier, required_attributes, user_attributes, NEW_PASSWORD_REQUIRED,
    PASSWORD_VERIFIER,
};
pub use error::{parse_response, CognitoError, ErrorKind};
pub use request::{Request, TARGET_PREFIX};
pub use response::{
    parse, AuthResponse, AuthTokens, CodeDelivery, CodeDeliveryList, ConfirmDeviceResponse,
    DeviceInfo, DeviceList, FromBody, GetUserResponse, SignUpResponse, SoftwareTokenResponse,
};

/// The `Content-Type` every request carries; Cognito refuses to dispatch plain JSON.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
