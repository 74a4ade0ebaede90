import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { createAccount } from '../domain/accounts.js';
import { queueJob } from '../domain/jobs/submit.js';
import { loadMigrations } from '../node/migration-files.js';
import { createPgClient } from '../node/pg-client.js';
import { createSqlStore } from '../store/sql/sql-store.js';
import { skipBecause } from '../test/skip.js';

/**
 * A worker process killed with SIGKILL in the middle of a job; a new worker takes the job over
 * once the lease expires and every record ends up applied exactly once.
 *
 * PostgreSQL only: PGlite is an in-process database, a data folder cannot be opened by two
 * processes at once (the test must read progress while the worker runs).
 */
const url = process.env.DATABASE_URL;
const root = fileURLToPath(new URL('../..', import.meta.url));
// Enough that the set-based worker (thousands of records a second) is still mid-job when it is killed.
const RECORDS = 6000;

function startWorker(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', './src/test/ts-register.mjs', 'src/cli.ts', 'worker'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXUS_JOB_LEASE_MS: '1500', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

if (!url) {
  describe('job worker crash', () => {
    skipBecause('job worker crash', 'set DATABASE_URL to run the kill -9 test (PostgreSQL only)');
  });
} else {
  describe('job worker crash', () => {
    it('finishes a job killed mid-way with every record applied exactly once', async () => {
      const schema = `nexus_crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = createPgClient(url, { max: 1 });
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const client = createPgClient(url, { searchPath: schema });
      const store = await createSqlStore(client, { migrations: loadMigrations() });
      const childUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const children: ChildProcess[] = [];
      try {
        const account = await createAccount(store, systemClock, 'Crash');
        const p = { accountId: account.id, mode: 'test' as const };
        const items = Array.from({ length: RECORDS }, (_, i) => ({ sku: `CR-${i}`, title: `Item ${i}`, price: '1.00', currency: 'INR' }));
        const job = await store.transaction((tx) =>
          queueJob(tx, systemClock, { ...p, requestId: 'req_crash' }, { type: 'products.batch', total: RECORDS, payload: { items } }));

        const first = startWorker(childUrl);
        children.push(first);
        let processed = 0;
        for (let i = 0; i < 3000 && processed < 50; i++) {
          await new Promise((r) => setTimeout(r, 10));
          processed = (await store.jobs.getState(p, job.id))!.processed;
        }
        first.kill('SIGKILL');
        await exited(first);
        const atKill = (await store.jobs.getState(p, job.id))!;
        expect(atKill.processed).toBeGreaterThan(0);
        expect(atKill.processed).toBeLessThan(RECORDS);
        expect(atKill.status).toBe('running');

        const second = startWorker(childUrl);
        children.push(second);
        let state = atKill;
        for (let i = 0; i < 1200 && state.status === 'running'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          state = (await store.jobs.getState(p, job.id))!;
        }
        expect(state).toMatchObject({ status: 'succeeded', processed: RECORDS, succeeded: RECORDS, failed: 0, errors: [] });
        expect(state.lease_owner).toBeNull();

        // A record applied twice would have been an update the second time.
        const counts = await client.query<{ type: string; n: string }>(
          `SELECT type, count(*)::text AS n FROM outbox_events GROUP BY type ORDER BY type`);
        expect(Object.fromEntries(counts.map((r) => [r.type, Number(r.n)]))).toEqual({ 'job.completed': 1, 'product.created': RECORDS });
        const [products] = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM products');
        expect(Number(products!.n)).toBe(RECORDS);
      } finally {
        for (const child of children) {
          child.kill('SIGKILL');
          await exited(child);
        }
        await store.close();
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      }
    }, 120_000);
  });
}
