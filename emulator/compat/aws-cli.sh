#!/usr/bin/env bash
# The aws CLI running the seeds' commands against the emulator. The commands are the seeds'
# own, with the placeholders filled in, the seeds' typographic dashes and quotes (a web page's
# rendering) back to ASCII, and --endpoint-url added. Needs ENDPOINT, SEED1_*, SEED2_* (see run).
set -euo pipefail
here=$(dirname "$0")
aws() { command aws --endpoint-url "$ENDPOINT" --output json "$@"; }
# check WHAT PYTHON-EXPRESSION: the expression, over the JSON on stdin as `d`, must be true.
check() {
  python3 "$here/check.py" "$1" "$2"
}

echo "seed 000 (CDK TypeScript pool): admin-create-user, admin-update-user-attributes"
YOUR_USER_POOL_ID=$SEED1_POOL
aws cognito-idp admin-create-user \
  --user-pool-id "$YOUR_USER_POOL_ID" \
  --username john@example.com \
  --user-attributes Name="given_name",Value="john" \
  Name="family_name",Value="smith" |
  check "admin-create-user leaves the user in FORCE_CHANGE_PASSWORD" \
    'd["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD" and d["User"]["Enabled"]'

aws cognito-idp admin-update-user-attributes \
  --user-pool-id "$YOUR_USER_POOL_ID" \
  --username john@example.com \
  --user-attributes Name="gender",Value="m" Name="name",Value="john smith" | check "answers {}" 'd == {}'
aws cognito-idp admin-update-user-attributes \
  --user-pool-id "$YOUR_USER_POOL_ID" \
  --username john@example.com \
  --user-attributes Name="custom:country",Value="Chile" \
  Name="custom:city",Value="Santiago" \
  Name="custom:isAdmin",Value="yes" | check "answers {}" 'd == {}'

aws cognito-idp admin-get-user --user-pool-id "$YOUR_USER_POOL_ID" --username john@example.com |
  check "admin-get-user shows every attribute the seed set" \
    'all(a in {x["Name"]: x["Value"] for x in d["UserAttributes"]}.items() for a in {
       "email": "john@example.com", "given_name": "john", "family_name": "smith", "gender": "m",
       "name": "john smith", "custom:country": "Chile", "custom:city": "Santiago",
       "custom:isAdmin": "yes"}.items())'

# Not a seed command: the seed's user has no phone number and the CLI's default medium is SMS,
# so it gets no message; asking for e-mail puts the invitation in the outbox.
aws cognito-idp admin-create-user --user-pool-id "$YOUR_USER_POOL_ID" --username jane@example.com \
  --user-attributes Name=given_name,Value=jane Name=family_name,Value=doe \
  --desired-delivery-mediums EMAIL >/dev/null
curl -sf "$ENDPOINT/_emulator/outbox" |
  check "the invitation to jane@example.com is in the outbox, rendered from the pool's template" \
    'any(m["destination"] == "jane@example.com" and m["kind"] == "INVITATION"
         and m["subject"] == "Your temporary password"
         and m["body"].startswith("Your username is jane@example.com and temporary password is ")
         for m in d)'

echo "seeds 001/002 (CDK Python pool): sign-up, admin-confirm-sign-up, admin-update-user-attributes, initiate-auth"
aws cognito-idp sign-up \
  --client-id "$SEED2_CLIENT" \
  --username wiyovah293@carsik.com \
  --password 1234Abcd^ \
  --user-attributes Name="email",Value="wiyovah293@carsik.com" Name="family_name",Value="Foobar" Name="custom:tenant_id",Value="1234567890" Name="custom:created_at",Value="2022-01-01" Name="custom:employee_id",Value="10" Name="custom:is_admin",Value="false" \
  --region us-east-1 |
  check "sign-up answers as in the seed: not confirmed, a code sent by e-mail" \
    'd["UserConfirmed"] is False and d["CodeDeliveryDetails"] == {"Destination": "w***@c***", "DeliveryMedium": "EMAIL", "AttributeName": "email"} and len(d["UserSub"]) == 36'

if out=$(aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH \
  --client-id "$SEED2_CLIENT" \
  --auth-parameters USERNAME=wiyovah293@carsik.com,PASSWORD=1234Abcd^ \
  --region us-east-1 2>&1); then
  echo "FAIL: an unconfirmed user signed in: $out" >&2
  exit 1
fi
grep -q "(UserNotConfirmedException) when calling the InitiateAuth operation: User is not confirmed." <<<"$out" ||
  { echo "FAIL: unexpected error: $out" >&2; exit 1; }
echo "  ok: an unconfirmed user is refused with UserNotConfirmedException"

aws cognito-idp admin-confirm-sign-up \
  --user-pool-id "$SEED2_POOL" \
  --username wiyovah293@carsik.com \
  --region us-east-1 | check "answers {}" 'd == {}'

aws cognito-idp admin-update-user-attributes \
  --user-pool-id "$SEED2_POOL" \
  --username wiyovah293@carsik.com \
  --user-attributes Name=email_verified,Value=true \
  --region us-east-1 | check "answers {}" 'd == {}'

aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH \
  --client-id "$SEED2_CLIENT" \
  --auth-parameters USERNAME=wiyovah293@carsik.com,PASSWORD=1234Abcd^ \
  --region us-east-1 |
  check "initiate-auth answers with the seed's token set" \
    'd["ChallengeParameters"] == {} and d["AuthenticationResult"]["ExpiresIn"] == 3600
     and d["AuthenticationResult"]["TokenType"] == "Bearer"
     and all(d["AuthenticationResult"][t].count(".") == 2 for t in ("AccessToken", "IdToken"))
     and len(d["AuthenticationResult"]["RefreshToken"]) > 0'

aws cognito-idp admin-get-user --user-pool-id "$SEED2_POOL" --username wiyovah293@carsik.com |
  check "the user is CONFIRMED with the seed's attributes and a verified e-mail" \
    'd["UserStatus"] == "CONFIRMED" and all(a in {x["Name"]: x["Value"] for x in d["UserAttributes"]}.items() for a in {
       "email": "wiyovah293@carsik.com", "email_verified": "true", "family_name": "Foobar",
       "custom:tenant_id": "1234567890", "custom:employee_id": "10", "custom:is_admin": "false"}.items())'

echo "signatures: the emulator checks the aws CLI's SigV4 (started with --credentials)"
# refused WHAT ERROR COMMAND…: the command must fail with ERROR in its message.
refused() {
  local what=$1 error=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    echo "  FAILED: $what: it succeeded" >&2
    return 1
  fi
  grep -q "$error" <<<"$out" || { echo "  FAILED: $what: $out" >&2; return 1; }
  echo "  ok: $what"
}
# aws_as KEY SECRET ARGS…: the aws CLI with other credentials.
aws_as() { (export AWS_ACCESS_KEY_ID=$1 AWS_SECRET_ACCESS_KEY=$2 && shift 2 && aws "$@"); }
refused "list-users signed with a wrong secret key: InvalidSignatureException" InvalidSignatureException \
  aws_as "$AWS_ACCESS_KEY_ID" not-the-secret cognito-idp list-users --user-pool-id "$SEED2_POOL"
refused "list-users with an unknown access key: UnrecognizedClientException" UnrecognizedClientException \
  aws_as someone-else "$AWS_SECRET_ACCESS_KEY" cognito-idp list-users --user-pool-id "$SEED2_POOL"
refused "list-users unsigned (--no-sign-request): MissingAuthenticationTokenException" MissingAuthenticationTokenException \
  aws --no-sign-request cognito-idp list-users --user-pool-id "$SEED2_POOL"
aws cognito-idp list-users --user-pool-id "$SEED2_POOL" |
  check "list-users signed with the right credentials" 'len(d["Users"]) >= 1'
