import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from '../store/sql/client.js';
import { TIMESTAMPTZ_OID, timestamptzText } from '../store/sql/rows.js';

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

const executor = (db: PgliteLike): SqlExecutor => ({
  async query<R>(sql: string, params: unknown[] = []) {
    return (await db.query<R>(sql, params)).rows;
  },
  async exec(sql: string) {
    await db.exec(sql);
  },
});

/**
 * An embedded PostgreSQL (PGlite): in memory without `dataDir`, else persisted in that folder.
 *
 * @example
 * const client = await createPgliteClient('.nexus-data');
 */
export async function createPgliteClient(dataDir?: string): Promise<SqlClient> {
  // timestamptz straight to the API's ISO string, as for pg (PGlite's session is in UTC).
  const options = { parsers: { [TIMESTAMPTZ_OID]: timestamptzText } };
  const db = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  return {
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    serialTransactions: true,
    close: () => db.close(),
  };
}
