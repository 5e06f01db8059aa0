"""pycognito (PyPI) signing in with SRP against the emulator.

A user signs up and confirms with the code from the outbox (boto3); pycognito's Cognito.authenticate
runs USER_SRP_AUTH with its own SRP code and verifies both tokens against the pool's JWKS at
<endpoint>/<pool>/.well-known/jwks.json. A wrong password must give NotAuthorizedException, and a
token with a changed signature must fail verification. Needs ENDPOINT, SEED1_POOL, SEED1_CLIENT.
"""

import json
import os
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError
from pycognito import Cognito, TokenVerificationException

ENDPOINT = os.environ["ENDPOINT"]
POOL = os.environ["SEED1_POOL"]
CLIENT = os.environ["SEED1_CLIENT"]
LOGIN = "ada@example.com"
PASSWORD = "analytical engine 1843"

boto = {"endpoint_url": ENDPOINT, "aws_access_key_id": "compat", "aws_secret_access_key": "compat"}
idp = boto3.client("cognito-idp", region_name="us-east-1", **boto)


def ok(what, held, got=None):
    if not held:
        print(f"  FAIL: {what}\n  got: {got!r}", file=sys.stderr)
        sys.exit(1)
    print(f"  ok: {what}")


def latest_code(destination):
    with urllib.request.urlopen(f"{ENDPOINT}/_emulator/outbox") as response:
        messages = [m for m in json.load(response) if m["destination"] == destination]
    return messages[-1]["code"]


idp.sign_up(
    ClientId=CLIENT,
    Username=LOGIN,
    Password=PASSWORD,
    UserAttributes=[
        {"Name": "given_name", "Value": "Ada"},
        {"Name": "family_name", "Value": "Lovelace"},
    ],
)
idp.confirm_sign_up(ClientId=CLIENT, Username=LOGIN, ConfirmationCode=latest_code(LOGIN))
print("  ok: boto3 sign_up and confirm_sign_up with the code from the outbox")

user = Cognito(POOL, CLIENT, username=LOGIN, boto3_client_kwargs=boto)
user.authenticate(password=PASSWORD)  # SRP, then both tokens verified against the JWKS
ok(
    "pycognito SRP sign-in: tokens verify against the JWKS, claims are the user's",
    user.id_claims["email"] == LOGIN
    and user.id_claims["given_name"] == "Ada"
    and user.id_claims["aud"] == CLIENT
    and user.access_claims["client_id"] == CLIENT
    and user.access_claims["scope"] == "aws.cognito.signin.user.admin"
    and user.refresh_token,
    (user.id_claims, user.access_claims),
)

head, payload, signature = user.id_token.split(".")
flipped = ("A" if signature[10] != "A" else "B").join((signature[:10], signature[11:]))
try:
    user.verify_token(f"{head}.{payload}.{flipped}", "id_token", "id")
    ok("a token with a changed signature fails verification", False, "it verified")
except TokenVerificationException:
    ok("a token with a changed signature fails verification", True)

try:
    Cognito(POOL, CLIENT, username=LOGIN, boto3_client_kwargs=boto).authenticate(password="wrong 1")
    ok("a wrong password is refused", False, "it signed in")
except ClientError as error:
    err = error.response["Error"]
    ok(
        "a wrong password is refused with NotAuthorizedException",
        (err["Code"], err["Message"]) == ("NotAuthorizedException", "Incorrect username or password."),
        err,
    )

user.check_token()  # not expired: no refresh needed
user.renew_access_token()  # REFRESH_TOKEN_AUTH; the new access token verifies too
ok("renew_access_token: a new access token that verifies", user.access_claims["token_use"] == "access")

# boto3 signs administrative calls; the emulator checks the signature (compat/run gives it the
# suite's credentials), and refuses the same call signed with another secret.
got = idp.admin_get_user(UserPoolId=POOL, Username=LOGIN)
ok("boto3 admin_get_user (SigV4 checked): the user, confirmed", got["UserStatus"] == "CONFIRMED", got["UserStatus"])
forged = boto3.client("cognito-idp", **{**boto, "aws_secret_access_key": "forged"})
try:
    forged.admin_get_user(UserPoolId=POOL, Username=LOGIN)
    ok("boto3 with a wrong secret key is refused", False, "it answered")
except ClientError as e:
    code = e.response["Error"]["Code"]
    ok("boto3 with a wrong secret key is refused: InvalidSignatureException", code == "InvalidSignatureException", code)
