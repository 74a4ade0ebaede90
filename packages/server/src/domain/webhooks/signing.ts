/** Standard Webhooks signing with Web Crypto (runs in any runtime). */

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
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
 * The `webhook-signature` header: one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per
 * secret (keyed with the decoded part after `whsec_`), space-separated.
 *
 * @example
 * await signatureHeader([secret], 'evt_…', 1767225600, body); // 'v1,K5oZ…='
 */
export async function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): Promise<string> {
  const signed = encoder.encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    secrets.map(async (secret) => {
      const key = await crypto.subtle.importKey('raw', fromBase64(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return `v1,${toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, signed)))}`;
    }),
  );
  return signatures.join(' ');
}
