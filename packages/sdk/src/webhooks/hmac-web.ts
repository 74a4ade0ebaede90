import { fromBase64, toBase64 } from './base64.js';

// Importing a key costs more than the HMAC itself; receivers verify with the same one or two
// secrets all day. Bounded so a multi-tenant receiver cycling through many secrets cannot grow it.
const keys = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

/** base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` with Web Crypto: browsers, Deno, Bun, edge workers. */
export async function signatureOf(secretBase64: string, id: string, timestamp: string, body: string | Uint8Array): Promise<string> {
  let key = keys.get(secretBase64);
  if (!key) {
    if (keys.size >= 32) keys.clear();
    key = crypto.subtle.importKey('raw', fromBase64(secretBase64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secretBase64, key);
  }
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const message = new Uint8Array(prefix.length + bytes.length);
  message.set(prefix);
  message.set(bytes, prefix.length);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', await key, message)));
}
