import pg from 'pg';
import {
  createAccount, createMemoryStore, createSqlStore, issueApiKey, systemClock, type SqlClient, type Store,
} from '@nexuscommerce/server';
import { createPgClient, createPgliteClient, loadMigrations } from '@nexuscommerce/server/node';

export interface BenchStore {
  name: string;
  store: Store;
  /** Raw SQL on the same database, for seeding; absent for the memory store. */
  sql?: SqlClient;
  /** The PostgreSQL database it lives in, for peers that query the same rows. */
  databaseUrl?: string;
  close(): Promise<void>;
}

const BENCH_DB = 'nexus_bench';

/** A throwaway PostgreSQL database next to the one in DATABASE_URL, dropped on close. */
async function freshPostgres(databaseUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

async function dropPostgres(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.end();
}

export async function openBenchStore(kind: 'memory' | 'pglite' | 'postgres'): Promise<BenchStore> {
  if (kind === 'memory') return { name: 'memory', store: createMemoryStore(), close: async () => {} };
  if (kind === 'pglite') {
    const sql = await createPgliteClient();
    const store = await createSqlStore(sql, { migrations: loadMigrations() });
    return { name: 'PGlite (embedded)', store, sql, close: () => store.close() };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const databaseUrl = await freshPostgres(base);
  const sql = createPgClient(databaseUrl);
  const store = await createSqlStore(sql, { migrations: loadMigrations() });
  return {
    name: 'PostgreSQL',
    store,
    sql,
    databaseUrl,
    close: async () => {
      await store.close();
      await dropPostgres(base);
    },
  };
}

/** A sandbox account and an enterprise key whose limits never throttle a benchmark. */
export async function benchAccount(store: Store) {
  const account = await createAccount(store, systemClock, 'Benchmarks');
  const { secret } = await issueApiKey(store, systemClock, {
    accountId: account.id,
    mode: 'test',
    plan: 'enterprise',
    rateLimits: { per_minute: 100_000_000, per_hour: 1_000_000_000 },
    batchLimit: 1000,
  });
  return { accountId: account.id, apiKey: secret, partition: { accountId: account.id, mode: 'test' as const } };
}
