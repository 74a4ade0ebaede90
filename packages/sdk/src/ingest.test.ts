import { describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError, ValidationError } from './errors.js';
import { type SubmitBatch, ingest } from './ingest.js';
import { FakeBatchServer, type Row, rows } from './testing/fake-batch-server.js';
import { FakeClock } from './testing/fake-clock.js';

describe('ingest', () => {
  it('batches the source, keys each batch by run and number, and adds up the jobs', async () => {
    const server = new FakeBatchServer();
    const progress: number[] = [];
    const result = await ingest(rows(23, [7, 21]), server.submit, {
      batchSize: 5,
      runId: 'feed-1',
      onProgress: (p) => progress.push(p.records),
    });
    expect(server.keys.sort()).toEqual(['feed-1:0', 'feed-1:1', 'feed-1:2', 'feed-1:3', 'feed-1:4']);
    expect(result).toMatchObject({ runId: 'feed-1', batches: 5, records: 23, succeeded: 21, failed: 2 });
    // Indexes are positions in the whole source, not in the batch.
    expect(result.errors.map((e) => [e.index, e.batch])).toEqual([
      [7, 1],
      [21, 4],
    ]);
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toBe(23);
  });

  it('keeps at most `concurrency` batches in flight', async () => {
    const server = new FakeBatchServer();
    await ingest(rows(100), server.submit, { batchSize: 10, concurrency: 3 });
    expect(server.maxInFlight).toBe(3);
  });

  it('reads the source lazily, one batch per free slot', async () => {
    const server = new FakeBatchServer();
    let pulled = 0;
    const pulledAtSubmit: number[] = [];
    async function* source() {
      for (let id = 0; id < 40; id++) {
        pulled++;
        yield { id };
      }
    }
    const submit: SubmitBatch<Row> = (items, o) => {
      pulledAtSubmit.push(pulled);
      return server.submit(items, o);
    };
    await ingest(source(), submit, { batchSize: 10, concurrency: 1 });
    expect(pulledAtSubmit).toEqual([10, 20, 30, 40]);
  });

  it('does not duplicate a batch when a crashed run is re-run with the same runId', async () => {
    const server = new FakeBatchServer();
    const source = rows(47);
    // Run 1: batch 6 reaches the server but its answer is lost; the run stops with the error.
    server.dropAnswerFor = 'nightly:6';
    await expect(ingest(source, server.submit, { batchSize: 5, concurrency: 2, runId: 'nightly' })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    const jobsAfterCrash = server.jobs.size;
    expect(jobsAfterCrash).toBeGreaterThanOrEqual(7);
    expect(jobsAfterCrash).toBeLessThan(10);

    // Run 2, same runId: already-sent batches are replayed by the server, the rest are new.
    server.dropAnswerFor = undefined;
    const result = await ingest(source, server.submit, { batchSize: 5, concurrency: 2, runId: 'nightly' });
    expect(result).toMatchObject({ batches: 10, records: 47, succeeded: 47, failed: 0 });
    expect(server.jobs.size).toBe(10);
    expect(server.applied.sort((a, b) => a - b)).toEqual(source.map((r) => r.id)); // each record once
    expect(server.keys.filter((k) => k === 'nightly:6')).toHaveLength(2);
  });

  it('counts every unprocessed record of a failed job as failed, without stopping the run', async () => {
    const server = new FakeBatchServer();
    server.jobStatus = 'failed';
    const result = await ingest(rows(12), server.submit, { batchSize: 5 });
    expect(result).toMatchObject({ batches: 3, records: 12, failed: 12 - result.succeeded });
  });

  it('stops submitting after an HTTP error and throws it', async () => {
    let calls = 0;
    const submit: SubmitBatch<Row> = async () => {
      calls++;
      throw new ValidationError({ status: 400, code: 'VALIDATION_FAILED', message: 'items.0.sku is required' });
    };
    await expect(ingest(rows(100), submit, { batchSize: 10, concurrency: 2 })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it('stops when the caller aborts', async () => {
    const server = new FakeBatchServer();
    const controller = new AbortController();
    const submit: SubmitBatch<Row> = (items, o) => {
      controller.abort();
      return server.submit(items, o);
    };
    await expect(ingest(rows(100), submit, { batchSize: 10, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.keys.length).toBeLessThan(10);
  });

  it('rejects a batch size below 1', async () => {
    await expect(ingest([], new FakeBatchServer().submit, { batchSize: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('waits out a RateLimitError from a submit that does not pace itself, then sends the batch again', async () => {
    const server = new FakeBatchServer();
    const clock = new FakeClock();
    let refused = false;
    const submit: SubmitBatch<Row> = (items, o) => {
      if (o.idempotencyKey === 'paced:1' && !refused) {
        refused = true;
        return Promise.reject(new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 42_000 }));
      }
      return server.submit(items, o);
    };
    const waits: number[] = [];
    const result = await ingest(rows(30), submit, { batchSize: 10, runId: 'paced', clock, onRateLimitWait: (ms) => waits.push(ms) });
    expect(result).toMatchObject({ batches: 3, records: 30, succeeded: 30 });
    expect(waits).toEqual([42_000]);
    expect(clock.delays).toContain(42_000);
    expect(server.keys.sort()).toEqual(['paced:0', 'paced:1', 'paced:2']);
  });

  it('gives each batch a request id that names the run, the batch and a digest of its records', async () => {
    const server = new FakeBatchServer();
    await ingest(rows(20), server.submit, { batchSize: 10, runId: 'feed-9' });
    const ids = [...server.jobs.values()].map((j) => j.request_id).sort();
    expect(ids).toEqual([expect.stringMatching(/^feed-9:0:[a-z0-9]+$/), expect.stringMatching(/^feed-9:1:[a-z0-9]+$/)]);
    // Different records, different digest; the same records (another run), the same one.
    expect(ids[0]!.split(':')[2]).not.toBe(ids[1]!.split(':')[2]);
    const again = new FakeBatchServer();
    await ingest(rows(20), again.submit, { batchSize: 10, runId: 'feed-9' });
    expect([...again.jobs.values()].map((j) => j.request_id).sort()).toEqual(ids);
  });
});
