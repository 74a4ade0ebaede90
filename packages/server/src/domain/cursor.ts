import { ApiError } from '../errors.js';
import { canonicalJson } from '../canonical-json.js';
import { decodeBase64Url, encodeBase64Url } from '../base64url.js';
import type { KeysetPosition } from '../store/list.js';

/**
 * Signs cursors: HMAC-SHA256 (Web Crypto) with the server's cursor secret, imported once on
 * first use. The secret may arrive late (read from the store), hence the function form.
 */
export interface CursorSigner {
  tag(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * A signer over raw secret bytes, or over a function that resolves them on first use (a failed
 * lookup is retried on the next call).
 *
 * @example
 * const signer = cursorSigner(crypto.getRandomValues(new Uint8Array(32)));
 */
export function cursorSigner(secret: Uint8Array | (() => Promise<Uint8Array>)): CursorSigner {
  let key: Promise<CryptoKey> | undefined;
  const load = async () => {
    const bytes = typeof secret === 'function' ? await secret() : secret;
    return crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  };
  return {
    async tag(message) {
      key ??= load().catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      const mac = await crypto.subtle.sign('HMAC', await key, message as Uint8Array<ArrayBuffer>);
      return new Uint8Array(mac, 0, TAG_BYTES);
    },
  };
}

// 128 bits of HMAC-SHA256: the truncation RFC 2104 allows, and it keeps cursors short.
const TAG_BYTES = 16;

/**
 * Opaque base64url cursors: where a page ended (its last row's sort value and key fields), signed
 * together with the binding (list, account, sort, order, filters) so that it can be neither edited
 * nor used anywhere else. The binding is not carried, only signed: the cursor holds the tag and the
 * position, `base64url(tag ‖ JSON [value, ...keys])`.
 *
 * @example
 * const cursor = await encodeCursor(signer, { value: '2026-01-01T00:00:00.000Z', keys: ['SKU-1'] }, binding);
 * await decodeCursor(signer, cursor, binding); // { value: '2026-…', keys: ['SKU-1'] }
 */
export async function encodeCursor(signer: CursorSigner, position: KeysetPosition, binding: unknown): Promise<string> {
  const payload = utf8.encode(JSON.stringify([position.value, ...position.keys]));
  const tag = await signer.tag(signed(binding, payload));
  const bytes = new Uint8Array(TAG_BYTES + payload.length);
  bytes.set(tag);
  bytes.set(payload, TAG_BYTES);
  return encodeBase64Url(bytes);
}

/** The position a cursor carries; 400 `VALIDATION_FAILED` on `cursor` unless we signed it for this binding. */
export async function decodeCursor(signer: CursorSigner, cursor: string, binding: unknown): Promise<KeysetPosition> {
  // The spec allows only the base64url alphabet, so `=` or `+` never arrive here.
  const bytes = decodeBase64Url(cursor);
  if (!bytes || bytes.length <= TAG_BYTES) throw badCursor();
  const payload = bytes.subarray(TAG_BYTES);
  const expected = await signer.tag(signed(binding, payload));
  if (!sameBytes(expected, bytes.subarray(0, TAG_BYTES))) throw badCursor();
  // Signed by us, so well formed; checked anyway, so that a leaked secret cannot reach SQL with garbage.
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || !parsed.every((part) => typeof part === 'string')) throw badCursor();
  // U+0000 cannot reach PostgreSQL as text; no cursor we issue contains it.
  if (parsed.some((text: string) => text.includes('\u0000'))) throw badCursor();
  const [value, ...keys] = parsed as string[];
  return { value: value!, keys };
}

/**
 * The one answer to every cursor we did not issue for this request, whatever is wrong with it:
 * telling a forger which part failed would only help them.
 */
export const badCursor = () =>
  ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued for this list, sort, order and filters' }]);

const utf8 = new TextEncoder();

/** What the tag covers: the canonical binding, a separator JSON never contains raw, the payload. */
function signed(binding: unknown, payload: Uint8Array): Uint8Array {
  const head = utf8.encode(`${canonicalJson(binding)}\u0000`);
  const message = new Uint8Array(head.length + payload.length);
  message.set(head);
  message.set(payload, head.length);
  return message;
}

/** Compares in time that does not depend on where the bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
