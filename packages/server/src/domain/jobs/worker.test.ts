import { describe, expect, it } from 'vitest';
import { queueJob } from './submit.js';
import { manualClock } from '../../test/harness.js';
import { productRecord, TEST_A } from '../../store/testing/fixtures.js';
import { createMemoryStore } from '../../store/memory/memory-store.js';
import type { Store } from '../../store/port.js';
import { pgliteHarness } from '../../store/testing/harness.js';
import type { RecordProcessor } from './processors.js';
import { backgroundLoop } from '../../background/loop.js';
import { createJobWorker } from '../job-types.js';
import { ApiError } from '../../errors.js';

/**
 * Record 3 throws, record 5 is a business failure, the rest insert a product. With chunks of 4,
 * record 3 rolls back the first chunk, which is then redone one record at a time.
 */
const processor: RecordProcessor = async (tx, p, record) => {
  const { n } = record as { n: number };
  if (n === 3) throw new Error('boom');
  if (n === 5) return { code: 'VALIDATION_FAILED', field: 'n', issue: 'five is not allowed' };
  await tx.products.insert(p, productRecord({ sku: `REC-${n}` }));
  return undefined;
};

async function runJob(store: Store) {
  const clock = manualClock();
  const job = await store.transaction((tx) =>
    queueJob(tx, clock, { ...TEST_A, requestId: 'req_1' }, { type: 'test.batch', total: 10, payload: { items: Array.from({ length: 10 }, (_, n) => ({ n })) } }),
  );
  await createJobWorker({ store, clock, types: { 'test.batch': { record: processor } }, chunkSize: 4 }).drain();
  return store.jobs.getState(TEST_A, job.id);
}

describe.each([
  ['memory', async () => ({ store: createMemoryStore(), close: async () => {} })],
  ['PGlite', async () => {
    const harness = await pgliteHarness();
    return { store: harness.store(), close: () => harness.close() };
  }],
])('job worker on %s', (_name, open) => {
  it('applies each record once in chunks, isolating a record that throws', async () => {
    const { store, close } = await open();
    try {
      const job = await runJob(store);
      expect(job).toMatchObject({ status: 'partially_failed', processed: 10, succeeded: 8, failed: 2 });
      expect(job?.errors).toEqual([
        { index: 3, code: 'INTERNAL', field: 'record', issue: 'could not be applied' },
        { index: 5, code: 'VALIDATION_FAILED', field: 'n', issue: 'five is not allowed' },
      ]);
      const skus = (await store.products.list(TEST_A, { filters: {}, sort: 'sku', order: 'asc', limit: 50 })).items.map((x) => x.sku);
      expect(skus).toEqual(['REC-0', 'REC-1', 'REC-2', 'REC-4', 'REC-6', 'REC-7', 'REC-8', 'REC-9']);
    } finally {
      await close();
    }
  });
  it('advances a job a few records at a time, on the job asked for, through a record that throws', async () => {
    const { store, close } = await open();
    try {
      const clock = manualClock();
      const queue = (total: number) =>
        store.transaction((tx) =>
          queueJob(tx, clock, { ...TEST_A, requestId: 'req_1' }, { type: 'test.batch', total, payload: { items: Array.from({ length: total }, (_, n) => ({ n })) } }),
        );
      const older = await queue(10);
      clock.advance(1000);
      const younger = await queue(2);
      const worker = createJobWorker({ store, clock, types: { 'test.batch': { record: processor } }, chunkSize: 4 });

      expect(await worker.advance({ job: { partition: TEST_A, id: younger.id }, maxRecords: 1 })).toMatchObject({ id: younger.id, applied: 1, finished: false });
      expect(await store.jobs.getState(TEST_A, younger.id)).toMatchObject({ status: 'running', processed: 1, lease_owner: null });
      expect(await store.jobs.getState(TEST_A, older.id)).toMatchObject({ status: 'queued', processed: 0 });

      // Records 0–3 go as one chunk; record 3 throws, so they are redone one by one: still 4 applied.
      expect(await worker.advance({ maxRecords: 4 })).toMatchObject({ id: older.id, applied: 4, finished: false });
      expect(await store.jobs.getState(TEST_A, older.id)).toMatchObject({ status: 'running', processed: 4, succeeded: 3, failed: 1 });

      expect(await worker.advance({ job: { partition: TEST_A, id: older.id }, maxRecords: 6 })).toMatchObject({ applied: 6, finished: true });
      expect(await store.jobs.getState(TEST_A, older.id)).toMatchObject({ status: 'partially_failed', processed: 10, failed: 2 });
      expect(await worker.advance({ job: { partition: TEST_A, id: older.id } })).toBeNull();
      expect(await worker.advance({ maxRecords: 0 })).toBeNull();
      expect(await worker.advance()).toMatchObject({ id: younger.id, applied: 1, finished: true });
    } finally {
      await close();
    }
  });
});

describe('stopping a worker mid-job', () => {
  it('releases the lease so another worker resumes at once, applying each record once', async () => {
    const store = createMemoryStore();
    const clock = manualClock();
    const job = await store.transaction((tx) =>
      queueJob(tx, clock, { ...TEST_A, requestId: 'req_1' }, { type: 'test.batch', total: 6, payload: { items: Array.from({ length: 6 }, (_, n) => ({ n: n + 10 })) } }),
    );
    let loop: ReturnType<typeof backgroundLoop> | undefined;
    let stopped: Promise<void> | undefined;
    let reached: () => void = () => {};
    const atRecord11 = new Promise<void>((resolve) => (reached = resolve));
    // The shutdown signal arrives while record 11 is being applied.
    const stopping: RecordProcessor = async (tx, p, record, context) => {
      if ((record as { n: number }).n === 11) {
        stopped = loop!.stop();
        reached();
      }
      return processor(tx, p, record, context);
    };
    const first = createJobWorker({ store, clock, types: { 'test.batch': { record: stopping } }, chunkSize: 1 });
    loop = backgroundLoop((isStopping) => first.runOnce({ stopping: isStopping }), { idleMs: 60_000, onError: () => {} });
    loop.start();
    await atRecord11;
    await stopped;
    const handedBack = await store.jobs.getState(TEST_A, job.id);
    expect(handedBack).toMatchObject({ status: 'running', processed: 2, lease_owner: null });
    // The clock has not moved: only a released lease lets the second worker claim the job now.
    await createJobWorker({ store, clock, types: { 'test.batch': { record: processor } } }).drain();
    expect(await store.jobs.getState(TEST_A, job.id)).toMatchObject({ status: 'succeeded', processed: 6, succeeded: 6 });
    const skus = (await store.products.list(TEST_A, { filters: {}, sort: 'sku', order: 'asc', limit: 50 })).items.map((x) => x.sku);
    expect(skus).toEqual(['REC-10', 'REC-11', 'REC-12', 'REC-13', 'REC-14', 'REC-15']);
  });
});

it('leaves records undecided when the database goes away mid-job, and resumes them after the lease', async () => {
  const store = createMemoryStore();
  const clock = manualClock();
  // Record 6 meets a lost connection twice, as the PostgreSQL client reports it; the database is
  // back for everything else. Taken for the record's own failure, the second would be recorded.
  let outages = 2;
  const applying: RecordProcessor = async (tx, p, record) => {
    const { n } = record as { n: number };
    if (n === 6 && outages-- > 0) throw ApiError.unavailable();
    await tx.products.insert(p, productRecord({ sku: `REC-${n}` }));
    return undefined;
  };
  const job = await store.transaction((tx) =>
    queueJob(tx, clock, { ...TEST_A, requestId: 'req_1' }, { type: 'test.batch', total: 10, payload: { items: Array.from({ length: 10 }, (_, n) => ({ n })) } }));
  const worker = createJobWorker({ store, clock, types: { 'test.batch': { record: applying } }, chunkSize: 4, leaseMs: 1000 });
  for (let outage = 0; outage < 2; outage++) {
    await expect(worker.drain()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // Nothing was recorded as failed: the chunk that met the outage rolled back and waits.
    expect(await store.jobs.getState(TEST_A, job.id)).toMatchObject({ status: 'running', processed: 4, failed: 0, errors: [] });
    clock.advance(1001);
  }
  await worker.drain();
  expect(await store.jobs.getState(TEST_A, job.id)).toMatchObject({ status: 'succeeded', processed: 10, succeeded: 10, failed: 0 });
});
