import { isSealed, sealedPrefix, type SecretKeyring } from '../../secrets/keyring.js';
import type { Mode } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { secretContext } from './sealed-webhooks.js';

interface Row {
  account_id: string;
  mode: Mode;
  id: string;
  secret: string;
  previous_secret: string | null;
}

const BATCH = 500;

/**
 * Seals every webhook secret that is plain (written before migration 007) or sealed with a key
 * that is no longer the first configured, with the first; resolves with how many endpoints
 * changed. Run in one transaction when the SQL store opens; rows are locked, so processes
 * starting together do the work once. Throws, naming key ids only, when a secret is sealed
 * with a key that is not configured.
 *
 * @example
 * await client.transaction((tx) => resealWebhookSecrets(tx, keyring));
 */
export async function resealWebhookSecrets(db: SqlExecutor, ring: SecretKeyring): Promise<number> {
  const current = sealedPrefix(ring.primaryId);
  let changed = 0;
  for (;;) {
    const rows = await db.query<Row>(
      `SELECT account_id, mode, id, secret, previous_secret FROM webhook_endpoints
       WHERE NOT starts_with(secret, $1) OR NOT starts_with(coalesce(previous_secret, $1), $1)
       ORDER BY account_id, mode, id LIMIT ${BATCH} FOR UPDATE`,
      [current],
    );
    for (const row of rows) {
      const p = { accountId: row.account_id, mode: row.mode };
      const reseal = async (value: string, column: 'secret' | 'previous_secret') =>
        ring.seal(isSealed(value) ? await ring.open(value, secretContext(p, row.id, column)) : value, secretContext(p, row.id, column));
      await db.query('UPDATE webhook_endpoints SET secret = $4, previous_secret = $5 WHERE account_id = $1 AND mode = $2 AND id = $3', [
        row.account_id, row.mode, row.id,
        await reseal(row.secret, 'secret'),
        row.previous_secret === null ? null : await reseal(row.previous_secret, 'previous_secret'),
      ]);
    }
    changed += rows.length;
    if (rows.length < BATCH) return changed;
  }
}
