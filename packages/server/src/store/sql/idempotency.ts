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
      // One statement. The request's transaction takes a lock on the key first, without waiting:
      // a concurrent request holding it is running the same key (409 IDEMPOTENCY_IN_PROGRESS) and
      // would otherwise make this one wait on its uncommitted row until it ends. With the lock,
      // insert, or take over an expired record or an abandoned claim (lock expired, no answer).
      // The record as it was before this statement tells the other outcomes apart.
      const [row] = await db.query<{ got: boolean; claimed: boolean; fingerprint: string | null; response: StoredResponse | null }>(
        `WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ' ' || $2 || ' ' || $3, 0)) AS got),
         claimed AS (
           INSERT INTO idempotency_keys (account_id, mode, key, fingerprint, response, locked_until, expires_at)
           SELECT $1, $2, $3, $4, NULL, $5::timestamptz, $6::timestamptz FROM lock WHERE got
           ON CONFLICT (account_id, mode, key) DO UPDATE SET
             fingerprint = EXCLUDED.fingerprint, response = NULL, locked_until = EXCLUDED.locked_until,
             expires_at = CASE WHEN idempotency_keys.expires_at <= $7::timestamptz
               THEN EXCLUDED.expires_at ELSE idempotency_keys.expires_at END
           WHERE idempotency_keys.expires_at <= $7::timestamptz
              OR (idempotency_keys.response IS NULL AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                  AND idempotency_keys.locked_until <= $7::timestamptz)
           RETURNING key)
         SELECT (SELECT got FROM lock) AS got, EXISTS (SELECT 1 FROM claimed) AS claimed, k.fingerprint, k.response
         FROM (SELECT 1) AS one
         LEFT JOIN idempotency_keys k ON k.account_id = $1 AND k.mode = $2 AND k.key = $3`,
        [...pk(p), input.key, input.fingerprint, input.lockedUntil, input.expiresAt, input.now],
      );
      if (row?.claimed) return { outcome: 'claimed' };
      if (!row?.fingerprint) return { outcome: 'in_progress' };
      if (row.fingerprint !== input.fingerprint) return { outcome: 'conflict' };
      return row.response ? { outcome: 'replay', response: row.response } : { outcome: 'in_progress' };
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
