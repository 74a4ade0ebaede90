import { expect, it } from 'vitest';
import { submitBatch } from '../domain/jobs/submit.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { TEST_A } from '../store/testing/fixtures.js';
import { manualClock } from '../test/harness.js';
import { startBackground } from './start.js';
import { jobNotifier } from '../domain/jobs/notifier.js';

const product = (sku: string) => ({ sku, title: sku, price: '1.00', currency: 'INR' });

it('runs queued jobs with several workers, and stops them all', async () => {
  const store = createMemoryStore();
  const clock = manualClock();
  const background = startBackground({ store, clock, allowPrivateWebhookTargets: false, workers: 3 });
  try {
    expect(background.workers).toHaveLength(3);
    const jobs = await Promise.all(['A', 'B', 'C'].map((sku) => submitBatch(store, clock, { ...TEST_A, requestId: 'req_1' }, 'products.batch', [product(sku)], 50)));
    await Promise.all(jobs.map((job) => jobNotifier(store).waitFor(TEST_A, job.job_id, 30_000)));
    for (const job of jobs) expect((await store.jobs.getState(TEST_A, job.job_id))?.status).toBe('succeeded');
  } finally {
    await background.stop();
  }
  // Stopped: a job queued now stays queued.
  const late = await submitBatch(store, clock, { ...TEST_A, requestId: 'req_2' }, 'products.batch', [product('D')], 50);
  await new Promise((r) => setTimeout(r, 50));
  expect((await store.jobs.getState(TEST_A, late.job_id))?.status).toBe('queued');
});
