import { describe, expect, it } from 'vitest';
import { AbortError, JobFailedError, TimeoutError } from './errors.js';
import { type GetJob, JobHandle } from './jobs.js';
import type { Job, JobStatus } from './schema.js';
import { FakeClock } from './testing/fake-clock.js';

function job(status: JobStatus, processed = 0, extra: Partial<Job> = {}): Job {
  return {
    id: 'job_1',
    type: 'products.batch',
    status,
    progress: { total: 10, processed, succeeded: processed, failed: 0 },
    errors: [],
    request_id: 'req_1',
    created_at: '2026-01-01T00:00:00Z',
    started_at: null,
    finished_at: null,
    ...extra,
  };
}

/** Answers with `states` in order; `holdMs(wait)` is how long the fake server holds each request. */
function server(clock: FakeClock, states: Job[], opts: { holdMs?: (wait: number) => number; retryAfterMs?: number } = {}) {
  const waits: number[] = [];
  const getJob: GetJob = async (id, { waitSeconds }) => {
    expect(id).toBe('job_1');
    waits.push(waitSeconds);
    clock.advance(opts.holdMs?.(waitSeconds) ?? 0);
    const next = states.length > 1 ? states.shift()! : states[0]!;
    return { job: next, retryAfterMs: opts.retryAfterMs };
  };
  return { getJob, waits };
}

describe('JobHandle.wait', () => {
  it('long-polls with wait=30 and does not sleep when the server holds the request', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('running', 3), job('running', 8), job('succeeded', 10)], { holdMs: (w) => w * 1000 });
    const progress: number[] = [];
    const done = await new JobHandle('job_1', srv.getJob, clock).wait({ onProgress: (j) => progress.push(j.progress.processed) });
    expect(done.status).toBe('succeeded');
    expect(srv.waits).toEqual([30, 30, 30]);
    expect(progress).toEqual([3, 8, 10]);
    expect(clock.delays).toEqual([600_000]); // only the deadline: no polling sleeps
  });

  it('falls back to backoff polling when the server answers at once', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('queued'), job('running', 1), job('running', 1), job('succeeded', 10)]);
    await new JobHandle('job_1', srv.getJob, clock).wait({ pollIntervalMs: 1_000 });
    expect(clock.delays.slice(1)).toEqual([1_000, 1_500, 2_250]);
  });

  it('honours Retry-After between polls', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('running'), job('succeeded', 10)], { retryAfterMs: 2_000 });
    await new JobHandle('job_1', srv.getJob, clock).wait();
    expect(clock.delays.slice(1)).toEqual([2_000]);
  });

  it('reports progress only when it changes', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('queued'), job('queued'), job('running', 5), job('running', 5), job('succeeded', 10)]);
    const seen: string[] = [];
    await new JobHandle('job_1', srv.getJob, clock).wait({ onProgress: (j) => seen.push(`${j.status}:${j.progress.processed}`) });
    expect(seen).toEqual(['queued:0', 'running:5', 'succeeded:10']);
  });

  it('throws TimeoutError at its deadline, never asking the server to hold past it', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('running', 2)], { holdMs: (w) => w * 1000 });
    const handle = new JobHandle('job_1', srv.getJob, clock);
    const error = await handle.wait({ timeoutMs: 75_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('last status: running');
    // Each hold ends at least a second before the deadline, so its answer can still arrive in time;
    // the last second is covered by plain polls.
    expect(srv.waits.slice(0, 3)).toEqual([30, 30, 14]);
    expect(srv.waits.slice(3).every((w) => w === 0)).toBe(true);
    expect(handle.last?.progress.processed).toBe(2);
  });

  it('times out during a poll that the server never answers', async () => {
    const clock = new FakeClock();
    const getJob: GetJob = () => new Promise(() => {});
    await expect(new JobHandle('job_1', getJob, clock).wait({ timeoutMs: 5_000 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('throws JobFailedError with the per-record errors when the job failed', async () => {
    const clock = new FakeClock();
    const errors = [{ index: 3, field: 'items.3.gtin', code: 'INVALID_GTIN' as const, issue: 'bad check digit' }];
    const srv = server(clock, [job('failed', 10, { errors })]);
    const error = await new JobHandle('job_1', srv.getJob, clock).wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).errors).toEqual(errors);
    expect((error as JobFailedError).job.status).toBe('failed');
  });

  it('throws for a cancelled job', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('cancelled')]);
    await expect(new JobHandle('job_1', srv.getJob, clock).wait()).rejects.toBeInstanceOf(JobFailedError);
  });

  it('resolves partially_failed unless asked to throw on record errors', async () => {
    const clock = new FakeClock();
    const partial = job('partially_failed', 10, { errors: [{ index: 0, field: 'sku', code: 'VALIDATION_FAILED', issue: 'y' }] });
    const handle = new JobHandle('job_1', server(clock, [partial]).getJob, clock);
    expect((await handle.wait()).errors).toHaveLength(1);
    await expect(handle.wait({ throwOnRecordErrors: true })).rejects.toBeInstanceOf(JobFailedError);
  });

  it('stops when aborted while sleeping between polls', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('running')], { retryAfterMs: 5_000 });
    const controller = new AbortController();
    clock.onTimer = (ms) => ms === 5_000 && controller.abort();
    const error = await new JobHandle('job_1', srv.getJob, clock).wait({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(srv.waits).toHaveLength(1);
  });

  it('get() reads the job once without waiting', async () => {
    const clock = new FakeClock();
    const srv = server(clock, [job('running', 4)]);
    const handle = new JobHandle('job_1', srv.getJob, clock);
    expect((await handle.get()).progress.processed).toBe(4);
    expect(srv.waits).toEqual([0]);
  });

  it('get() can long-poll once and wait for the rate limit', async () => {
    const clock = new FakeClock();
    const seen: unknown[] = [];
    const getJob: GetJob = async (_id, options) => {
      seen.push({ waitSeconds: options.waitSeconds, waitForRateLimit: options.waitForRateLimit });
      return { job: job('running', 6) };
    };
    const handle = new JobHandle('job_1', getJob, clock);
    await handle.get({ waitSeconds: 20, waitForRateLimit: true });
    expect(seen).toEqual([{ waitSeconds: 20, waitForRateLimit: true }]);
    expect(handle.last?.progress.processed).toBe(6);
    expect(handle.replayed).toBe(false);
  });
});
