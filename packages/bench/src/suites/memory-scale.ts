import { createAccount, createApp, createMemoryStore, issueApiKey, systemClock, type Store } from '@nexuscommerce/server';
import { interleavedSamples, roundRatios, type Competitor } from '../lib/measure.js';
import type { Comparison, SuiteResult } from '../lib/report.js';
import { productRow } from '../lib/seed-products.js';

const LARGE = 100_000;
const SMALL = 300;
const ROUNDS = 5;

/** A memory-store app with `rows` products, a third of them drafts, and a key whose limits never throttle. */
async function sandbox(rows: number) {
  const store: Store = createMemoryStore();
  const account = await createAccount(store, systemClock, 'Bench');
  const { secret } = await issueApiKey(store, systemClock, {
    accountId: account.id, mode: 'test', plan: 'enterprise', rateLimits: { per_minute: 1e9, per_hour: 1e9 },
  });
  const p = { accountId: account.id, mode: 'test' as const };
  for (let i = 1; i <= rows; i++) await store.products.insert(p, { ...productRow(i), status: i % 3 === 0 ? 'draft' : 'active' });
  const app = createApp({ store, config: { keyCacheTtlMs: 60_000 } });
  const get = async (path: string) => {
    const res = await app.fetch(new Request(`http://bench${path}`, { headers: { authorization: `Bearer ${secret}` } }));
    const body = (await res.json()) as { data: unknown[]; meta: { next_cursor: string | null } };
    if (res.status !== 200 || body.data.length === 0) throw new Error(`${path}: ${res.status} with ${body.data.length} items`);
    return body;
  };
  return { get };
}

/** The cursor after row `depth` of the list by SKU (walked there, 200 rows at a time). */
async function cursorAt(get: (path: string) => Promise<{ meta: { next_cursor: string | null } }>, depth: number): Promise<string> {
  let cursor = '';
  for (let seen = 0; seen < depth; seen += 200) {
    const limit = Math.min(200, depth - seen);
    cursor = (await get(`/v1/products?sort=sku&order=asc&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)).meta.next_cursor!;
  }
  return cursor;
}

const rps = (msPerCall: number) => `${Math.round(1000 / msPerCall).toLocaleString('en')} req/s`;

/**
 * The memory store scales with the page, not the table: `GET /v1/products?limit=50` through the
 * whole app (`app.fetch`, in this process) on 100,000 products against the same on 300, for the
 * plain first page, a filtered page (`status=draft`, a third of the rows) and a deep cursor page
 * (after row 90,000 of 100,000, against after row 240 of 300). Interleaved rounds.
 */
export async function run(): Promise<SuiteResult> {
  const large = await sandbox(LARGE);
  const small = await sandbox(SMALL);
  const deepLarge = await cursorAt(large.get, 90_000);
  const deepSmall = await cursorAt(small.get, 240);
  const cases: [name: string, largePath: string, smallPath: string][] = [
    ['first page', '/v1/products?limit=50', '/v1/products?limit=50'],
    ['filtered page (status=draft)', '/v1/products?status=draft&limit=50', '/v1/products?status=draft&limit=50'],
    ['deep cursor page', `/v1/products?sort=sku&order=asc&limit=50&cursor=${deepLarge}`, `/v1/products?sort=sku&order=asc&limit=50&cursor=${deepSmall}`],
  ];
  const competitors: Record<string, Competitor> = {};
  for (const [name, largePath, smallPath] of cases) {
    competitors[`${name} @${LARGE}`] = () => large.get(largePath);
    competitors[`${name} @${SMALL}`] = () => small.get(smallPath);
  }
  const samples = await interleavedSamples(competitors, { rounds: ROUNDS, perRound: 300, warmup: 200 });
  const comparisons: Comparison[] = cases.map(([name]) => {
    // Throughput at 100,000 ÷ throughput at 300 = time at 300 ÷ time at 100,000.
    const ratio = roundRatios(samples[`${name} @${SMALL}`]!, samples[`${name} @${LARGE}`]!);
    const at = (n: number) => samples[`${name} @${n}`]!.reduce((a, b) => a + b, 0) / ROUNDS;
    return {
      name: `${name}: 100,000 products vs 300`,
      ours: rps(at(LARGE)),
      peer: rps(at(SMALL)),
      ratio: ratio.median,
      target: '≥ 0.80×',
      met: ratio.median >= 0.8,
      note: `median of ${ROUNDS} interleaved rounds; range ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}× (${ratio.rounds.map((r) => r.toFixed(2)).join(', ')}).`,
    };
  });
  return { suite: 'Memory store at scale: GET /v1/products?limit=50 through app.fetch, 100,000 vs 300 products (in process)', comparisons };
}
