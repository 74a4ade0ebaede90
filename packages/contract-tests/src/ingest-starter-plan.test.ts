import { createAccount, createMemoryStore, issueApiKey, systemClock } from '@nexuscommerce/server';
import { startServer } from '@nexuscommerce/server/node';
import { type FetchLike, type Schemas, createNexusClient } from '@nexuscommerce/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Bulk ingest as a partner on the smallest plan runs it: the SDK's `products.ingest` against the
// reference server over real HTTP on loopback (memory store, its own job worker).
//
// The key is a starter-plan key with the plan's own limits (60 requests a minute, 1,000 an hour)
// and a per-key batch limit of 100 instead of 50. With 100, the 5,000 records are 50 batches:
// their requests and job reads come to more than 60, so the run cannot finish without waiting
// for the minute window to reset once, which is what proves the pacing, and it waits once rather
// than three times (about a minute of wall time instead of three).
const RECORDS = 5_000;
const BATCH = 100;
const RUN = 'starter-feed-2026-03-01';

const record = (i: number) => ({
  sku: `FEED-${String(i).padStart(5, '0')}`,
  title: `Feed product ${i}`,
  price: `${10 + (i % 90)}.50`,
  currency: 'INR',
});
function* feed() {
  for (let i = 0; i < RECORDS; i++) yield record(i);
}

let close: () => Promise<void>;
let baseUrl = '';
let starterKey = '';
let checkerKey = '';

beforeAll(async () => {
  const store = createMemoryStore();
  const running = await startServer({ store, port: 0 });
  const account = await createAccount(store, systemClock, 'Starter partner');
  const issue = async (options: { plan: 'starter' | 'enterprise'; batchLimit?: number }) =>
    (await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test', ...options })).secret;
  starterKey = await issue({ plan: 'starter', batchLimit: BATCH });
  // A second key of the same account checks the outcome without spending the starter key's quota.
  checkerKey = await issue({ plan: 'enterprise' });
  baseUrl = running.url;
  close = async () => {
    await running.close();
    await store.close?.();
  };
});
afterAll(() => close?.());

describe('bulk ingest on a starter-plan key, against the reference server', () => {
  it('completes 5,000 records, each applied once, and a re-run with the same runId sends nothing again', async () => {
    const answers: number[] = [];
    const counted: FetchLike = async (request) => {
      const response = await fetch(request);
      answers.push(response.status);
      return response;
    };
    const nexus = createNexusClient({ apiKey: starterKey, baseUrl, fetch: counted });
    const waits: number[] = [];
    const options = { runId: RUN, batchSize: BATCH, onRateLimitWait: (ms: number) => waits.push(ms) };

    const first = await nexus.products.ingest(feed(), options);
    expect(first).toMatchObject({ runId: RUN, batches: RECORDS / BATCH, records: RECORDS, succeeded: RECORDS, failed: 0, replayed: 0, errors: [] });
    // More than the window holds, so it had to wait for a reset, and it did so before sending
    // instead of being refused: no 429 at all.
    expect(answers.length).toBeGreaterThan(60);
    expect(waits.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status === 429)).toEqual([]);

    const sent = answers.length;
    const second = await nexus.products.ingest(feed(), options);
    expect(second).toEqual({ ...first, replayed: RECORDS / BATCH });
    // The first batch (answered as a replay) and one listing of the run's jobs.
    expect(answers.slice(sent)).toEqual([202, 200]);

    // Applied once: the only way a record is applied is a job, and there is one job per batch.
    const checker = createNexusClient({ apiKey: checkerKey, baseUrl });
    const jobs = await checker.jobs.list({ type: 'products.batch', limit: 200 }).toArray({ max: 1_000 });
    expect(jobs).toHaveLength(RECORDS / BATCH);
    expect(jobs.every((job) => job.status === 'succeeded' && job.progress.total === BATCH)).toBe(true);
    expect(jobs.reduce((sum, job) => sum + job.progress.succeeded, 0)).toBe(RECORDS);
    // And every record is there, as it was sent.
    const products: Schemas['Product'][] = await checker.products.list({ limit: 200, sort: 'sku', order: 'asc' }).toArray({ max: 2 * RECORDS });
    expect(products).toHaveLength(RECORDS);
    products.forEach((product, i) => expect(product).toMatchObject(record(i)));
  }, 300_000);
});
