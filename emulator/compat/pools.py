"""Prints shell assignments for the pools the compatibility suite runs against.

SEED1_POOL/SEED1_CLIENT: the pool of seed 000 (my-user-pool, SRP client);
SEED2_POOL/SEED2_CLIENT: the pool of seeds 001/002 (awesome-user-pool, USER_PASSWORD_AUTH client);
MFA_POOL/MFA_CLIENT: MFA required, TOTP or e-mail, devices remembered on request (mfa-demo);
MFA_OPTIONAL_POOL/MFA_OPTIONAL_CLIENT: MFA optional, TOTP only (mfa-optional);
IDENTITY_POOL: seed 000's identity pool (my-identity-pool).
"""

import json
import shlex
import sys
import urllib.request

endpoint = sys.argv[1]
with urllib.request.urlopen(f"{endpoint}/_emulator/pools") as response:
    pools = json.load(response)["pools"]

names = {
    "my-user-pool": "SEED1",
    "awesome-user-pool": "SEED2",
    "mfa-demo": "MFA",
    "mfa-optional": "MFA_OPTIONAL",
}
# Seed 000's identity pool: IDENTITY_POOL.
with urllib.request.urlopen(f"{endpoint}/_emulator/identity-pools") as response:
    for entry in json.load(response)["identity_pools"]:
        if entry["IdentityPoolName"] == "my-identity-pool":
            print(f"export IDENTITY_POOL={shlex.quote(entry['IdentityPoolId'])}")

for entry in pools:
    prefix = names.get(entry["pool"]["name"])
    if prefix is None:
        continue
    print(f"export {prefix}_POOL={shlex.quote(entry['pool']['id'])}")
    print(f"export {prefix}_CLIENT={shlex.quote(entry['clients'][0]['client']['id'])}")
