import { ConnectionError } from '../errors.js';
import type { SubmitBatch } from '../ingest.js';
import { type GetJob, JobHandle, type ListJobs } from '../jobs.js';
import type { Job, JobRecordError } from '../schema.js';
import { FakeClock } from './fake-clock.js';

export interface Row {
  id: number;
  bad?: boolean;
}

export const rows = (n: number, bad: number[] = []): Row[] => Array.from({ length: n }, (_, id) => ({ id, bad: bad.includes(id) }));

/**
 * A batch endpoint with real idempotency, for ingest tests: the same key returns the job it
 * created the first time (the replayed 202, flagged as such), so a batch is applied once however
 * often it is sent. Jobs record the request id that started them, as the API's do. With
 * `listable`, its handles can also list jobs newest first, as the client's can.
 */
export class FakeBatchServer {
  // Jobs are finished when first read, so no time needs to pass: a stopped clock cannot time out.
  readonly clock = new FakeClock(0, false);
  readonly keys: string[] = [];
  readonly applied: number[] = [];
  readonly jobs = new Map<string, Job>();
  readonly reads = { get: 0, list: 0 };
  inFlight = 0;
  maxInFlight = 0;
  /** Accept the batch, then lose the answer (the client sees a network error). */
  dropAnswerFor: string | undefined;
  jobStatus: Job['status'] | undefined;

  constructor(readonly options: { listable?: boolean } = {}) {}

  /** Makes the job of `key` look unfinished, as a crashed run can leave one. */
  leaveRunning(key: string): void {
    Object.assign(this.jobs.get(key)!, { status: 'running', progress: { ...this.jobs.get(key)!.progress, processed: 0 } });
  }

  submit: SubmitBatch<Row> = async (items, { idempotencyKey, requestId }) => {
    this.keys.push(idempotencyKey);
    let job = this.jobs.get(idempotencyKey);
    const replayed = job !== undefined;
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
        request_id: requestId,
        created_at: new Date(1_700_000_000_000 + this.jobs.size).toISOString(),
        started_at: '',
        finished_at: '',
      };
      this.jobs.set(idempotencyKey, job);
    }
    if (idempotencyKey === this.dropAnswerFor) throw new ConnectionError('socket hang up');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const finished = job;
    const getJob: GetJob = async (id) => {
      this.reads.get++;
      await new Promise((r) => setImmediate(r)); // let other batches overlap
      this.inFlight--;
      const read = [...this.jobs.values()].find((j) => j.id === id)!;
      // A job left running (see `leaveRunning`) finishes by the time it is read.
      if (read.status === 'running') Object.assign(read, { status: 'succeeded', progress: { ...read.progress, processed: read.progress.total } });
      return { job: read };
    };
    const listJobs: ListJobs = async ({ limit, cursor }) => {
      this.reads.list++;
      const newest = [...this.jobs.values()].reverse();
      const start = cursor ? Number(cursor) : 0;
      const more = start + limit < newest.length;
      return { data: newest.slice(start, start + limit), meta: { limit, has_more: more, next_cursor: more ? String(start + limit) : null } };
    };
    const init = this.options.listable ? { listJobs, type: finished.type, createdAt: finished.created_at } : {};
    return new JobHandle(finished.id, getJob, this.clock, { ...init, replayed });
  };
}
