//! Pool and client rules on a template written for them: case-insensitive usernames, sign-in
//! by e-mail alias, PreventUserExistenceErrors, challenge sessions and reset codes that expire.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use std::sync::atomic::Ordering;

use common::{srp_sign_in, start_with, temp_dir, Emulator};
use serde_json::{json, Value};

const TEMPLATE: &str = r#"
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: rules-pool
      AliasAttributes: [email]
      AutoVerifiedAttributes: [email]
      UsernameConfiguration: { CaseSensitive: false }
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true } }
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
      PreventUserExistenceErrors: ENABLED
      AuthSessionValidity: 3
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
"#;

fn emulator() -> (Emulator, String, String) {
    let emu = start_with(
        vec![("rules.yaml".into(), TEMPLATE.into())],
        temp_dir("rules"),
    );
    let (pool, client) = emu.first_pool();
    (emu, pool, client)
}

fn sign_up(
    emu: &Emulator,
    client: &str,
    username: &str,
    email: &str,
) -> Result<Value, (String, String)> {
    emu.call(
        "SignUp",
        json!({"ClientId": client, "Username": username, "Password": "password1",
               "UserAttributes": [{"Name": "email", "Value": email}]}),
    )
}

fn password_auth(
    emu: &Emulator,
    client: &str,
    login: &str,
    password: &str,
) -> Result<Value, (String, String)> {
    emu.call(
        "InitiateAuth",
        json!({"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
               "AuthParameters": {"USERNAME": login, "PASSWORD": password}}),
    )
}

#[test]
fn usernames_ignore_case_and_e_mail_aliases_sign_in() {
    let (emu, pool, client) = emulator();
    sign_up(&emu, &client, "Grace", "grace@example.com").unwrap();
    let err = sign_up(&emu, &client, "GRACE", "other@example.com").unwrap_err();
    assert_eq!(err.0, "UsernameExistsException", "{}", err.1);
    let err = sign_up(&emu, &client, "grace@example.com", "grace@example.com").unwrap_err();
    assert_eq!(
        err,
        (
            "InvalidParameterException".into(),
            "Username cannot be of email format, since user pool is configured for email alias."
                .into()
        )
    );
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": "gRaCe", "ConfirmationCode": emu.last_code("grace@example.com")}),
    )
    .unwrap();
    // Any case of the username, and the verified e-mail alias, sign in; SRP knows the real name.
    password_auth(&emu, &client, "GRACE", "password1").unwrap();
    let tokens = srp_sign_in(&emu, &pool, &client, "grace@example.com", "password1").unwrap();
    let id = common::claims(tokens["AuthenticationResult"]["IdToken"].as_str().unwrap());
    assert_eq!(id["cognito:username"], "Grace");
    assert_eq!(id["email_verified"], true);
}

#[test]
fn prevent_user_existence_errors_hides_who_has_an_account() {
    let (emu, pool, client) = emulator();
    sign_up(&emu, &client, "grace", "grace@example.com").unwrap();
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": "grace", "ConfirmationCode": emu.last_code("grace@example.com")}),
    )
    .unwrap();
    let wrong_password = password_auth(&emu, &client, "grace", "password2").unwrap_err();
    let no_such_user = password_auth(&emu, &client, "nobody", "password2").unwrap_err();
    assert_eq!(wrong_password, no_such_user);
    assert_eq!(
        no_such_user,
        (
            "NotAuthorizedException".into(),
            "Incorrect username or password.".into()
        )
    );
    // SRP: a user who does not exist still gets a challenge, the same one each time, that fails
    // the way a wrong password does.
    let err = srp_sign_in(&emu, &pool, &client, "nobody", "password1").unwrap_err();
    assert_eq!(err, no_such_user);
    let challenge = |login: &str| {
        emu.call(
            "InitiateAuth",
            json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH",
                   "AuthParameters": {"USERNAME": login, "SRP_A": "02"}}),
        )
        .unwrap()["ChallengeParameters"]
            .clone()
    };
    let (first, second) = (challenge("nobody"), challenge("nobody"));
    assert_eq!(
        (&first["SALT"], &first["USER_ID_FOR_SRP"]),
        (&second["SALT"], &second["USER_ID_FOR_SRP"])
    );
    assert_ne!(first["SALT"], challenge("someone-else")["SALT"]);
}

#[test]
fn challenge_sessions_and_reset_codes_expire() {
    let (emu, pool, client) = emulator();
    emu.call(
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": "alan", "TemporaryPassword": "temporary1",
               "UserAttributes": [{"Name": "email", "Value": "alan@example.com"}, {"Name": "email_verified", "Value": "true"}]}),
    )
    .unwrap();
    let challenge = password_auth(&emu, &client, "alan", "temporary1").unwrap();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    emu.clock.fetch_add(3 * 60 + 1, Ordering::SeqCst); // AuthSessionValidity: 3 minutes
    let err = emu
        .call(
            "RespondToAuthChallenge",
            json!({"ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": challenge["Session"],
                   "ChallengeResponses": {"USERNAME": "alan", "NEW_PASSWORD": "permanent1"}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "Invalid session for the user, session is expired.".into()
        )
    );

    emu.call(
        "AdminSetUserPassword",
        json!({"UserPoolId": pool, "Username": "alan", "Password": "permanent1", "Permanent": true}),
    )
    .unwrap();
    emu.call(
        "ForgotPassword",
        json!({"ClientId": client, "Username": "alan"}),
    )
    .unwrap();
    let code = emu.last_code("alan@example.com");
    emu.clock.fetch_add(3600 + 1, Ordering::SeqCst); // reset codes last an hour
    let err = emu
        .call(
            "ConfirmForgotPassword",
            json!({"ClientId": client, "Username": "alan", "ConfirmationCode": code, "Password": "another1"}),
        )
        .unwrap_err();
    assert_eq!(err.0, "ExpiredCodeException", "{}", err.1);
    password_auth(&emu, &client, "alan", "permanent1").unwrap();
}
