import type { IdempotencyPort, StoredResponse } from '../idempotency.js';
import type { Journal } from './journal.js';
import { partKey, Table } from './table.js';

interface Row {
  key: string;
  fingerprint: string;
  response: StoredResponse | null;
  expiresAt: string;
  lockedUntil: string;
}

/**
 * Idempotency claims in memory. Transactions run one at a time, so a claim is "look, then write":
 * no two requests can claim one key.
 *
 * @example
 * const idempotency = memoryIdempotency(journal);
 */
export function memoryIdempotency(journal: Journal): IdempotencyPort {
  const claims = new Table<Row>({ keys: ['key'], sorts: {} }, journal);
  return {
    async claim(p, input) {
      const part = partKey(p);
      const row = claims.get(part, input.key);
      const fresh = { key: input.key, fingerprint: input.fingerprint, response: null, expiresAt: input.expiresAt, lockedUntil: input.lockedUntil };
      if (!row || row.expiresAt <= input.now) {
        claims.write(part, fresh);
        return { outcome: 'claimed' };
      }
      if (row.fingerprint !== input.fingerprint) return { outcome: 'conflict' };
      if (row.response) return { outcome: 'replay', response: row.response };
      if (row.lockedUntil > input.now) return { outcome: 'in_progress' };
      // Abandoned: the first request crashed before answering. Its 24 hours still count.
      claims.write(part, { ...fresh, expiresAt: row.expiresAt });
      return { outcome: 'claimed' };
    },
    async complete(p, key, response) {
      const row = claims.get(partKey(p), key);
      if (row) claims.write(partKey(p), { ...row, response });
    },
    async release(p, key) {
      claims.remove(partKey(p), key);
    },
  };
}
