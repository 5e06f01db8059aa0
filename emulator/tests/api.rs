//! The emulator on a real loopback port, driven like a browser would drive Cognito:
//! sign-up, code from the outbox, confirm, SRP sign-in verified for real, tokens that verify
//! against the JWKS, and the errors on each path.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic

mod common;

use common::{claims, http, srp_sign_in, start, verify_with_jwks, Emulator};
use serde_json::{json, Value};

const SEED1: &str = "seed1-cdk-ts.template.json";

fn sign_up(
    emu: &Emulator,
    client: &str,
    email: &str,
    password: &str,
) -> Result<Value, (String, String)> {
    emu.call(
        "SignUp",
        json!({
            "ClientId": client, "Username": email, "Password": password,
            "UserAttributes": [
                {"Name": "given_name", "Value": "Ada"}, {"Name": "family_name", "Value": "Lovelace"},
                {"Name": "custom:country", "Value": "Chile"}
            ]
        }),
    )
}

#[test]
fn sign_up_confirm_and_srp_sign_in() {
    let emu = start(&[SEED1]);
    let (pool, client) = emu.first_pool();
    let email = "ada@example.com";

    let out = sign_up(&emu, &client, email, "secret1").unwrap();
    assert_eq!(out["UserConfirmed"], false);
    assert_eq!(
        out["CodeDeliveryDetails"],
        json!({"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"})
    );
    let sub = out["UserSub"].as_str().unwrap().to_owned();
    let outbox = emu.get("/_emulator/outbox");
    let message = outbox.as_array().unwrap().last().unwrap();
    assert_eq!(message["kind"], "SIGN_UP");
    assert_eq!(message["subject"], "Verify your new account");
    let code = message["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert_eq!(
        message["body"],
        format!("The verification code to your new account is {code}")
    );

    let err = srp_sign_in(&emu, &pool, &client, email, "secret1").unwrap_err();
    assert_eq!(err.0, "UserNotConfirmedException");

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = emu
        .call(
            "ConfirmSignUp",
            json!({"ClientId": client, "Username": email, "ConfirmationCode": wrong}),
        )
        .unwrap_err();
    assert_eq!(err.0, "CodeMismatchException");
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": code}),
    )
    .unwrap();
    let err = emu
        .call(
            "ConfirmSignUp",
            json!({"ClientId": client, "Username": email, "ConfirmationCode": code}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "User cannot be confirmed. Current status is CONFIRMED".into()
        )
    );

    let tokens = srp_sign_in(&emu, &pool, &client, email, "secret1").unwrap();
    let result = &tokens["AuthenticationResult"];
    assert_eq!(result["TokenType"], "Bearer");
    assert_eq!(result["ExpiresIn"], 3600);
    let id = result["IdToken"].as_str().unwrap();
    let access = result["AccessToken"].as_str().unwrap();
    assert!(verify_with_jwks(&emu, &pool, id));
    assert!(verify_with_jwks(&emu, &pool, access));
    let mut forged = access.to_owned();
    forged.replace_range(forged.len() - 6.., "AAAAAA");
    assert!(!verify_with_jwks(&emu, &pool, &forged));

    let idc = claims(id);
    assert_eq!(idc["sub"], sub);
    assert_eq!(
        idc["cognito:username"], sub,
        "email-as-username pools use the sub"
    );
    assert_eq!(idc["email"], email);
    assert_eq!(idc["email_verified"], true);
    assert_eq!(idc["custom:country"], "Chile");
    assert_eq!(idc["aud"], client);
    assert_eq!(idc["token_use"], "id");
    assert_eq!(idc["iss"], format!("{}/{pool}", emu.base));
    let ac = claims(access);
    assert_eq!(ac["client_id"], client);
    assert_eq!(ac["scope"], "aws.cognito.signin.user.admin");
    assert_eq!(ac["username"], sub);
    assert_eq!(ac["origin_jti"], idc["origin_jti"]);
    assert_eq!(ac["event_id"], idc["event_id"]);
    let openid = emu.get(&format!("/{pool}/.well-known/openid-configuration"));
    assert_eq!(openid["issuer"], idc["iss"]);

    let user = emu.call("GetUser", json!({"AccessToken": access})).unwrap();
    assert_eq!(user["Username"], sub);
    let attrs = user["UserAttributes"].as_array().unwrap();
    assert!(attrs.contains(&json!({"Name": "given_name", "Value": "Ada"})));
    assert!(attrs.contains(&json!({"Name": "email_verified", "Value": "true"})));
    let err = emu
        .call("GetUser", json!({"AccessToken": forged}))
        .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");

    let refreshed = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": result["RefreshToken"]}}))
        .unwrap();
    let r = &refreshed["AuthenticationResult"];
    assert!(r.get("RefreshToken").is_none());
    assert_eq!(
        claims(r["IdToken"].as_str().unwrap())["origin_jti"],
        idc["origin_jti"]
    );
}

#[test]
fn wrong_passwords_are_refused_and_lock_the_user_out() {
    let emu = start(&[SEED1]);
    let (pool, client) = emu.first_pool();
    let email = "grace@example.com";
    sign_up(&emu, &client, email, "secret1").unwrap();
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": emu.last_code(email)}),
    )
    .unwrap();
    for _ in 0..5 {
        let err = srp_sign_in(&emu, &pool, &client, email, "secret2").unwrap_err();
        assert_eq!(
            err,
            (
                "NotAuthorizedException".into(),
                "Incorrect username or password.".into()
            )
        );
    }
    // Fifth failure: locked for a second, even with the right password.
    let err = srp_sign_in(&emu, &pool, &client, email, "secret1").unwrap_err();
    assert_eq!(err.1, "Password attempts exceeded");
    emu.clock.fetch_add(2, std::sync::atomic::Ordering::SeqCst);
    srp_sign_in(&emu, &pool, &client, email, "secret1").unwrap();

    let err = srp_sign_in(&emu, &pool, &client, "nobody@example.com", "secret1").unwrap_err();
    assert_eq!(err.0, "UserNotFoundException");
}

#[test]
fn sign_up_errors_name_what_is_wrong() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    let err = sign_up(&emu, &client, "x@example.com", "abcdef").unwrap_err();
    assert_eq!(
        err,
        (
            "InvalidPasswordException".into(),
            "Password did not conform with policy: Password must have numeric characters".into()
        )
    );
    let err = sign_up(&emu, &client, "x@example.com", "ab1").unwrap_err();
    assert_eq!(
        err.1,
        "Password did not conform with policy: Password not long enough"
    );
    let err = sign_up(&emu, &client, "not-an-email", "secret1").unwrap_err();
    assert_eq!(
        err,
        (
            "InvalidParameterException".into(),
            "Username should be an email.".into()
        )
    );
    let err = emu
        .call("SignUp", json!({"ClientId": client, "Username": "y@example.com", "Password": "secret1", "UserAttributes": [{"Name": "given_name", "Value": "Y"}]}))
        .unwrap_err();
    assert_eq!(
        err.1,
        "Attributes did not conform to the schema: family_name: The attribute is required"
    );
    let err = emu
        .call("SignUp", json!({"ClientId": client, "Username": "y@example.com", "Password": "secret1", "UserAttributes": [{"Name": "custom:planet", "Value": "Mars"}]}))
        .unwrap_err();
    assert_eq!(err.1, "Attributes did not conform to the schema: custom:planet: Attribute does not exist in the schema.");
    sign_up(&emu, &client, "dup@example.com", "secret1").unwrap();
    let err = sign_up(&emu, &client, "dup@example.com", "secret1").unwrap_err();
    assert_eq!(
        err,
        (
            "UsernameExistsException".into(),
            "An account with the given email already exists.".into()
        )
    );
    let err = emu
        .call(
            "SignUp",
            json!({"ClientId": "nosuchclient", "Username": "a@b.cd", "Password": "x"}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "ResourceNotFoundException".into(),
            "User pool client nosuchclient does not exist.".into()
        )
    );
    let err = emu
        .call("SignUp", json!({"ClientId": client, "Password": "x"}))
        .unwrap_err();
    assert!(
        err.1
            .contains("Value at 'username' failed to satisfy constraint: Member must not be null"),
        "{err:?}"
    );
}

#[test]
fn resend_replaces_the_code() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    let email = "linus@example.com";
    sign_up(&emu, &client, email, "secret1").unwrap();
    let first = emu.last_code(email);
    let out = emu
        .call(
            "ResendConfirmationCode",
            json!({"ClientId": client, "Username": email}),
        )
        .unwrap();
    assert_eq!(out["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    let second = emu.last_code(email);
    if first != second {
        let err = emu
            .call(
                "ConfirmSignUp",
                json!({"ClientId": client, "Username": email, "ConfirmationCode": first}),
            )
            .unwrap_err();
        assert_eq!(err.0, "CodeMismatchException");
    }
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": email, "ConfirmationCode": second}),
    )
    .unwrap();
    let err = emu
        .call(
            "ResendConfirmationCode",
            json!({"ClientId": client, "Username": email}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        (
            "InvalidParameterException".into(),
            "User is already confirmed.".into()
        )
    );
}

#[test]
fn codes_expire_after_a_day() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    let email = "old@example.com";
    sign_up(&emu, &client, email, "secret1").unwrap();
    emu.clock
        .fetch_add(24 * 3600 + 1, std::sync::atomic::Ordering::SeqCst);
    let err = emu.call("ConfirmSignUp", json!({"ClientId": client, "Username": email, "ConfirmationCode": emu.last_code(email)})).unwrap_err();
    assert_eq!(err.0, "ExpiredCodeException");
}

#[test]
fn client_flows_are_enforced() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    let err = emu
        .call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "a@b.cd", "PASSWORD": "x"}}))
        .unwrap_err();
    assert_eq!(
        err,
        (
            "InvalidParameterException".into(),
            "USER_PASSWORD_AUTH flow not enabled for this client".into()
        )
    );
}

#[test]
fn password_flow_on_a_client_that_allows_it() {
    let emu = start(&["seed2-cdk-ts.template.json"]);
    let (_, client) = emu.first_pool();
    let attrs = json!([
        {"Name": "family_name", "Value": "Hopper"}, {"Name": "email", "Value": "grace@example.com"},
        {"Name": "custom:tenant_id", "Value": "tenant-0001"}, {"Name": "custom:employee_id", "Value": "42"}
    ]);
    let err = emu
        .call("SignUp", json!({"ClientId": client, "Username": "grace@example.com", "Password": "Passw0rd!", "UserAttributes": attrs}))
        .unwrap_err();
    assert!(
        err.1.starts_with("Username cannot be of email format"),
        "{err:?}"
    );
    let short = json!([{"Name": "family_name", "Value": "H"}, {"Name": "custom:tenant_id", "Value": "short"}]);
    let err = emu
        .call("SignUp", json!({"ClientId": client, "Username": "grace", "Password": "Passw0rd!", "UserAttributes": short}))
        .unwrap_err();
    assert_eq!(err.1, "Attributes did not conform to the schema: custom:tenant_id: String must be no shorter than 10 characters");
    emu.call("SignUp", json!({"ClientId": client, "Username": "grace", "Password": "Passw0rd!", "UserAttributes": attrs})).unwrap();
    let code = emu.last_code("grace@example.com");
    let body = emu
        .get("/_emulator/outbox")
        .as_array()
        .unwrap()
        .last()
        .unwrap()["body"]
        .clone();
    assert_eq!(
        body,
        format!("Hello grace, your tenant verification code is {code}")
    );
    emu.call(
        "ConfirmSignUp",
        json!({"ClientId": client, "Username": "grace", "ConfirmationCode": code}),
    )
    .unwrap();
    let auth = |password: &str| {
        emu.call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "grace", "PASSWORD": password}}))
    };
    assert_eq!(auth("Passw0rd?").unwrap_err().0, "NotAuthorizedException");
    let ok = auth("Passw0rd!").unwrap();
    let id = claims(ok["AuthenticationResult"]["IdToken"].as_str().unwrap());
    assert_eq!(id["cognito:username"], "grace");
    assert!(
        id.get("custom:tenant_id").is_none(),
        "no ReadAttributes: custom attributes are not readable"
    );
    // Once verified, the e-mail alias signs in too.
    let alias = emu.call("InitiateAuth", json!({"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": "grace@example.com", "PASSWORD": "Passw0rd!"}}));
    assert!(alias.is_ok(), "{alias:?}");
}

#[test]
fn cors_like_the_real_service() {
    let emu = start(&[SEED1]);
    let (status, head, _) = http(
        emu.port,
        "OPTIONS",
        "/",
        &[
            ("Origin", "https://app.example"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,x-amz-target,x-amz-user-agent",
            ),
        ],
        "",
    );
    assert_eq!(status, 200);
    let head = head.to_ascii_lowercase();
    assert!(head.contains("access-control-allow-origin: *"));
    assert!(
        head.contains("access-control-allow-headers: content-type,x-amz-target,x-amz-user-agent")
    );
    let (status, head, body) = http(
        emu.port,
        "POST",
        "/",
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            (
                "X-Amz-Target",
                "AWSCognitoIdentityProviderService.SetUserSettings",
            ),
        ],
        "{}",
    );
    assert_eq!(status, 400);
    assert!(head
        .to_ascii_lowercase()
        .contains("access-control-allow-origin: *"));
    assert!(head
        .to_ascii_lowercase()
        .contains("x-amzn-errortype: unsupportedoperationexception:"));
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["__type"], "UnsupportedOperationException");
    assert!(v["message"].as_str().unwrap().contains("SetUserSettings"));
}

#[test]
fn a_password_verifier_answer_is_bound_to_its_secret_block() {
    let emu = start(&[SEED1]);
    let (_, client) = emu.first_pool();
    // No such user and no such challenge: an invented secret block finds nothing.
    let forged = json!({
        "ClientId": client, "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {
            "USERNAME": "ada@example.com", "PASSWORD_CLAIM_SECRET_BLOCK": "bm90IGEgYmxvY2s=",
            "TIMESTAMP": "Tue Nov 24 12:00:00 UTC 2026", "PASSWORD_CLAIM_SIGNATURE": "c2lnbmF0dXJl"
        }
    });
    let err = emu.call("RespondToAuthChallenge", forged).unwrap_err();
    assert_eq!(
        err,
        (
            "NotAuthorizedException".into(),
            "Incorrect username or password.".into()
        )
    );
    let missing =
        json!({"ClientId": client, "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {}});
    let err = emu.call("RespondToAuthChallenge", missing).unwrap_err();
    assert_eq!(err.0, "InvalidParameterException");
}

#[test]
fn a_pool_widget_configuration_by_name_or_id() {
    let emu = start(&[SEED1]);
    let (pool, client) = emu.first_pool();
    for key in [pool.as_str(), "my-user-pool"] {
        let config = emu.get(&format!("/_emulator/pools/{key}/widget-config"));
        assert_eq!(config["amplify_outputs"]["auth"]["user_pool_id"], pool);
        assert_eq!(
            config["amplify_outputs"]["auth"]["user_pool_client_id"],
            client
        );
        assert_eq!(config["endpoint"], format!("{}/", emu.base));
        let custom: Vec<&str> = config["custom_attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            custom,
            ["custom:country", "custom:city"],
            "the ones this client may write"
        );
    }
    let (status, _, _) = http(
        emu.port,
        "GET",
        "/_emulator/pools/nope/widget-config",
        &[],
        "",
    );
    assert_eq!(status, 400);
}
