import { sha256Hex } from '../hash.js';
import { randomBase62 } from '../ids.js';
import type { Mode } from '../store/partition.js';

const KEY_PATTERN = /^nxc_(live|test)_[0-9A-Za-z]{32,}$/;
/** Characters of the secret part that go into the public prefix: enough to be unique, useless alone. */
const PREFIX_SECRET_CHARS = 8;

/**
 * A new API key: `nxc_<mode>_` + 32 base62 characters.
 *
 * @example
 * const key = generateApiKey('test'); // 'nxc_test_…'
 */
export function generateApiKey(mode: Mode): string {
  return `nxc_${mode}_${randomBase62(32)}`;
}

/** The parts of a well-formed key, or null when it cannot be one of ours. */
export function parseApiKey(key: string): { mode: Mode; prefix: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const head = `nxc_${match[1]}_`;
  return { mode: match[1] as Mode, prefix: key.slice(0, head.length + PREFIX_SECRET_CHARS) };
}

/**
 * Hex SHA-256 of a key, with Web Crypto. Keys carry 190 bits of entropy, so a fast hash is
 * enough: there is nothing to brute-force that a slow hash would protect.
 */
export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

/** Compares two strings in time that depends only on their length (hashes: always equal length). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
