import { describe, it } from 'vitest';
import { commerceSuite } from '../commerce-suite.js';
import { loadMigrations } from './migration-files.js';
import { createPgClient } from './pg-client.js';
import { truncateAll } from './reset.js';
import { createSqlStore } from './sql-store.js';

const url = process.env.DATABASE_URL;

if (!url) {
  describe('commerce store: sql on PostgreSQL', () => {
    it.skip('skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it', () => {});
  });
} else {
  commerceSuite('sql on PostgreSQL', async () => {
    // A schema per run: parallel runs against one database do not see each other.
    const schema = `nexus_commerce_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = createPgClient(url, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const client = createPgClient(url, { searchPath: schema });
    const store = await createSqlStore(client, { migrations: loadMigrations() });
    return {
      store: () => store,
      reset: () => truncateAll(client),
      close: async () => {
        await store.close();
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    };
  });
}
