// The emulator's API as the journeys use it to arrange users: the public Cognito operations,
// admin operations signed with SigV4 (as the aws CLI signs them), the pools listing and the
// outbox of codes. Nothing here drives the widget.
import { createHash, createHmac } from 'node:crypto';

const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Signature Version 4 headers for a cognito-idp JSON request (test credentials). */
function sigv4(url, target, body, region = 'us-east-1') {
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const host = new URL(url).host;
  const headers = { 'content-type': 'application/x-amz-json-1.1', host, 'x-amz-date': amzDate, 'x-amz-target': target };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${day}/${region}/cognito-idp/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${'e2e-secret'}`, day);
  for (const part of [region, 'cognito-idp', 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, toSign).toString('hex');
  delete headers.host;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=e2e-key/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

export class EmulatorApi {
  constructor(base) {
    this.base = base.replace(/\/$/, '');
  }

  /** Calls an operation; resolves to the answer, rejects with `{name, message}`. */
  async call(op, body, { admin = false } = {}) {
    const target = `AWSCognitoIdentityProviderService.${op}`;
    const text = JSON.stringify(body);
    const headers = admin ? sigv4(`${this.base}/`, target, text)
      : { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
    const answer = await fetch(`${this.base}/`, { method: 'POST', headers, body: text });
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) throw Object.assign(new Error(`${op}: ${json.__type}: ${json.message}`), { name: json.__type });
    return json;
  }

  /** `{poolId, clientId}` of a pool (by name) and one of its clients (by name; else the first). */
  async client(poolName, clientName) {
    const { pools } = await (await fetch(`${this.base}/_emulator/pools`)).json();
    const pool = pools.find((p) => p.pool.name === poolName);
    const client = clientName ? pool.clients.find((c) => c.client.name === clientName) : pool.clients[0];
    return { poolId: pool.pool.id, clientId: client.client.id };
  }

  /** The newest code sent to `destination`. */
  async code(destination) {
    const outbox = await (await fetch(`${this.base}/_emulator/outbox`)).json();
    return outbox.filter((m) => m.destination === destination).at(-1)?.code;
  }

  /**
   * A confirmed user of the demo pool (e-mail as username, given and family name required),
   * with `more` attributes (`[{Name, Value}]`) given at sign-up.
   */
  async confirmedUser(clientId, email, password, more = []) {
    await this.call('SignUp', {
      ClientId: clientId, Username: email, Password: password,
      UserAttributes: [{ Name: 'given_name', Value: 'Ada' }, { Name: 'family_name', Value: 'Lovelace' }, ...more],
    });
    await this.call('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: await this.code(email) });
  }

  /** An administrator-created user who must choose a password at first sign-in. */
  async invitedUser(poolId, email, temporaryPassword) {
    await this.call('AdminCreateUser', {
      UserPoolId: poolId, Username: email, TemporaryPassword: temporaryPassword,
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'given_name', Value: 'Ada' },
        { Name: 'family_name', Value: 'Lovelace' }],
    }, { admin: true });
  }
}
