import { describe, expect, it } from 'vitest';
import { queueJob } from '../domain/jobs.js';
import { manualClock } from '../test/harness.js';
import { productRecord, TEST_A } from '../store/fixtures.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { Store } from '../store/port.js';
import { pgliteHarness } from '../store/sql/test-stores.js';
import type { RecordProcessor } from './processors.js';
import { createJobWorker } from './worker.js';

/**
 * Record 3 throws, record 5 is a business failure, the rest insert a product. With chunks of 4,
 * record 3 rolls back the first chunk, which is then redone one record at a time.
 */
const processor: RecordProcessor = async (tx, p, record) => {
  const { n } = record as { n: number };
  if (n === 3) throw new Error('boom');
  if (n === 5) return { code: 'VALIDATION_FAILED', field: 'n', issue: 'five is not allowed' };
  await tx.insertProduct(p, productRecord({ sku: `REC-${n}` }));
  return undefined;
};

async function runJob(store: Store) {
  const clock = manualClock();
  const job = await store.transaction((tx) =>
    queueJob(tx, clock, TEST_A, { type: 'test.batch', total: 10, payload: { items: Array.from({ length: 10 }, (_, n) => ({ n })) }, requestId: 'req_1' }),
  );
  await createJobWorker({ store, clock, processors: { 'test.batch': processor }, chunkSize: 4 }).drain();
  return store.getJobState(TEST_A, job.id);
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
      const skus = (await store.listProducts(TEST_A, { filters: {}, sort: 'sku', order: 'asc', limit: 50 })).items.map((x) => x.sku);
      expect(skus).toEqual(['REC-0', 'REC-1', 'REC-2', 'REC-4', 'REC-6', 'REC-7', 'REC-8', 'REC-9']);
    } finally {
      await close();
    }
  });
});
