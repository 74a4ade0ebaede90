import type { ServerKeysPort } from '../server-keys.js';
import type { SqlExecutor } from './client.js';

/**
 * Server keys in the `server_keys` table (migration 007): the first process to ask writes its
 * candidate, everyone reads the row that won.
 *
 * @example
 * const serverKeys = sqlServerKeys(db);
 */
export function sqlServerKeys(db: SqlExecutor): ServerKeysPort {
  return {
    async ensure(name, candidate) {
      await db.query('INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, candidate]);
      // A statement of its own: it sees the row even when a concurrent insert won the conflict.
      const [row] = await db.query<{ value: string }>('SELECT value FROM server_keys WHERE name = $1', [name]);
      return row!.value;
    },
  };
}
