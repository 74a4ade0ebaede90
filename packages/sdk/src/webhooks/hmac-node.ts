import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

// Decoding and wrapping the key costs about as much as the HMAC of a 1 kB body; receivers verify
// with the same one or two secrets all day. Bounded so cycling through many secrets cannot grow it.
const keys = new Map<string, KeyObject>();

/**
 * base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` with node:crypto: synchronous, and the parts
 * are fed to the hash as they are, so a string body is never copied into a joined buffer.
 */
export function signatureOf(secretBase64: string, id: string, timestamp: string, body: string | Uint8Array): string {
  let key = keys.get(secretBase64);
  if (!key) {
    if (keys.size >= 32) keys.clear();
    key = createSecretKey(Buffer.from(secretBase64, 'base64'));
    keys.set(secretBase64, key);
  }
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
}
