// Runs one server under test in a process of its own, so the load generator never shares its
// event loop. Prints one JSON line `{ url, apiKey }` on stdout when ready; ends on SIGTERM.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { startServer } from '@nexuscommerce/server/node';
import { productRow, seedProductsSql } from './seed-products.js';
import { benchAccount, openBenchStore } from './targets.js';

const [kind, rowsArg] = process.argv.slice(2) as ['memory' | 'pglite' | 'postgres' | 'hono', string];
const rows = Number(rowsArg);

if (kind === 'hono') {
  // The ceiling: a bare Hono route answering 50 products of the same shape, no auth, no storage.
  const page = { data: Array.from({ length: 50 }, (_, i) => ({ ...productRow(i + 1), listings: [] })), meta: { limit: 50, next_cursor: 'x', has_more: true } };
  const app = new Hono().get('/v1/products', (c) => c.json(page));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
    console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}`, apiKey: '' })),
  );
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const target = await openBenchStore(kind);
  const { apiKey, partition } = await benchAccount(target.store);
  if (target.sql) {
    await seedProductsSql(target.sql, partition.accountId, partition.mode, rows);
    // A production database has statistics from autovacuum; a fresh one must be told.
    await target.sql.exec('ANALYZE');
  } else {
    for (let i = 1; i <= rows; i++) await target.store.products.insert(partition, productRow(i));
  }
  // As `nexus-server start` runs them: 4 job workers on PostgreSQL, 1 otherwise.
  const server = await startServer({ store: target.store, port: 0, workers: kind === 'postgres' ? 4 : 1 });
  console.log(JSON.stringify({ url: server.url, apiKey }));
  process.on('SIGTERM', async () => {
    await server.close();
    await target.close();
    process.exit(0);
  });
}
