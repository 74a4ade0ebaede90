import { decodeBase64Url, encodeBase64Url } from '../base64url.js';

/**
 * Seals secrets the server must keep but never store in the clear (webhook signing secrets):
 * AES-256-GCM with Web Crypto, a fresh 96-bit nonce per seal, the row the secret belongs to as
 * additional data (a sealed value copied to another row does not open). Several keys may be
 * configured: the first seals, any opens, which is what rotation needs. Keys are imported
 * non-extractable; only their ids, a hash prefix, ever appear in text.
 */
export interface SecretKeyring {
  /** Id of the key new values are sealed with. */
  readonly primaryId: string;
  /** Ids of every configured key, the primary first. */
  readonly ids: readonly string[];
  /** `sealed:v1:<key id>:<base64url of nonce ‖ ciphertext ‖ tag>`. */
  seal(plain: string, context: string): Promise<string>;
  /** The plain value; throws when no configured key sealed it or the value was altered. */
  open(sealed: string, context: string): Promise<string>;
  /** Whether a stored value is sealed with the primary key already (nothing to re-seal). */
  isCurrent(stored: string): boolean;
}

const PREFIX = 'sealed:v1:';
const NONCE_BYTES = 12;

/** Whether a stored value is sealed (by any key) rather than plain. */
export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The prefix of values sealed with key `id`. */
export const sealedPrefix = (id: string): string => `${PREFIX}${id}:`;

/**
 * A keyring over 32-byte keys, the first sealing.
 *
 * @example
 * const ring = await createSecretKeyring(parseSecretKeys(process.env.NEXUS_SECRETS_KEYS!));
 * const sealed = await ring.seal('whsec_…', 'acct_1/test/whk_1');
 */
export async function createSecretKeyring(keys: readonly Uint8Array[]): Promise<SecretKeyring> {
  if (keys.length === 0) throw new Error('A secrets keyring needs at least one key.');
  const entries = await Promise.all(keys.map(async (raw) => {
    if (raw.length !== 32) throw new Error(`A secrets key must be 32 bytes; one has ${raw.length}.`);
    const bytes = raw as Uint8Array<ArrayBuffer>;
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    return { id: await keyId(bytes), key };
  }));
  const byId = new Map(entries.map((e) => [e.id, e.key]));
  if (byId.size !== entries.length) throw new Error('The same secrets key is configured twice.');
  const primary = entries[0]!;
  const ids = entries.map((e) => e.id);
  const data = (context: string) => new TextEncoder().encode(context);
  return {
    primaryId: primary.id,
    ids,
    async seal(plain, context) {
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: data(context) }, primary.key, new TextEncoder().encode(plain));
      const out = new Uint8Array(NONCE_BYTES + sealed.byteLength);
      out.set(nonce);
      out.set(new Uint8Array(sealed), NONCE_BYTES);
      return `${sealedPrefix(primary.id)}${encodeBase64Url(out)}`;
    },
    async open(sealed, context) {
      if (!isSealed(sealed)) throw new Error('The stored secret is not sealed.');
      const [id, body = ''] = sealed.slice(PREFIX.length).split(':');
      const key = byId.get(id!);
      if (!key) throw new Error(`A secret is sealed with key ${id}, which is not configured (configured: ${ids.join(', ')}).`);
      const bytes = decodeBase64Url(body) ?? new Uint8Array();
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, NONCE_BYTES), additionalData: data(context) }, key, bytes.subarray(NONCE_BYTES),
        );
        return new TextDecoder().decode(plain);
      } catch {
        throw new Error(`A secret sealed with key ${id} does not open: it was altered or belongs to another record.`);
      }
    },
    isCurrent: (stored) => stored.startsWith(sealedPrefix(primary.id)),
  };
}

/**
 * Keys from configuration text: base64 (or base64url) of 32 bytes each, comma-separated, the
 * sealing key first (`NEXUS_SECRETS_KEYS="new,old"`).
 *
 * @example
 * parseSecretKeys('q0d…=,Zm9…='); // [Uint8Array(32), Uint8Array(32)]
 */
export function parseSecretKeys(text: string): Uint8Array[] {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('No secrets key given: expected base64 of 32 bytes, comma-separated.');
  return parts.map((part, i) => {
    const bytes = decodeBase64Url(part);
    if (bytes?.length !== 32) throw new Error(`Secrets key ${i + 1} is not base64 of 32 bytes (generate one with: openssl rand -base64 32).`);
    return bytes;
  });
}

/** A new random key, base64: what `openssl rand -base64 32` prints. */
export function newSecretKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** A short public id of a key: its use shows in sealed values and messages, never the key. */
async function keyId(key: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode('nexus secrets key id\u0000');
  const input = new Uint8Array(label.length + key.length);
  input.set(label);
  input.set(key, label.length);
  return encodeBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', input))).slice(0, 8);
}
