import { expect, it } from 'vitest';
import { createPgClient } from '@nexuscommerce/server/node';
import { describeIf } from './harness/gate.js';
import { sleep, until } from './harness/processes.js';
import { call, type Answer } from './harness/server.js';
import { seededServer } from './harness/seeded-server.js';

const CLIENTS = 3;
const BATCH = 20;

describeIf('PostgreSQL restarted under load', { postgres: true }, () => {
  // A short lease, so a job whose worker lost the database mid-chunk is resumed within the test.
  const system = seededServer({ per_minute: 1_000_000, per_hour: 10_000_000 }, { workers: 2, env: { NEXUS_JOB_LEASE_MS: '2000' } });

  it('answers 503 UNAVAILABLE with Retry-After while it is down, recovers by itself, and loses no accepted write or job', async () => {
    const { pg, server, key } = system;
    const accepted = new Set<string>();
    const acceptedJobs: Array<{ id: string; skus: string[] }> = [];
    const unexpected: Array<{ status: number; body: unknown }> = [];
    const phase = { name: 'before' as 'before' | 'down' | 'after', okAfter: 0, unavailable: 0 };
    let stop = false;
    let n = 0;

    const check = (res: Answer, ok: number) => {
      if (res.status === ok) return true;
      if (res.status === 503 && res.body?.error?.code === 'UNAVAILABLE' && /^\d+$/.test(res.headers.get('retry-after') ?? '') && res.body.request_id) {
        phase.unavailable++;
        return false;
      }
      unexpected.push({ status: res.status, body: res.body });
      return false;
    };

    async function client(c: number): Promise<void> {
      while (!stop) {
        const i = n++;
        try {
          if (i % 10 === 9) {
            const skus = Array.from({ length: BATCH }, (_, j) => `PGB-${c}-${i}-${j}`);
            const res = await call(server.url, key, 'POST', '/v1/products/batch', { items: skus.map((sku) => ({ sku, title: sku, price: '1.00', currency: 'INR' })) });
            if (check(res, 202)) acceptedJobs.push({ id: res.body.data.job_id, skus });
          } else {
            const sku = `PG-${c}-${i}`;
            const res = await call(server.url, key, 'POST', '/v1/products', { sku, title: sku, price: '2.00', currency: 'INR' });
            if (check(res, 201)) {
              accepted.add(sku);
              if (phase.name === 'after') phase.okAfter++;
            } else {
              await sleep(100); // a client honouring Retry-After waits longer; a tenth is enough here
            }
          }
        } catch (error) {
          unexpected.push({ status: 0, body: String(error) });
        }
      }
    }

    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await until('writes accepted before the restart', () => (accepted.size >= 30 ? true : undefined));
    await pg.down();
    phase.name = 'down';
    const pid = server.current.child.pid;
    await until('503s while the database is down', () => {
      if (unexpected.length > 0) throw new Error(JSON.stringify(unexpected.slice(0, 3)) + server.current.output().slice(-3000));
      return phase.unavailable >= 10 ? true : undefined;
    }, 20_000);
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(503);
    await sleep(1000);
    await pg.up();
    phase.name = 'after';
    await until('writes accepted again, without restarting the server', () => (phase.okAfter >= 30 ? true : undefined), 60_000);
    stop = true;
    await Promise.all(clients);

    expect(unexpected).toEqual([]);
    expect(server.current.child.pid).toBe(pid);
    expect(server.current.child.exitCode).toBeNull();

    // Every accepted job finishes with every record applied exactly once.
    await until('every accepted job finished', async () => {
      for (const job of acceptedJobs) {
        const res = await call(server.url, key, 'GET', `/v1/jobs/${job.id}`);
        if (res.body.data.status !== 'succeeded') return undefined;
      }
      return true;
    }, 60_000, 300);
    const db = createPgClient(pg.url, { max: 1 });
    try {
      const rows = await db.query<{ sku: string }>('SELECT sku FROM products');
      const stored = new Set(rows.map((r) => r.sku));
      for (const sku of accepted) expect(stored.has(sku), sku).toBe(true);
      for (const job of acceptedJobs) for (const sku of job.skus) expect(stored.has(sku), sku).toBe(true);
      const [events] = await db.query<{ n: string; distinct_skus: string }>(
        `SELECT count(*)::text AS n, count(DISTINCT data->>'sku')::text AS distinct_skus FROM outbox_events WHERE type = 'product.created'`);
      // One product.created per stored product: nothing applied twice.
      expect(Number(events!.n)).toBe(rows.length);
      expect(Number(events!.distinct_skus)).toBe(rows.length);
    } finally {
      await db.close();
    }
    expect(acceptedJobs.length).toBeGreaterThan(0);
  });
});
