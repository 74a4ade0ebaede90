import { ApiError } from '../errors.js';
import { canonicalJson } from '../canonical-json.js';
import type { KeysetPosition } from '../store/list.js';

/**
 * Opaque base64url cursors: where a page ended (its last row's sort value and key fields), bound
 * to the list's sort, order and filters so that it cannot be reused with others.
 *
 * @example
 * const cursor = encodeCursor({ value: '2026-01-01T00:00:00.000Z', keys: ['SKU-1'] }, binding);
 * decodeCursor(cursor, binding); // { value: '2026-…', keys: ['SKU-1'] }
 */
export function encodeCursor(position: KeysetPosition, binding: unknown): string {
  return toBase64Url(JSON.stringify({ b: bindingHash(binding), v: position.value, k: position.keys }));
}

export function decodeCursor(cursor: string, binding: unknown): KeysetPosition {
  let parsed: { b?: unknown; v?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw notOurs();
  }
  const keys = parsed?.k;
  if (typeof parsed?.v !== 'string' || !Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw notOurs();
  // U+0000 cannot reach PostgreSQL as text; no cursor we issue contains it.
  if ([parsed.v, ...keys].some((text) => text.includes('\u0000'))) throw notOurs();
  if (parsed.b !== bindingHash(binding)) {
    throw ApiError.validation([{ field: 'cursor', issue: 'was made with a different sort, order or filters' }]);
  }
  return { value: parsed.v, keys };
}

const notOurs = () => ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);

// FNV-1a: a short, stable fingerprint. It detects honest mistakes; it is not a signature.
function bindingHash(binding: unknown): string {
  let hash = 0x811c9dc5;
  for (const char of canonicalJson(binding)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function toBase64Url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
