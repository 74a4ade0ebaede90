import { fromBase64 } from './base64.js';

// Importing a key costs more than the HMAC itself; receivers verify with the same one or two
// secrets all day. Bounded so a multi-tenant receiver cycling through many secrets cannot grow it.
const keys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA256 with Web Crypto: browsers, Deno, Bun, edge workers. */
export async function hmacSha256(secretBase64: string, message: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  let key = keys.get(secretBase64);
  if (!key) {
    if (keys.size >= 32) keys.clear();
    key = crypto.subtle.importKey('raw', fromBase64(secretBase64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secretBase64, key);
  }
  return new Uint8Array(await crypto.subtle.sign('HMAC', await key, message));
}
