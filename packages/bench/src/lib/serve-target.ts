// Runs one server under test in a process of its own, so the load generator never shares its
// event loop. Prints one JSON line `{ url, apiKey, accountId, databaseUrl }` on stdout when
// ready; ends on SIGTERM.
//   serve-target.ts memory|pglite|postgres <rows>     the server, seeded with <rows> products
//   serve-target.ts hono                              a constant page (no storage)
//   serve-target.ts bare-pg <databaseUrl> <accountId> bare Hono + pg routes on the server's database
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createLogger, startServer } from '@nexuscommerce/server/node';
import { barePgApp } from './bare-pg.js';
import { productRow, seedProductsSql } from './seed-products.js';
import { benchAccount, openBenchStore } from './targets.js';

const [kind, ...args] = process.argv.slice(2) as ['memory' | 'pglite' | 'postgres' | 'hono' | 'bare-pg', ...string[]];

function serveBare(app: Hono, ready: Record<string, string> = {}) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
    console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}`, apiKey: '', ...ready })),
  );
  return server;
}

if (kind === 'hono') {
  // The ceiling of a Node JSON endpoint: 50 products of the same shape, no auth, no storage.
  const page = { data: Array.from({ length: 50 }, (_, i) => ({ ...productRow(i + 1), listings: [] })), meta: { limit: 50, next_cursor: 'x', has_more: true } };
  const server = serveBare(new Hono().get('/v1/products', (c) => c.json(page)));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (kind === 'bare-pg') {
  const [databaseUrl, accountId] = args as [string, string];
  const bare = barePgApp(databaseUrl, { accountId, mode: 'test' });
  const server = serveBare(bare.app);
  process.on('SIGTERM', () => server.close(() => void bare.close().then(() => process.exit(0))));
} else {
  const rows = Number(args[0] ?? 0);
  const target = await openBenchStore(kind);
  const { apiKey, partition } = await benchAccount(target.store);
  if (target.sql) {
    await seedProductsSql(target.sql, partition.accountId, partition.mode, rows);
    // A production database has statistics from autovacuum; a fresh one must be told.
    await target.sql.exec('ANALYZE');
  } else {
    for (let i = 1; i <= rows; i++) await target.store.products.insert(partition, productRow(i));
  }
  // As `nexus-server start` runs: request logging at info (to nowhere; the writes still happen),
  // 4 job workers on PostgreSQL, 1 otherwise.
  const logger = createLogger('info', '/dev/null');
  const server = await startServer({ store: target.store, port: 0, workers: kind === 'postgres' ? 4 : 1, config: { logger } });
  console.log(JSON.stringify({ url: server.url, apiKey, accountId: partition.accountId, databaseUrl: target.databaseUrl ?? '' }));
  process.on('SIGTERM', async () => {
    await server.close();
    await target.close();
    process.exit(0);
  });
}
