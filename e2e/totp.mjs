// RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s steps) with node's crypto: the journeys' own
// authenticator app, independent of the emulator's implementation. `selfCheck()` holds it to
// the RFC's appendix B vectors (SHA-1, T = 59 s and 1111111109 s).
import { createHmac } from 'node:crypto';

/** The bytes of an RFC 4648 base32 secret (padding and spaces ignored). */
export function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.toUpperCase().replace(/[\s=]/g, '')) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The code for `key` (bytes) at Unix time `seconds`, `digits` long. */
export function codeAt(key, seconds, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 10 ** digits).padStart(digits, '0');
}

/** The app's code for a base32 `secret`, `steps` 30-second steps from now. */
export const appCode = (secret, steps = 0) => codeAt(base32(secret), Date.now() / 1000 + 30 * steps);

/** Throws unless the RFC 6238 appendix B SHA-1 vectors come out. */
export function selfCheck() {
  const key = Buffer.from('12345678901234567890');
  for (const [t, want] of [[59, '94287082'], [1111111109, '07081804'], [2000000000, '69279037']]) {
    const got = codeAt(key, t, 8);
    if (got !== want) throw new Error(`RFC 6238 vector at ${t}: ${got}, want ${want}`);
  }
  if (base32('GEZDGNBVGY3TQOJQ').toString() !== '1234567890') throw new Error('base32 vector');
}
