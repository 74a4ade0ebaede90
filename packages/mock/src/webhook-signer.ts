/** The three Standard Webhooks headers (a type alias, so it fits any header record). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

/**
 * Signs a webhook body as the Standard Webhooks spec says: base64 HMAC-SHA256 of
 * `id.timestamp.body` with the base64-decoded `whsec_` secret. Web Crypto, so browsers too.
 *
 * @example
 * const headers = await signWebhook({ id: 'evt_1', timestamp: 1767225600, body, secret: 'whsec_…' });
 */
export async function signWebhook(input: { id: string; timestamp: number; body: string; secret: string }): Promise<WebhookHeaders> {
  const signed = new TextEncoder().encode(`${input.id}.${input.timestamp}.${input.body}`);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await keyFor(input.secret), signed));
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': `v1,${btoa(String.fromCharCode(...mac))}`,
  };
}
