import { commerceSuite } from '../commerce-suite.js';
import { loadMigrations } from './migration-files.js';
import { createPgliteClient } from './pglite-client.js';
import { truncateAll } from './reset.js';
import { createSqlStore } from './sql-store.js';

commerceSuite('sql on PGlite (in memory)', async () => {
  const client = await createPgliteClient();
  const store = await createSqlStore(client, { migrations: loadMigrations() });
  return { store: () => store, reset: () => truncateAll(client), close: () => store.close() };
});
