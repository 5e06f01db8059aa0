// Runs amazon-cognito-identity-js (the reference JS client) on fixed SRP inputs.
//
// Input (stdin, JSON):
//   { "cases": [ { name, pool_id, client_id, login_name, password, a_hex,
//                  timestamp_unix, challenge: { SALT, SRP_B, SECRET_BLOCK,
//                  USERNAME, USER_ID_FOR_SRP } } ],
//     "reject_B_hex": [ "<hex>", ... ] }
// Output (stdout, JSON):
//   { "node": process.version, "package_version": "...",
//     "results": { <name>: { flow: {...}, helper: {...} } },
//     "rejects_B": { <hex>: "<error message or null>" } }
//
// Two independent runs per case, both using only the package's own code:
//   flow   - the real CognitoUser.authenticateUser (USER_SRP_AUTH ->
//            authenticateUserDefaultAuth) against a fake in-process client,
//            with AuthenticationHelper.prototype.generateRandomSmallA returning
//            the fixed `a` and global Date fixed, so SRP_A, TIMESTAMP and
//            PASSWORD_CLAIM_SIGNATURE are exactly what the library would send.
//   helper - AuthenticationHelper used directly: smallAValue set, A recomputed
//            with getLargeAValue, getPasswordAuthenticationKey, then the
//            signature computed the way authenticateUserDefaultAuth does it
//            (HMAC-SHA256 via the package's own @aws-crypto/sha256-js).
// Nothing here touches the network: the fake client answers every request.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const pkgMain = require.resolve('amazon-cognito-identity-js');
const pkgRequire = createRequire(pkgMain);
const identity = require('amazon-cognito-identity-js');
const pkgJson = pkgRequire('../package.json');
const { Sha256 } = pkgRequire('@aws-crypto/sha256-js');
const {
	AuthenticationHelper,
	AuthenticationDetails,
	CognitoUser,
	CognitoUserPool,
	DateHelper,
} = identity;
// The package's BigInteger (JSBN) is not exported from the main entry; take
// the class from an instance so that `instanceof` checks inside padHex hold.
const BigInteger = new AuthenticationHelper('probe').N.constructor;

const RealDate = globalThis.Date;
function withFixedDate(unixSeconds, fn) {
	const fixedMs = unixSeconds * 1000;
	class FixedDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(fixedMs);
			else super(...args);
		}
		static now() {
			return fixedMs;
		}
	}
	globalThis.Date = FixedDate;
	const restore = () => {
		globalThis.Date = RealDate;
	};
	let result;
	try {
		result = fn();
	} catch (e) {
		restore();
		throw e;
	}
	return Promise.resolve(result).finally(restore);
}

class MemStorage {
	constructor() {
		this.m = new Map();
	}
	getItem(k) {
		return this.m.has(k) ? this.m.get(k) : null;
	}
	setItem(k, v) {
		this.m.set(k, String(v));
	}
	removeItem(k) {
		this.m.delete(k);
	}
	clear() {
		this.m.clear();
	}
}

const hex = bi => bi.toString(16);

// Capture intermediates from the AuthenticationHelper instance(s) created
// inside authenticateUserDefaultAuth by wrapping prototype methods.
const proto = AuthenticationHelper.prototype;
const orig = {
	generateRandomSmallA: proto.generateRandomSmallA,
	calculateS: proto.calculateS,
	computehkdf: proto.computehkdf,
};
let fixedSmallA = null; // BigInteger or null
let capture = null;
proto.generateRandomSmallA = function () {
	const r = orig.generateRandomSmallA.call(this);
	return fixedSmallA !== null ? fixedSmallA : r;
};
proto.calculateS = function (xValue, serverBValue, callback) {
	if (capture) capture.x = xValue;
	return orig.calculateS.call(this, xValue, serverBValue, (err, s) => {
		if (capture && !err) capture.S = s;
		callback(err, s);
	});
};
proto.computehkdf = function (ikm, salt) {
	const out = orig.computehkdf.call(this, ikm, salt);
	if (capture) {
		capture.ikm = Buffer.from(ikm).toString('hex');
		capture.hkdfSalt = Buffer.from(salt).toString('hex');
		capture.hkdf = Buffer.from(out).toString('hex');
	}
	return out;
};

function runFlow(c) {
	return new Promise((resolve, reject) => {
		const requests = [];
		let helperSeen = null;
		capture = {};
		fixedSmallA = new BigInteger(c.a_hex, 16);
		const fakeClient = {
			request(operation, params, cb) {
				requests.push({ operation, params: JSON.parse(JSON.stringify(params)) });
				if (operation === 'InitiateAuth') {
					return cb(null, {
						ChallengeName: 'PASSWORD_VERIFIER',
						ChallengeParameters: { ...c.challenge },
						Session: 'fake-session',
					});
				}
				if (operation === 'RespondToAuthChallenge') {
					// Stop the flow here: everything we need has been sent.
					const e = new Error('stop (vector generator)');
					e.code = 'VectorGeneratorStop';
					return cb(e, null);
				}
				return cb(new Error(`unexpected operation ${operation}`), null);
			},
		};
		const pool = new CognitoUserPool({
			UserPoolId: c.pool_id,
			ClientId: c.client_id,
			endpoint: 'http://127.0.0.1:9/', // never used: client replaced below
			Storage: new MemStorage(),
			AdvancedSecurityDataCollectionFlag: false,
		});
		pool.client = fakeClient;
		const user = new CognitoUser({
			Username: c.login_name,
			Pool: pool,
			Storage: new MemStorage(),
		});
		user.setAuthenticationFlowType('USER_SRP_AUTH');
		const details = new AuthenticationDetails({
			Username: c.login_name,
			Password: c.password,
		});
		// Record the helper instance that the flow creates.
		const origGetLarge = proto.getLargeAValue;
		proto.getLargeAValue = function (cb) {
			helperSeen = this;
			return origGetLarge.call(this, cb);
		};
		const done = err => {
			proto.getLargeAValue = origGetLarge;
			fixedSmallA = null;
			const cap = capture;
			capture = null;
			if (!err || err.code !== 'VectorGeneratorStop') {
				return reject(err || new Error('flow ended without RespondToAuthChallenge'));
			}
			const init = requests.find(r => r.operation === 'InitiateAuth');
			const resp = requests.find(r => r.operation === 'RespondToAuthChallenge');
			const h = helperSeen;
			const B = new BigInteger(c.challenge.SRP_B, 16);
			resolve({
				initiate_USERNAME: init.params.AuthParameters.USERNAME,
				SRP_A: init.params.AuthParameters.SRP_A,
				respond_USERNAME: resp.params.ChallengeResponses.USERNAME,
				PASSWORD_CLAIM_SECRET_BLOCK: resp.params.ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK,
				TIMESTAMP: resp.params.ChallengeResponses.TIMESTAMP,
				PASSWORD_CLAIM_SIGNATURE: resp.params.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE,
				a_hex: hex(h.smallAValue),
				A_hex: hex(h.largeAValue),
				A_pad_hex: h.padHex(h.largeAValue),
				B_pad_hex: h.padHex(B),
				u_hex: hex(h.UValue),
				u_pad_hex: h.padHex(h.UValue),
				x_hex: hex(cap.x),
				S_hex: hex(cap.S),
				S_pad_hex: h.padHex(cap.S),
				hkdf_ikm_hex: cap.ikm,
				hkdf_salt_hex: cap.hkdfSalt,
				hkdf_key_hex: cap.hkdf,
			});
		};
		try {
			user.authenticateUser(details, {
				onSuccess: () => done(null),
				onFailure: err => done(err),
				newPasswordRequired: () => done(null),
				mfaRequired: () => done(null),
				customChallenge: () => done(null),
			});
		} catch (e) {
			proto.getLargeAValue = origGetLarge;
			fixedSmallA = null;
			capture = null;
			reject(e);
		}
	});
}

function runHelper(c) {
	return new Promise((resolve, reject) => {
		const poolName = c.pool_id.split('_')[1];
		const h = new AuthenticationHelper(poolName);
		// Replace the random a and recompute A with the helper's own method.
		h.smallAValue = new BigInteger(c.a_hex, 16);
		h.largeAValue = undefined;
		let A = null;
		h.getLargeAValue((err, v) => {
			if (err) return reject(err);
			A = v;
		});
		capture = {};
		const B = new BigInteger(c.challenge.SRP_B, 16);
		const salt = new BigInteger(c.challenge.SALT, 16);
		const userId = c.challenge.USER_ID_FOR_SRP;
		h.getPasswordAuthenticationKey(userId, c.password, B, salt, (err, hkdf) => {
			const cap = capture;
			capture = null;
			if (err) return reject(err);
			const timestamp = new DateHelper().getNowString();
			const msg = Buffer.concat([
				Buffer.from(poolName, 'utf8'),
				Buffer.from(userId, 'utf8'),
				Buffer.from(c.challenge.SECRET_BLOCK, 'base64'),
				Buffer.from(timestamp, 'utf8'),
			]);
			const mac = new Sha256(hkdf);
			mac.update(msg);
			const signature = Buffer.from(mac.digestSync()).toString('base64');
			resolve({
				SRP_A: A.toString(16),
				TIMESTAMP: timestamp,
				PASSWORD_CLAIM_SIGNATURE: signature,
				A_hex: hex(h.largeAValue),
				A_pad_hex: h.padHex(h.largeAValue),
				B_pad_hex: h.padHex(B),
				u_hex: hex(h.UValue),
				u_pad_hex: h.padHex(h.UValue),
				x_hex: hex(cap.x),
				S_hex: hex(cap.S),
				S_pad_hex: h.padHex(cap.S),
				hkdf_ikm_hex: cap.ikm,
				hkdf_salt_hex: cap.hkdfSalt,
				hkdf_key_hex: Buffer.from(hkdf).toString('hex'),
			});
		});
	});
}

function rejectB(bHex) {
	const h = new AuthenticationHelper('probe');
	try {
		h.getPasswordAuthenticationKey(
			'user',
			'password',
			new BigInteger(bHex, 16),
			new BigInteger('1234', 16),
			() => {}
		);
		return null;
	} catch (e) {
		return e.message;
	}
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = {};
for (const c of input.cases) {
	const flow = await withFixedDate(c.timestamp_unix, () => runFlow(c));
	const helper = await withFixedDate(c.timestamp_unix, () => runHelper(c));
	results[c.name] = { flow, helper };
}
const rejects_B = {};
for (const b of input.reject_B_hex || []) rejects_B[b] = rejectB(b);

process.stdout.write(
	JSON.stringify({
		node: process.version,
		package_version: pkgJson.version,
		results,
		rejects_B,
	})
);
