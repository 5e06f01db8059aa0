// Times one sign-in's client SRP work: our wasm export beside amazon-cognito-identity-js, in the
// same page on the same inputs. run.mjs calls window.runBench(cfg) and does the statistics.
import init, { srp_sign_in, PreparedSignIn } from '/pkg/srp_bench.js';

const { AuthenticationHelper, DateHelper } = window.AmazonCognitoIdentity;
const ready = init();

// The UMD bundle exports AuthenticationHelper but not its BigInteger, Buffer or HMAC class;
// take each from a live object so we run the bundle's own code, as CognitoUser does.
const probe = new AuthenticationHelper('probe');
const BigInteger = probe.N.constructor;
const Buffer = probe.infoBits.constructor;
const Sha256 = bundledSha256();

// @aws-crypto/sha256-js's Sha256.update reads `this.error`; a getter briefly put on
// Object.prototype sees that read with `this` = the instance, which names the class.
function bundledSha256() {
  let found = null;
  Object.defineProperty(Object.prototype, 'error', {
    configurable: true,
    get() {
      if (!found && typeof this.digestSync === 'function') found = this.constructor;
      return undefined;
    },
  });
  try {
    probe.hash(Buffer.from('probe', 'utf8'));
  } finally {
    delete Object.prototype.error;
  }
  if (!found) throw new Error("could not reach the bundle's Sha256 class");
  return found;
}

// CognitoUser's sign-in takes `a` from generateRandomSmallA in the helper's constructor. To get
// a known signature while keeping its real cost (random bytes, then A = g^a once), let it draw
// its random a as usual and hand back ours instead, as scripts/srp-vectors/identity-js.mjs does.
// (Overwriting smallAValue after construction would compute A twice per sign-in.)
let fixedA = null;
const drawA = AuthenticationHelper.prototype.generateRandomSmallA;
AuthenticationHelper.prototype.generateRandomSmallA = function () {
  const random = drawA.call(this);
  return fixedA ?? random;
};

// CognitoUser.authenticateUserDefaultAuth's computation minus its two network requests.
function identityJsSignIn(c) {
  const helper = new AuthenticationHelper(c.poolName);
  let srpA, signature;
  helper.getLargeAValue((err, A) => {
    if (err) throw err;
    srpA = A.toString(16);
  });
  const B = new BigInteger(c.B_hex, 16);
  const salt = new BigInteger(c.salt_hex, 16);
  helper.getPasswordAuthenticationKey(c.userId, c.password, B, salt, (err, hkdf) => {
    if (err) throw err;
    const dateNow = new DateHelper().getNowString();
    const message = Buffer.concat([
      Buffer.from(c.poolName, 'utf8'),
      Buffer.from(c.userId, 'utf8'),
      Buffer.from(c.secretBlock, 'base64'),
      Buffer.from(dateNow, 'utf8'),
    ]);
    const mac = new Sha256(hkdf);
    mac.update(message);
    signature = Buffer.from(mac.digestSync()).toString('base64');
  });
  return `${srpA} ${signature}`;
}

const ours = (c, aHex) => () =>
  srp_sign_in(c.poolId, c.userId, c.password, aHex, c.salt_hex, c.B_hex, c.secretBlock,
    c.timestamp);
// The widget computes A while the form is shown; this times only what follows the press. A new
// client per round (made untimed, in the previous round) keeps each a single-use.
const oursAfterPress = (c, aHex) => {
  let next = new PreparedSignIn(aHex);
  return {
    prepare: () => (next = new PreparedSignIn(aHex)),
    run: () => next.respond(c.poolId, c.userId, c.password, c.salt_hex, c.B_hex, c.secretBlock,
      c.timestamp),
  };
};
const identityJs = (c, aHex) => {
  const a = new BigInteger(aHex, 16);
  return () => {
    fixedA = a;
    try {
      return identityJsSignIn(c);
    } finally {
      fixedA = null;
    }
  };
};

// SRP_A as a canonical hex number (ours and identity-js may pad differently).
const canon = out => {
  const [A, sig] = out.split(' ');
  return `${A.toLowerCase().replace(/^0+/, '')} ${sig}`;
};

function mustEqual(what, got, want) {
  if (got !== want) throw new Error(`${what} disagree:\n  ${got}\n  ${want}`);
}

window.runBench = async c => {
  await ready;
  // DateHelper reads the clock; pin it to the case's timestamp (performance.now is unaffected).
  const RealDate = window.Date;
  window.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [c.timestamp * 1000]));
    }
    static now() {
      return c.timestamp * 1000;
    }
  };
  try {
    const afterPress = oursAfterPress(c, c.a256);
    const impls = {
      ours256: ours(c, c.a256),
      ours256AfterPress: afterPress.run,
      ours1024: ours(c, c.a1024),
      identityJs: identityJs(c, c.a1024),
    };
    // Correctness first, untimed: ours against the vector, identity-js against ours at both
    // sizes of a. Every timed output must then equal these.
    const want = Object.fromEntries(Object.entries(impls).map(([name, run]) => [name, canon(run())]));
    mustEqual('ours (1024-bit a) and the vector', want.ours1024,
      canon(`${c.expectedA} ${c.expectedSignature}`));
    mustEqual('identity-js and ours (1024-bit a)', want.identityJs, want.ours1024);
    mustEqual('ours with A ready and ours in one go', want.ours256AfterPress, want.ours256);
    mustEqual('identity-js and ours (256-bit a)', canon(identityJs(c, c.a256)()), want.ours256);

    // Interleaved rounds, so load from other processes on the machine hits all three alike.
    const times = Object.fromEntries(Object.keys(impls).map(name => [name, []]));
    for (let round = -c.warmups; round < c.runs; round++) {
      for (const [name, run] of Object.entries(impls)) {
        if (name === 'ours256AfterPress') afterPress.prepare();
        const t0 = performance.now();
        const out = run();
        const dt = performance.now() - t0;
        if (round >= 0) times[name].push(dt);
        mustEqual(`${name} output on round ${round}`, canon(out), want[name]);
      }
    }
    return { times, crossOriginIsolated: window.crossOriginIsolated };
  } finally {
    window.Date = RealDate;
  }
};
window.benchLoaded = true;
