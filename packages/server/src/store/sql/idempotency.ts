import type { IdempotencyClaim, IdempotencyPort, StoredResponse } from '../idempotency.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { json } from './rows.js';

/**
 * Idempotency claims in SQL: one upsert decides between concurrent claims of a key.
 *
 * @example
 * const idempotency = sqlIdempotency(db);
 */
export function sqlIdempotency(db: SqlExecutor): IdempotencyPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async claim(p, input): Promise<IdempotencyClaim> {
      // Insert, or take over an expired record or an abandoned claim (lock expired, no answer).
      // ON CONFLICT serializes concurrent claims of one key: exactly one of them gets a row back.
      for (let attempt = 0; attempt < 3; attempt++) {
        const claimed = await db.query(
          `INSERT INTO idempotency_keys (account_id, mode, key, fingerprint, response, locked_until, expires_at)
           VALUES ($1, $2, $3, $4, NULL, $5::timestamptz, $6::timestamptz)
           ON CONFLICT (account_id, mode, key) DO UPDATE SET
             fingerprint = EXCLUDED.fingerprint, response = NULL, locked_until = EXCLUDED.locked_until,
             expires_at = CASE WHEN idempotency_keys.expires_at <= $7::timestamptz
               THEN EXCLUDED.expires_at ELSE idempotency_keys.expires_at END
           WHERE idempotency_keys.expires_at <= $7::timestamptz
              OR (idempotency_keys.response IS NULL AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                  AND idempotency_keys.locked_until <= $7::timestamptz)
           RETURNING key`,
          [...pk(p), input.key, input.fingerprint, input.lockedUntil, input.expiresAt, input.now],
        );
        if (claimed.length > 0) return { outcome: 'claimed' };
        const [row] = await db.query<{ fingerprint: string; response: StoredResponse | null }>(
          'SELECT fingerprint, response FROM idempotency_keys WHERE account_id = $1 AND mode = $2 AND key = $3',
          [...pk(p), input.key],
        );
        // Released between the two statements: claim again.
        if (!row) continue;
        if (row.fingerprint !== input.fingerprint) return { outcome: 'conflict' };
        if (row.response) return { outcome: 'replay', response: row.response };
        return { outcome: 'in_progress' };
      }
      return { outcome: 'in_progress' };
    },
    async complete(p, key, response) {
      await db.query(
        'UPDATE idempotency_keys SET response = $4::text::jsonb WHERE account_id = $1 AND mode = $2 AND key = $3',
        [...pk(p), key, json(response)],
      );
    },
    async release(p, key) {
      await db.query('DELETE FROM idempotency_keys WHERE account_id = $1 AND mode = $2 AND key = $3', [...pk(p), key]);
    },
  };
}
