import { describe } from 'vitest';
import { skipBecause } from '../../test/skip.js';
import { createMemoryStore } from '../memory/memory-store.js';
import type { Store } from '../port.js';
import { loadMigrations } from '../../node/migration-files.js';
import { createPgClient } from '../../node/pg-client.js';
import { createPgliteClient } from '../../node/pglite-client.js';
import { truncateAll } from '../sql/reset.js';
import { createSqlStore } from '../sql/sql-store.js';

/** How a shared suite gets a store: opened once per file, emptied before each test. */
export interface StoreHarness {
  store(): Store;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A memory store; `reset` starts a new one. */
export async function memoryHarness(): Promise<StoreHarness> {
  let store = createMemoryStore();
  return {
    store: () => store,
    reset: async () => {
      store = createMemoryStore();
    },
    close: async () => {},
  };
}

/** A migrated SQL store on an in-memory PGlite, emptied between tests. */
export async function pgliteHarness(): Promise<StoreHarness> {
  const client = await createPgliteClient();
  const store = await createSqlStore(client, { migrations: loadMigrations() });
  return { store: () => store, reset: () => truncateAll(client), close: () => store.close() };
}

/**
 * A migrated SQL store in a PostgreSQL schema of its own, dropped on close: parallel runs (and
 * other users of the database) never see each other's rows.
 */
export async function postgresHarness(url: string): Promise<StoreHarness> {
  const schema = `nexus_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
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
}

/**
 * Registers `suite` on PostgreSQL when DATABASE_URL is set; otherwise one skipped test whose name
 * says how to run it, so a plain `pnpm test` reports what it left out.
 */
export function onPostgres(label: string, register: (open: () => Promise<StoreHarness>) => void): void {
  const url = process.env.DATABASE_URL;
  if (url) {
    register(() => postgresHarness(url));
    return;
  }
  describe(label, () => {
    skipBecause(label, 'set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it');
  });
}
