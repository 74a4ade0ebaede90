import { describe, expect, it } from 'vitest';
import { ConnectionError, ValidationError } from './errors.js';
import { type SubmitBatch, ingest } from './ingest.js';
import { type GetJob, JobHandle } from './jobs.js';
import type { Job, JobRecordError } from './schema.js';
import { FakeClock } from './testing/fake-clock.js';

interface Row {
  id: number;
  bad?: boolean;
}

/**
 * A batch endpoint with real idempotency: the same key returns the job it created the first time
 * (the replayed 202), so a batch is applied once however often it is sent.
 */
class FakeBatchServer {
  // Jobs are finished when first read, so no time needs to pass: a stopped clock cannot time out.
  readonly clock = new FakeClock(0, false);
  readonly keys: string[] = [];
  readonly applied: number[] = [];
  readonly jobs = new Map<string, Job>();
  inFlight = 0;
  maxInFlight = 0;
  /** Accept the batch, then lose the answer (the client sees a network error). */
  dropAnswerFor: string | undefined;
  jobStatus: Job['status'] | undefined;

  submit: SubmitBatch<Row> = async (items, { idempotencyKey }) => {
    this.keys.push(idempotencyKey);
    let job = this.jobs.get(idempotencyKey);
    if (!job) {
      for (const row of items) if (!row.bad) this.applied.push(row.id);
      const errors: JobRecordError[] = items.flatMap((row, index) =>
        row.bad ? [{ index, field: 'gtin', code: 'INVALID_GTIN', issue: 'bad check digit' }] : [],
      );
      const failed = errors.length;
      job = {
        id: `job_${this.jobs.size + 1}`,
        type: 'products.batch',
        status: this.jobStatus ?? (failed ? 'partially_failed' : 'succeeded'),
        progress: { total: items.length, processed: items.length, succeeded: items.length - failed, failed },
        errors,
        request_id: 'req',
        created_at: '',
        started_at: '',
        finished_at: '',
      };
      this.jobs.set(idempotencyKey, job);
    }
    if (idempotencyKey === this.dropAnswerFor) throw new ConnectionError('socket hang up');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const finished = job;
    const getJob: GetJob = async () => {
      await new Promise((r) => setImmediate(r)); // let other batches overlap
      this.inFlight--;
      return { job: finished };
    };
    return new JobHandle(finished.id, getJob, this.clock);
  };
}

const rows = (n: number, bad: number[] = []): Row[] => Array.from({ length: n }, (_, id) => ({ id, bad: bad.includes(id) }));

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
});
