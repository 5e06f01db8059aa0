// amazon-cognito-identity-js (npm) with MFA and a remembered device, in node, against the
// emulator's MFA-required pool (TOTP or e-mail; devices remembered when the user says so).
// signUp → confirmRegistration → authenticateUser hits MFA_SETUP → associateSoftwareToken →
// verifySoftwareToken (signed in); the next sign-in calls totpRequired → sendMFACode, which
// confirms the new device (ConfirmDevice, its own device verifier); setDeviceStatusRemembered;
// the next sign-in runs its DEVICE_SRP_AUTH and asks for no code; after forgetDevice, it asks
// again. TOTP codes come from RFC 6238 computed here with node's crypto, not from the emulator.
// Needs ENDPOINT, MFA_POOL, MFA_CLIENT (see run).
import { createHmac } from 'node:crypto';
import identity from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } = identity;
const { ENDPOINT, MFA_POOL, MFA_CLIENT } = process.env;
const pool = new CognitoUserPool({ UserPoolId: MFA_POOL, ClientId: MFA_CLIENT, endpoint: `${ENDPOINT}/` });
const login = 'margaret@example.com';
const password = 'Apollo11Landing';

function ok(what, held, got) {
  if (!held) {
    console.error(`  FAIL: ${what}\n  got: ${JSON.stringify(got)}`);
    process.exit(1);
  }
  console.log(`  ok: ${what}`);
}

// RFC 6238 (HMAC-SHA-1, 6 digits, 30 s) over an RFC 4648 base32 secret.
function totp(secret, unix = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}

const settle = (start) => new Promise((resolve) => start((err, result) => resolve([err, result])));

// authenticateUser, reporting which callback ended it: [name, value, user].
function signIn(onChallenge = {}) {
  const user = new CognitoUser({ Username: login, Pool: pool });
  return new Promise((resolve) => {
    const done = (name) => (value, extra) => resolve([name, value, user, extra]);
    user.authenticateUser(new AuthenticationDetails({ Username: login, Password: password }), {
      onSuccess: done('onSuccess'),
      onFailure: done('onFailure'),
      mfaSetup: onChallenge.mfaSetup ? () => onChallenge.mfaSetup(user, resolve) : done('mfaSetup'),
      totpRequired: onChallenge.totpRequired ? () => onChallenge.totpRequired(user, resolve) : done('totpRequired'),
      mfaRequired: done('mfaRequired'),
      selectMFAType: done('selectMFAType'),
      newPasswordRequired: done('newPasswordRequired'),
    });
  });
}

const attributes = [new CognitoUserAttribute({ Name: 'email', Value: login })];
const [signUpError] = await settle((cb) => pool.signUp(login, password, attributes, null, cb));
ok('signUp in the MFA pool', !signUpError, signUpError);
const outbox = async () => (await (await fetch(`${ENDPOINT}/_emulator/outbox`)).json());
const code = (await outbox()).filter((m) => m.destination === login).at(-1).code;
const [confirmError] = await settle((cb) => new CognitoUser({ Username: login, Pool: pool }).confirmRegistration(code, true, cb));
ok('confirmRegistration with the code from the outbox', !confirmError, confirmError);

let secret;
const [setupEnd, setupSession] = await signIn({
  mfaSetup: (user, resolve) =>
    user.associateSoftwareToken({
      associateSecretCode: (s) => {
        secret = s;
        user.verifySoftwareToken(totp(s), 'node', {
          onSuccess: (session) => resolve(['onSuccess', session, user]),
          onFailure: (e) => resolve(['onFailure', e, user]),
        });
      },
      onFailure: (e) => resolve(['onFailure', e, user]),
    }),
});
ok('MFA_SETUP → associateSoftwareToken → verifySoftwareToken (code from RFC 6238 here): signed in',
  setupEnd === 'onSuccess' && setupSession.isValid() && /^[A-Z2-7]{16,}$/.test(secret), [setupEnd, setupSession]);

// Every later sign-in must answer with a later code (a code is taken once): the next step's.
const nextCode = () => totp(secret, Date.now() / 1000 + 30);
let lastCode;
const answerTotp = (codeOf) => (user, resolve) => {
  lastCode = codeOf();
  user.sendMFACode(lastCode, {
    onSuccess: (session, confirmationNecessary) => resolve(['onSuccess', session, user, confirmationNecessary]),
    onFailure: (e) => resolve(['onFailure', e, user]),
  }, 'SOFTWARE_TOKEN_MFA');
};
const [wrongEnd, wrongError] = await signIn({ totpRequired: answerTotp(() => (totp(secret) === '000000' ? '111111' : '000000')) });
ok('totpRequired → sendMFACode with a wrong code: CodeMismatchException',
  wrongEnd === 'onFailure' && wrongError.code === 'CodeMismatchException', wrongError);

const [mfaEnd, mfaSession, mfaUser, confirmationNecessary] = await signIn({ totpRequired: answerTotp(nextCode) });
ok('totpRequired → sendMFACode: signed in, and the new device confirmed (ConfirmDevice) with the pool asking the user',
  mfaEnd === 'onSuccess' && mfaSession.isValid() && confirmationNecessary === true && mfaUser.deviceKey,
  [mfaEnd, confirmationNecessary, mfaUser.deviceKey]);
const [rememberError] = await settle((cb) => mfaUser.setDeviceStatusRemembered({ onSuccess: (r) => cb(null, r), onFailure: cb }));
ok('setDeviceStatusRemembered', !rememberError, rememberError);
const [listError, listed] = await settle((cb) => mfaUser.listDevices(60, null, { onSuccess: (r) => cb(null, r), onFailure: cb }));
ok('listDevices: this device, named by its user agent',
  !listError && listed.Devices.length === 1 && listed.Devices[0].DeviceKey === mfaUser.deviceKey, listError ?? listed);
mfaUser.signOut();

const [rememberedEnd, rememberedSession, rememberedUser] = await signIn();
ok('the next sign-in runs DEVICE_SRP_AUTH with the remembered device and asks for no code',
  rememberedEnd === 'onSuccess' && rememberedSession.isValid() &&
    rememberedSession.getAccessToken().decodePayload().device_key === mfaUser.deviceKey,
  [rememberedEnd, rememberedSession?.getAccessToken?.().decodePayload()]);

const [forgetError] = await settle((cb) => rememberedUser.forgetDevice({ onSuccess: (r) => cb(null, r), onFailure: cb }));
ok('forgetDevice', !forgetError, forgetError);
const [afterForget] = await signIn();
ok('after forgetDevice the sign-in asks for the code again (totpRequired)', afterForget === 'totpRequired', afterForget);
