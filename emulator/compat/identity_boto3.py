"""boto3's cognito-identity client against the emulator's copy of seed 000's identity pool.

A guest gets an identity and credentials for the unauthenticated role; a user signed in to the
seed's user pool (boto3 admin_initiate_auth) gets one identity (the same on every GetId) and
credentials for the authenticated role; the emulator's record (/_emulator/credentials) says which
identity and role each key was issued for. describe_identity_pool is signed and checked (SigV4
with the suite's credentials). Needs ENDPOINT, SEED1_POOL, SEED1_CLIENT, IDENTITY_POOL.
"""

import json
import os
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ENDPOINT"]
POOL = os.environ["SEED1_POOL"]
CLIENT = os.environ["SEED1_CLIENT"]
IDENTITY_POOL = os.environ["IDENTITY_POOL"]
LOGIN = "barbara@example.com"
PASSWORD = "liskov substitution 1987"

boto = {"endpoint_url": ENDPOINT, "aws_access_key_id": "compat", "aws_secret_access_key": "compat", "region_name": "us-east-1"}
idp = boto3.client("cognito-idp", **boto)
identity = boto3.client("cognito-identity", **boto)


def ok(what, held, got=None):
    if not held:
        print(f"  FAIL: {what}\n  got: {got!r}", file=sys.stderr)
        sys.exit(1)
    print(f"  ok: {what}")


def issued(access_key_id):
    with urllib.request.urlopen(f"{ENDPOINT}/_emulator/credentials") as response:
        return next(c for c in json.load(response)["credentials"] if c["access_key_id"] == access_key_id)


described = identity.describe_identity_pool(IdentityPoolId=IDENTITY_POOL)
ok(
    "describe_identity_pool (signed): seed 000's pool, guests allowed, the user pool's client as provider",
    described["IdentityPoolName"] == "my-identity-pool"
    and described["AllowUnauthenticatedIdentities"]
    and described["CognitoIdentityProviders"][0]["ClientId"] == CLIENT,
    described,
)

guest = identity.get_id(IdentityPoolId=IDENTITY_POOL)["IdentityId"]
got = identity.get_credentials_for_identity(IdentityId=guest)
creds = got["Credentials"]
record = issued(creds["AccessKeyId"])
ok(
    "a guest: get_id, then get_credentials_for_identity for the unauthenticated role (ASIA key, one hour)",
    creds["AccessKeyId"].startswith("ASIA")
    and creds["SecretKey"]
    and creds["SessionToken"]
    and record["identity_id"] == guest
    and not record["authenticated"]
    and "anonymousgrouprole" in record["role_arn"],
    record,
)

idp.admin_create_user(
    UserPoolId=POOL,
    Username=LOGIN,
    MessageAction="SUPPRESS",
    UserAttributes=[
        {"Name": "email", "Value": LOGIN},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": "Barbara"},
        {"Name": "family_name", "Value": "Liskov"},
    ],
)
idp.admin_set_user_password(UserPoolId=POOL, Username=LOGIN, Password=PASSWORD, Permanent=True)
tokens = idp.admin_initiate_auth(
    UserPoolId=POOL,
    ClientId=CLIENT,
    AuthFlow="ADMIN_USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": LOGIN, "PASSWORD": PASSWORD},
)["AuthenticationResult"]
PROVIDER = f"cognito-idp.us-east-1.amazonaws.com/{POOL}"
logins = {PROVIDER: tokens["IdToken"]}
user = identity.get_id(IdentityPoolId=IDENTITY_POOL, Logins=logins)["IdentityId"]
again = identity.get_id(IdentityPoolId=IDENTITY_POOL, Logins=logins)["IdentityId"]
ok("a signed-in user: one identity, whatever the number of get_id calls", user == again, (user, again))
got = identity.get_credentials_for_identity(IdentityId=user, Logins=logins)
record = issued(got["Credentials"]["AccessKeyId"])
ok(
    "get_credentials_for_identity with the ID token: the authenticated role, for the user's identity",
    got["IdentityId"] == user and record["authenticated"] and "usersgrouprole" in record["role_arn"],
    record,
)

try:
    identity.get_id(IdentityPoolId=IDENTITY_POOL, Logins={PROVIDER: tokens["AccessToken"]})
    ok("an access token is refused", False, "it was accepted")
except ClientError as error:
    err = error.response["Error"]
    ok(
        "an access token instead of the ID token: NotAuthorizedException, missing aud",
        err["Code"] == "NotAuthorizedException" and "aud" in err["Message"],
        err,
    )
