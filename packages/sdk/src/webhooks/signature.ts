import { signatureOf } from '#hmac';
import { WebhookVerificationError } from '../errors.js';
import { fromBase64 } from './base64.js';

/** The request body exactly as received: re-serialised JSON would not match the signature. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** A Fetch `Headers`, or a plain record such as Node's `req.headers`; names are matched case-insensitively. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const key in headers) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    return typeof value === 'object' ? value.join(' ') : value;
  }
  return undefined;
}

// Secrets already checked, so the hot path does not decode the same base64 on every delivery.
const checkedKeys = new Set<string>();

/** The key's base64 from `whsec_<base64>` (the prefix is optional), checked to be base64. */
export function secretKey(secret: string): string {
  const key = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  if (checkedKeys.has(key)) return key;
  try {
    if (fromBase64(key).length > 0) {
      if (checkedKeys.size >= 32) checkedKeys.clear();
      checkedKeys.add(key);
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new TypeError('A webhook secret is "whsec_" followed by base64, as returned when the endpoint was created');
}

/** The raw body as a string or bytes, as given: hashing either is the same, and a string needs no copy. */
export function rawPayload(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new WebhookVerificationError(
    'payload_not_raw',
    'Pass the raw request body (string, Uint8Array or ArrayBuffer), not a parsed object: the signature covers ' +
      'the exact bytes sent. In Express use express.raw({ type: "application/json" }); with fetch, await request.text().',
  );
}

/** base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, as the Standard Webhooks spec defines it. */
export function sign(id: string, timestamp: string, body: string | Uint8Array, key: string): string | Promise<string> {
  return signatureOf(key, id, timestamp, body);
}

/** Compares without an early exit, so the time taken does not reveal how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
