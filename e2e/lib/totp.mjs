// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) in plain node, so the tests can act as the
// user's authenticator app without any dependency.
import { createHmac } from 'node:crypto';

const STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (padding, spaces and case ignored). */
export function base32Decode(input) {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${JSON.stringify(ch)}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP for counter `counter`. */
export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

/** The 30-second time step of `ms` (milliseconds since the epoch). */
export function timeStep(ms = Date.now()) {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The TOTP code of a base32 `secret` for time step `step`. */
export function totp(secret, step = timeStep()) {
  return hotp(base32Decode(secret), step);
}
