/** Random identifiers from Web Crypto, so the core runs in browsers and workers too. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A random base62 string. Rejection sampling keeps every character equally likely.
 *
 * @example
 * randomBase62(32); // 'q3V…' (32 characters)
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      // 248 = 62 * 4: bytes above it would favour the first characters.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * A public identifier with a type prefix, e.g. `job_…`, `evt_…`, `req_…`.
 *
 * @example
 * newId('job'); // 'job_8Rt2Wq5Zx1Cv7Bn4…'
 */
export function newId(prefix: string, length = 20): string {
  return `${prefix}_${randomBase62(length)}`;
}
