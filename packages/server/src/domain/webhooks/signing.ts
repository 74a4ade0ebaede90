/** Standard Webhooks signing with Web Crypto (runs in any runtime). */

/** The three Standard Webhooks headers of a delivery. */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const encoder = new TextEncoder();
// Importing a key costs more than signing with it; endpoints are few, their keys are reused.
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 1000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

/**
 * A new signing secret: `whsec_` + base64 of 32 random bytes.
 *
 * @example
 * newWebhookSecret(); // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Z0sGxNwV0Q='
 */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * Signs a delivery as Standard Webhooks says: `webhook-signature` holds one
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret (keyed with the decoded part after
 * `whsec_`), space-separated, so both secrets sign during a rotation.
 *
 * @example
 * const headers = await signWebhook({ id: 'evt_1', timestamp: 1767225600, body, secret: 'whsec_…' });
 */
export async function signWebhook(input: { id: string; timestamp: number; body: string; secret: string | string[] }): Promise<WebhookHeaders> {
  const signed = encoder.encode(`${input.id}.${input.timestamp}.${input.body}`);
  const secrets = Array.isArray(input.secret) ? input.secret : [input.secret];
  const signatures = await Promise.all(
    secrets.map(async (secret) => `v1,${toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(secret), signed)))}`),
  );
  return { 'webhook-id': input.id, 'webhook-timestamp': String(input.timestamp), 'webhook-signature': signatures.join(' ') };
}
