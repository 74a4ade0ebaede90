import { expect, it } from 'vitest';
import { submitBatch } from '../domain/jobs/submit.js';
import { createJobWorker } from '../domain/job-types.js';
import { createJanitor, RETENTION_MS } from './janitor.js';
import { TEST_A } from '../store/testing/fixtures.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { manualClock } from '../test/harness.js';

it('the janitor deletes a finished job 30 days after it finished, not a day sooner', async () => {
  const store = createMemoryStore();
  const clock = manualClock();
  const { job_id } = await submitBatch(store, clock, { ...TEST_A, requestId: 'req_1' }, 'products.batch', [{ sku: 'A', title: 'A', price: '1.00', currency: 'INR' }], 50);
  await createJobWorker({ store, clock }).drain();
  const janitor = createJanitor({ store, clock, batchSize: 10 });

  clock.advance(RETENTION_MS - 24 * 60 * 60 * 1000);
  expect(await janitor.sweep()).toBe(false);
  expect((await store.jobs.getState(TEST_A, job_id))?.status).toBe('succeeded');

  clock.advance(24 * 60 * 60 * 1000 + 1);
  await janitor.sweep();
  expect(await store.jobs.getState(TEST_A, job_id)).toBeNull();
});
