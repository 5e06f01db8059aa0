// The AWS SDK for JavaScript v3's fromCognitoIdentityPool (npm @aws-sdk/credential-providers)
// against the emulator's copy of seed 000's identity pool: guest credentials, then credentials
// with the ID token of a real sign-in (amazon-cognito-identity-js's SRP), checked against the
// emulator's record of whom each key was issued for. Needs ENDPOINT, SEED1_POOL, SEED1_CLIENT,
// IDENTITY_POOL (see run).
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import identity from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = identity;
const { ENDPOINT, SEED1_POOL, SEED1_CLIENT, IDENTITY_POOL } = process.env;
const login = 'frances@example.com';
const password = 'fortran optimizer 1957';

function ok(what, held, got) {
  if (!held) {
    console.error(`  FAIL: ${what}\n  got: ${JSON.stringify(got)}`);
    process.exit(1);
  }
  console.log(`  ok: ${what}`);
}
const issued = async (key) =>
  (await (await fetch(`${ENDPOINT}/_emulator/credentials`)).json()).credentials.find((c) => c.access_key_id === key);
const clientConfig = { region: 'us-east-1', endpoint: ENDPOINT };

const guest = await fromCognitoIdentityPool({ identityPoolId: IDENTITY_POOL, clientConfig })();
const guestRecord = await issued(guest.accessKeyId);
ok('fromCognitoIdentityPool without logins: guest credentials for the unauthenticated role',
  guest.accessKeyId.startsWith('ASIA') && guest.secretAccessKey && guest.sessionToken &&
    guest.expiration instanceof Date && guest.expiration > new Date() &&
    guestRecord?.authenticated === false && guestRecord.role_arn.includes('anonymousgrouprole'),
  guestRecord);

// A real sign-in: sign up, the code from the outbox, SRP.
const pool = new CognitoUserPool({ UserPoolId: SEED1_POOL, ClientId: SEED1_CLIENT, endpoint: `${ENDPOINT}/` });
const settle = (start) => new Promise((resolve) => start((err, result) => resolve([err, result])));
const attributes = [['given_name', 'Frances'], ['family_name', 'Allen']]
  .map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
const [signUpError, signedUp] = await settle((cb) => pool.signUp(login, password, attributes, null, cb));
ok('signUp', !signUpError, signUpError);
const outbox = await (await fetch(`${ENDPOINT}/_emulator/outbox`)).json();
const code = outbox.filter((m) => m.destination === login).at(-1).code;
const [confirmError] = await settle((cb) => signedUp.user.confirmRegistration(code, true, cb));
ok('confirmRegistration', !confirmError, confirmError);
const session = await new Promise((resolve, reject) =>
  new CognitoUser({ Username: login, Pool: pool }).authenticateUser(
    new AuthenticationDetails({ Username: login, Password: password }),
    { onSuccess: resolve, onFailure: reject },
  ));
const idToken = session.getIdToken().getJwtToken();
const sub = session.getIdToken().decodePayload().sub;

const logins = { [`cognito-idp.us-east-1.amazonaws.com/${SEED1_POOL}`]: idToken };
const user = await fromCognitoIdentityPool({ identityPoolId: IDENTITY_POOL, logins, clientConfig })();
const userRecord = await issued(user.accessKeyId);
ok('fromCognitoIdentityPool with the ID token of an SRP sign-in: the authenticated role for the user\'s identity',
  user.identityId && userRecord?.authenticated === true && userRecord.identity_id === user.identityId &&
    userRecord.role_arn.includes('usersgrouprole'),
  { userRecord, identityId: user.identityId });
const again = await fromCognitoIdentityPool({ identityPoolId: IDENTITY_POOL, logins, clientConfig })();
ok('the same user gets the same identity again', again.identityId === user.identityId, [again.identityId, user.identityId]);
ok('and the identity is not the guest one', user.identityId !== guest.identityId && typeof sub === 'string', user.identityId);
