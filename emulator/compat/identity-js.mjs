// amazon-cognito-identity-js (npm, the SDK under Amplify v5) in node against the emulator:
// signUp → confirmRegistration with the code from the outbox → authenticateUser (its own SRP),
// then getUserAttributes with the session; a wrong code and a wrong password are refused with
// Cognito's error codes. Needs ENDPOINT, SEED1_POOL, SEED1_CLIENT (see run).
import identity from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = identity;
const { ENDPOINT, SEED1_POOL, SEED1_CLIENT } = process.env;
const pool = new CognitoUserPool({
  UserPoolId: SEED1_POOL,
  ClientId: SEED1_CLIENT,
  endpoint: `${ENDPOINT}/`,
});
const login = 'grace@example.com';
const password = 'cobol compiler 1959';

function ok(what, held, got) {
  if (!held) {
    console.error(`  FAIL: ${what}\n  got: ${JSON.stringify(got)}`);
    process.exit(1);
  }
  console.log(`  ok: ${what}`);
}
// The SDK's callbacks as promises that settle to [error, result].
const settle = (start) => new Promise((resolve) => start((err, result) => resolve([err, result])));
const signIn = (user, pw) =>
  new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: login, Password: pw }), {
      onSuccess: (session) => resolve([null, session]),
      onFailure: (err) => resolve([err, null]),
      newPasswordRequired: () => resolve([new Error('unexpected NEW_PASSWORD_REQUIRED'), null]),
    }),
  );

const attributes = [
  ['given_name', 'Grace'],
  ['family_name', 'Hopper'],
  ['custom:country', 'United States'],
].map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
const [signUpError, signedUp] = await settle((cb) => pool.signUp(login, password, attributes, null, cb));
ok('signUp: not confirmed yet, a code sent by e-mail',
  !signUpError && signedUp.userConfirmed === false &&
    signedUp.codeDeliveryDetails.DeliveryMedium === 'EMAIL',
  signUpError ?? signedUp.codeDeliveryDetails);

const outbox = await (await fetch(`${ENDPOINT}/_emulator/outbox`)).json();
const code = outbox.filter((m) => m.destination === login).at(-1).code;
const user = signedUp.user;
const wrongCode = code === '000000' ? '111111' : '000000';
const [mismatch] = await settle((cb) => user.confirmRegistration(wrongCode, true, cb));
ok('confirmRegistration with a wrong code: CodeMismatchException',
  mismatch?.code === 'CodeMismatchException', mismatch);
const [confirmError, confirmed] = await settle((cb) => user.confirmRegistration(code, true, cb));
ok('confirmRegistration with the code from the outbox', !confirmError && confirmed === 'SUCCESS',
  confirmError ?? confirmed);

const [wrong] = await signIn(new CognitoUser({ Username: login, Pool: pool }), 'not the password 1');
ok('authenticateUser with a wrong password: NotAuthorizedException',
  wrong?.code === 'NotAuthorizedException' && wrong.message === 'Incorrect username or password.',
  wrong);

const grace = new CognitoUser({ Username: login, Pool: pool });
const [signInError, session] = await signIn(grace, password);
const id = session?.getIdToken().decodePayload();
ok('authenticateUser (SRP): a valid session whose ID token names the user',
  !signInError && session.isValid() && id.email === login && id.aud === SEED1_CLIENT &&
    id['custom:country'] === 'United States' && id.iss === `${ENDPOINT}/${SEED1_POOL}`,
  signInError ?? id);

const [attributesError, read] = await settle((cb) => grace.getUserAttributes(cb));
const byName = Object.fromEntries((read ?? []).map((a) => [a.getName(), a.getValue()]));
ok('getUserAttributes with the access token: the attributes signed up with',
  !attributesError && byName.given_name === 'Grace' && byName.email_verified === 'true',
  attributesError ?? byName);
