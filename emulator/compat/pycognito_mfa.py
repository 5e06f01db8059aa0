"""pycognito's software-token MFA against the emulator, with codes from pyotp.

In a pool where MFA is optional, a user signs in (pycognito's SRP), associates an authenticator app
(associate_software_token), verifies it with a pyotp code (verify_software_token), makes it the
preferred factor (set_user_mfa_preference); the next authenticate raises
SoftwareTokenMFAChallengeException, and respond_to_software_token_mfa_challenge with a pyotp code
signs in (tokens verified against the JWKS). A wrong code and a code used twice are refused with
CodeMismatchException. Needs ENDPOINT, MFA_OPTIONAL_POOL, MFA_OPTIONAL_CLIENT.
"""

import os
import sys
import time

import boto3
import pyotp
from botocore.exceptions import ClientError
from pycognito import Cognito
from pycognito.exceptions import SoftwareTokenMFAChallengeException

ENDPOINT = os.environ["ENDPOINT"]
POOL = os.environ["MFA_OPTIONAL_POOL"]
CLIENT = os.environ["MFA_OPTIONAL_CLIENT"]
LOGIN = "katherine@example.com"
PASSWORD = "Orbit1962Glenn"

boto = {"endpoint_url": ENDPOINT, "aws_access_key_id": "compat", "aws_secret_access_key": "compat"}
idp = boto3.client("cognito-idp", region_name="us-east-1", **boto)


def ok(what, held, got=None):
    if not held:
        print(f"  FAIL: {what}\n  got: {got!r}", file=sys.stderr)
        sys.exit(1)
    print(f"  ok: {what}")


def refused(what, call, code):
    try:
        call()
        ok(what, False, "it was accepted")
    except ClientError as error:
        ok(what, error.response["Error"]["Code"] == code, error.response["Error"])


idp.admin_create_user(
    UserPoolId=POOL,
    Username=LOGIN,
    MessageAction="SUPPRESS",
    UserAttributes=[{"Name": "email", "Value": LOGIN}, {"Name": "email_verified", "Value": "true"}],
)
idp.admin_set_user_password(UserPoolId=POOL, Username=LOGIN, Password=PASSWORD, Permanent=True)

user = Cognito(POOL, CLIENT, username=LOGIN, boto3_client_kwargs=boto)
user.authenticate(password=PASSWORD)
ok("MFA optional and off: authenticate signs in without a second factor", bool(user.access_token))

secret = user.associate_software_token()
ok("associate_software_token: a base32 secret", len(secret) >= 16 and pyotp.TOTP(secret).now().isdigit(), secret)
app = pyotp.TOTP(secret)
refused(
    "verify_software_token with a wrong code: EnableSoftwareTokenMFAException",
    lambda: user.verify_software_token("000000" if app.now() != "000000" else "111111", "pyotp"),
    "EnableSoftwareTokenMFAException",
)
ok("verify_software_token with pyotp's code", user.verify_software_token(app.now(), "pyotp"))
user.set_user_mfa_preference(False, True, "SOFTWARE_TOKEN")
settings = idp.get_user(AccessToken=user.access_token)
ok(
    "set_user_mfa_preference: GetUser lists SOFTWARE_TOKEN_MFA, preferred",
    settings.get("UserMFASettingList") == ["SOFTWARE_TOKEN_MFA"]
    and settings.get("PreferredMfaSetting") == "SOFTWARE_TOKEN_MFA",
    settings,
)


def challenged():
    again = Cognito(POOL, CLIENT, username=LOGIN, boto3_client_kwargs=boto)
    try:
        again.authenticate(password=PASSWORD)
    except SoftwareTokenMFAChallengeException:
        return again
    ok("authenticate raises SoftwareTokenMFAChallengeException", False, "it signed in")


again = challenged()
ok("authenticate now asks for the app's code (SoftwareTokenMFAChallengeException)", True)
refused(
    "a wrong TOTP code: CodeMismatchException",
    lambda: again.respond_to_software_token_mfa_challenge("000000" if app.now() != "000000" else "111111"),
    "CodeMismatchException",
)
# The code of verification was taken; the next step's code is within the window Cognito allows.
next_code = app.at(time.time() + 30)
again.respond_to_software_token_mfa_challenge(next_code)
ok(
    "respond_to_software_token_mfa_challenge with pyotp's code: tokens that verify against the JWKS",
    again.id_claims["email"] == LOGIN and again.access_claims["token_use"] == "access",
    again.id_claims,
)
third = challenged()
refused(
    "the same code a second time: CodeMismatchException (a code is taken once)",
    lambda: third.respond_to_software_token_mfa_challenge(next_code),
    "CodeMismatchException",
)
