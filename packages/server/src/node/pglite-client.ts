import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from '../store/sql/client.js';

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
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
