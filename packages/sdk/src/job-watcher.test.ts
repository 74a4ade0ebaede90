import { describe, expect, it } from 'vitest';
import { TimeoutError } from './errors.js';
import { ingest } from './ingest.js';
import { createJobWatcher } from './job-watcher.js';
import { type GetJob, JobHandle } from './jobs.js';
import type { Job } from './schema.js';
import { FakeBatchServer, rows } from './testing/fake-batch-server.js';
import { FakeClock } from './testing/fake-clock.js';

const job = (processed: number, total = 100): Job => ({
  id: 'job_slow',
  type: 'products.batch',
  status: processed >= total ? 'succeeded' : 'running',
  progress: { total, processed, succeeded: processed, failed: 0 },
  errors: [],
  request_id: 'req',
  created_at: '2026-03-01T10:00:00Z',
  started_at: '2026-03-01T10:00:01Z',
  finished_at: null,
});

/** A server that holds each long poll for its whole `wait`, while the job does `perRead` records. */
function slowJob(clock: FakeClock, perRead: number) {
  let processed = 0;
  const waits: number[] = [];
  const getJob: GetJob = async (_id, { waitSeconds }) => {
    waits.push(waitSeconds);
    clock.advance(waitSeconds * 1000);
    processed = Math.min(100, processed + perRead);
    return { job: job(processed) };
  };
  return { handle: new JobHandle('job_slow', getJob, clock), waits };
}

const watcher = (clock: FakeClock, stallMs = 600_000) =>
  createJobWatcher({ signal: new AbortController().signal, clock, stallMs, pollIntervalMs: 1_000 });

describe('job watcher', () => {
  it('reads many batches with far fewer requests when the jobs can be listed', async () => {
    const listing = new FakeBatchServer({ listable: true });
    const single = new FakeBatchServer();
    const a = await ingest(rows(400), listing.submit, { batchSize: 10, concurrency: 8 });
    const b = await ingest(rows(400), single.submit, { batchSize: 10, concurrency: 8 });
    expect(a).toMatchObject({ batches: 40, records: 400, succeeded: 400 });
    expect(b).toMatchObject({ batches: 40, records: 400, succeeded: 400 });
    // Without a list, each job costs at least one read; with one, a read settles several.
    expect(single.reads).toEqual({ get: 40, list: 0 });
    expect(listing.reads.get + listing.reads.list).toBeLessThanOrEqual(20);
  });

  it('lets a job that keeps moving take longer than the stall limit', async () => {
    const clock = new FakeClock();
    const { handle, waits } = slowJob(clock, 2); // 50 long polls of 30 s: 25 minutes
    const done = await watcher(clock, 600_000).watch(handle);
    expect(done.status).toBe('succeeded');
    expect(waits).toHaveLength(50);
    expect(waits.every((w) => w === 30)).toBe(true);
  });

  it('fails with TimeoutError once no job has moved for the stall limit', async () => {
    const clock = new FakeClock();
    const { handle, waits } = slowJob(clock, 0);
    const started = clock.now();
    const error = await watcher(clock, 120_000).watch(handle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/job_slow .*no progress for 120000 ms.*running/);
    // Never asked to hold past the limit, and gave up right after it.
    expect(clock.now() - started).toBeGreaterThan(120_000);
    expect(clock.now() - started).toBeLessThanOrEqual(150_000);
    expect(waits[0]).toBe(30);
  });
});
