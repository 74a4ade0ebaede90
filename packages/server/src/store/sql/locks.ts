import type { LocksPort } from '../locks.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';

/**
 * Value locks in SQL: transaction-scoped advisory locks.
 *
 * @example
 * const locks = sqlLocks(db);
 */
export function sqlLocks(db: SqlExecutor): LocksPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async hold(p, values) {
      // In one order, so two writers claiming the same two values cannot deadlock.
      for (const value of [...new Set(values)].sort()) {
        await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '|' || $2 || '|' || $3, 0))", [...pk(p), value]);
      }
    },
  };
}
