//! Error answers: both `__type` forms, `message`/`Message`, unknown names kept, non-JSON bodies.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use cognito_protocol::json::Value;
use cognito_protocol::wire::{parse, parse_response, AuthResponse};
use cognito_protocol::{CognitoError, ErrorKind};

#[test]
fn success_gives_the_json() {
    assert_eq!(
        parse_response(200, r#"{"UserSub":"x"}"#).unwrap(),
        Value::object([("UserSub", "x".into())])
    );
    assert_eq!(parse_response(204, "").unwrap(), Value::object([]));
}

#[test]
fn short_type_with_lower_case_message() {
    let body = r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#;
    assert_eq!(
        parse_response(400, body).unwrap_err(),
        CognitoError {
            kind: ErrorKind::NotAuthorized,
            name: "NotAuthorizedException".to_owned(),
            message: "Incorrect username or password.".to_owned(),
        }
    );
}

#[test]
fn qualified_type_with_capitalised_message() {
    let body = r#"{"__type":"com.amazonaws.cognito.identity.idp.model#UserNotFoundException","Message":"User does not exist."}"#;
    let err = parse_response(404, body).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UserNotFound);
    assert_eq!(err.name, "UserNotFoundException");
    assert_eq!(err.message, "User does not exist.");
    assert_eq!(
        err.to_string(),
        "UserNotFoundException: User does not exist."
    );
}

#[test]
fn typed_parse_passes_errors_through() {
    let body = r#"{"__type":"UserNotConfirmedException","message":"User is not confirmed."}"#;
    let err = parse::<AuthResponse>(400, body).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UserNotConfirmed);
    assert_eq!(err.message, "User is not confirmed.");
}

#[test]
fn every_widget_error_name_maps_to_its_kind() {
    let table = [
        ("UserNotFoundException", ErrorKind::UserNotFound),
        ("UsernameExistsException", ErrorKind::UsernameExists),
        ("InvalidPasswordException", ErrorKind::InvalidPassword),
        ("InvalidParameterException", ErrorKind::InvalidParameter),
        ("CodeMismatchException", ErrorKind::CodeMismatch),
        ("ExpiredCodeException", ErrorKind::ExpiredCode),
        ("LimitExceededException", ErrorKind::LimitExceeded),
        ("TooManyRequestsException", ErrorKind::TooManyRequests),
        (
            "TooManyFailedAttemptsException",
            ErrorKind::TooManyFailedAttempts,
        ),
        (
            "PasswordResetRequiredException",
            ErrorKind::PasswordResetRequired,
        ),
        ("AliasExistsException", ErrorKind::AliasExists),
        (
            "CodeDeliveryFailureException",
            ErrorKind::CodeDeliveryFailure,
        ),
        ("ResourceNotFoundException", ErrorKind::ResourceNotFound),
        ("RefreshTokenReuseException", ErrorKind::RefreshTokenReuse),
        (
            "InvalidLambdaResponseException",
            ErrorKind::InvalidLambdaResponse,
        ),
        (
            "UserLambdaValidationException",
            ErrorKind::UserLambdaValidation,
        ),
        ("InternalErrorException", ErrorKind::InternalError),
        (
            "UnsupportedOperationException",
            ErrorKind::UnsupportedOperation,
        ),
    ];
    for (name, kind) in table {
        assert_eq!(ErrorKind::from_name(name), kind);
        assert_eq!(kind.name(), name);
        let body = serde_json::json!({"__type": name, "message": "m"}).to_string();
        assert_eq!(parse_response(400, &body).unwrap_err().kind, kind);
    }
}

#[test]
fn unknown_names_are_kept() {
    let body = r#"{"__type":"com.amazonaws.cognito.identity.idp.model#WebAuthnChallengeNotFoundException","message":"No challenge."}"#;
    let err = parse_response(400, body).unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Other("WebAuthnChallengeNotFoundException".to_owned())
    );
    assert_eq!(err.kind.name(), "WebAuthnChallengeNotFoundException");
    assert_eq!(err.name, "WebAuthnChallengeNotFoundException");
    assert_eq!(err.message, "No challenge.");
}

#[test]
fn header_style_suffix_and_wrapped_output() {
    let err =
        parse_response(400, r#"{"__type":"NotAuthorizedException:","message":"x"}"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotAuthorized);
    let wrapped = r#"{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}"#;
    let err = parse_response(404, wrapped).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnknownOperation);
    assert_eq!(err.name, "UnknownOperationException");
    assert_eq!(err.message, "");
}

#[test]
fn non_cognito_bodies_never_panic() {
    let err = parse_response(502, "<html><body>Bad Gateway</body></html>").unwrap_err();
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
    assert_eq!(err.name, "");
    assert_eq!(
        err.message,
        "HTTP 502, not JSON: <html><body>Bad Gateway</body></html>"
    );

    let err = parse_response(500, r#"{"message":"oops"}"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::MalformedResponse);
    assert_eq!(err.message, "HTTP 500 without an error type: oops");

    for (status, body) in [
        (400, ""),
        (400, "[1,2]"),
        (400, "\"text\""),
        (503, "{"),
        (200, "{"),
    ] {
        let err = parse_response(status, body).unwrap_err();
        assert_eq!(err.kind, ErrorKind::MalformedResponse, "{status} {body}");
    }
    let long = "é".repeat(500);
    let err = parse_response(503, &long).unwrap_err();
    assert_eq!(err.message.chars().filter(|&c| c == 'é').count(), 120);
}
