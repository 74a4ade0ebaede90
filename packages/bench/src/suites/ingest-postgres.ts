import pg from 'pg';
import { createNexusClient } from '@nexuscommerce/sdk';
import { childServer } from '../lib/child-server.js';
import { throughputComparison, type SuiteResult } from '../lib/report.js';

const ROWS = 100_000;
const BATCH = 500;

const ROUNDS = 3;

function item(i: number, prefix: string) {
  return {
    sku: `${prefix}-${String(i).padStart(7, '0')}`, title: `Ingested product ${i}`, description: 'Bulk-loaded by the benchmark.',
    status: 'active' as const, kind: 'physical' as const, price: '799.00', currency: 'INR', tax_rate: '18.00',
    weight_kg: 0.2, attributes: { colour: 'black' },
  };
}

function* items(prefix: string) {
  for (let i = 1; i <= ROWS; i++) yield item(i, prefix);
}

/** The ceiling: the same rows as plain multi-row INSERTs on the same table, no API at all. */
async function plainInsert(databaseUrl: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const start = performance.now();
  for (let first = 1; first <= ROWS; first += BATCH) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = first; i < first + BATCH && i <= ROWS; i++) {
      const r = item(i, prefix);
      const n = values.push('acct_ceiling', 'test', r.sku, r.title, r.description, r.status, r.kind, r.price, r.currency, r.tax_rate, r.weight_kg, JSON.stringify(r.attributes));
      tuples.push(`(${Array.from({ length: 12 }, (_, k) => `$${n - 11 + k}`).join(', ')}, '[]', now(), now())`);
    }
    await client.query(
      `INSERT INTO products (account_id, mode, sku, title, description, status, kind, price, currency, tax_rate, weight_kg, attributes, images, created_at, updated_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return ROWS / seconds;
}

/**
 * 100,000 products through `client.products.ingest` (batches of 500, 4 in flight, jobs applied by
 * the server's worker) into PostgreSQL, against plain multi-row INSERTs of the same rows.
 */
export async function run(): Promise<SuiteResult> {
  if (!process.env.DATABASE_URL) {
    return { suite: 'Bulk ingest into PostgreSQL', comparisons: [{ name: 'SDK ingest vs plain INSERT', ours: 'not measured', peer: '-', ratio: Number.NaN, target: '≥ 0.40×', met: false, note: 'DATABASE_URL was not set.' }] };
  }
  const server = await childServer('postgres', '0');
  // Production PostgreSQL re-analyses a table as it grows (autovacuum). Where autovacuum is off, as
  // on the benchmark machines, the planner would keep the empty table's statistics all run long and
  // look products up through the wrong index, so the suite analyses on autovacuum's behalf.
  const analyser = new pg.Client({ connectionString: server.databaseUrl });
  await analyser.connect();
  const autovacuum = (await analyser.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]?.autovacuum;
  let analysing = Promise.resolve();
  const analyse = autovacuum === 'off'
    ? setInterval(() => void (analysing = analysing.then(() => analyser.query('ANALYZE products, outbox_events, jobs').then(() => {}))), 5_000)
    : undefined;
  try {
    const client = createNexusClient({ apiKey: server.apiKey, baseUrl: server.url, timeoutMs: 600_000 });
    const ours: number[] = [];
    const ceiling: number[] = [];
    // Interleaved rounds, each with SKUs of its own: ingest, ceiling, ingest, ceiling, …
    for (let r = 1; r <= ROUNDS; r++) {
      const start = performance.now();
      const result = await client.products.ingest(items(`ING${r}`), { batchSize: BATCH, concurrency: 4, runId: `bench-${r}-${Date.now()}` });
      ours.push(ROWS / ((performance.now() - start) / 1000));
      if (result.succeeded !== ROWS) throw new Error(`ingest applied ${result.succeeded} of ${ROWS} records (${result.failed} failed)`);
      ceiling.push(await plainInsert(server.databaseUrl, `CEIL${r}`));
      console.log(`  round ${r}: ingest ${Math.round(ours.at(-1)!)} records/s, plain INSERT ${Math.round(ceiling.at(-1)!)} records/s`);
    }
    return {
      suite: 'Bulk ingest of 100,000 products into PostgreSQL',
      comparisons: [
        throughputComparison('SDK `products.ingest` (HTTP, jobs, worker) vs plain multi-row INSERT', ours, ceiling, 0.4,
          `The ingest path validates every record and upserts it with its outbox event (a few set-based statements per 50 records, 4 workers); the ceiling only inserts. Autovacuum was ${autovacuum}${autovacuum === 'off' ? ', so the suite ran ANALYZE every 5 s as autovacuum would' : ''}.`,
          'records/s'),
      ],
    };
  } finally {
    clearInterval(analyse);
    await analysing.catch(() => {});
    await analyser.end();
    await server.close();
  }
}
