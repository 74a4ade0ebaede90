import { describe } from 'vitest';
import { createPgClient } from '../node/pg-client.js';
import { createPgliteClient } from '../node/pglite-client.js';
import type { SqlClient } from '../store/sql/client.js';
import { skipBecause } from './skip.js';

export type OpenDatabase = () => Promise<{ client: SqlClient; cleanup(): Promise<void> }>;

/**
 * The SQL databases a test file runs on: an in-memory PGlite, and PostgreSQL when DATABASE_URL is
 * set, each in a schema of its own (dropped by `cleanup`) so parallel runs and other users of the
 * database never meet. Without DATABASE_URL, `label` gets one skipped test saying how to run it.
 */
export function sqlDatabases(label: string, prefix: string): [string, OpenDatabase][] {
  const databases: [string, OpenDatabase][] = [['PGlite', async () => ({ client: await createPgliteClient(), cleanup: async () => {} })]];
  const url = process.env.DATABASE_URL;
  if (!url) {
    describe(label, () => skipBecause(label, 'set DATABASE_URL to run it'));
    return databases;
  }
  databases.push(['PostgreSQL', async () => {
    const schema = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = createPgClient(url, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    return {
      client: createPgClient(url, { searchPath: schema }),
      cleanup: async () => {
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    };
  }]);
  return databases;
}
