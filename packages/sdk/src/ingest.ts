import type { Clock } from './internal/clock.js';
import type { JobHandle, WaitOptions } from './jobs.js';
import type { JobRecordError } from './schema.js';

/**
 * Posts one batch as an async job. `idempotencyKey` must reach the server as the
 * `Idempotency-Key`; the other options should reach the transport too (a submit made with
 * `client.<resource>.batch` passes them through).
 */
export type SubmitBatch<Item> = (
  items: Item[],
  options: {
    idempotencyKey: string;
    signal: AbortSignal;
    requestId: string;
    waitForRateLimit: true;
    onRateLimitWait?: ((waitMs: number) => void) | undefined;
  },
) => Promise<JobHandle>;

export interface IngestOptions {
  /** Records per request; keep it at or under the key's batch limit (default 50). */
  batchSize?: number | undefined;
  /** Batches in flight at once (being sent or being processed). Default 4. */
  concurrency?: number | undefined;
  /**
   * Names this run. Batch `n` is sent with `Idempotency-Key: ${runId}:${n}` and
   * `X-Request-Id: ${runId}:${n}:<digest of its records>`, so re-running the same source with the
   * same runId and batchSize (within the server's 24 h idempotency window) applies nothing twice:
   * batches an earlier run already sent with the same records are found in one listing of the jobs
   * and not sent again; a batch whose records changed is sent, and the server answers 409
   * IDEMPOTENCY_CONFLICT. Default: a random UUID.
   */
  runId?: string | undefined;
  onProgress?: ((progress: IngestProgress) => void) | undefined;
  /** Told of each wait for the key's rate limit (the run waits instead of failing). */
  onRateLimitWait?: ((waitMs: number) => void) | undefined;
  signal?: AbortSignal | undefined;
  /**
   * `timeoutMs` (default 10 minutes) is the longest the run waits while none of its batches'
   * jobs moves; a job that keeps making progress may take as long as it needs. `pollIntervalMs`
   * is the first pause between reads when the server does not long-poll.
   */
  wait?: Pick<WaitOptions, 'timeoutMs' | 'pollIntervalMs'> | undefined;
  /** Time source, for tests. */
  clock?: Clock | undefined;
}

/** Totals over the batches finished so far. */
export interface IngestProgress {
  batches: number;
  records: number;
  succeeded: number;
  failed: number;
}

/** A record's failure, with `index` its position in the whole source (not in its batch). */
export interface IngestRecordError extends JobRecordError {
  batch: number;
  jobId: string;
}

export interface IngestResult extends IngestProgress {
  runId: string;
  /** Batches that an earlier run with this runId had sent already, so this one did not. */
  replayed: number;
  errors: IngestRecordError[];
}

/**
 * Feeds any number of records through a `…/batch` endpoint: batches them, keeps `concurrency`
 * batches in flight, waits for their jobs with few requests, paces itself by the key's rate
 * limit, and adds up the outcome. The source is read lazily, a batch at a time and only when a
 * slot is free, so a million-row generator is never held in memory. A batch whose job `failed`
 * counts its unprocessed records as failed; any other error (after the transport's retries) stops
 * the run and is thrown: re-run it with the same `runId`.
 * @example
 * const result = await nexus.products.ingest(readCsvRows('feed.csv'), { runId: 'feed-2026-03-01' });
 * console.log(`${result.succeeded}/${result.records} imported`, result.errors);
 */
export function ingest<Item>(
  source: Iterable<Item> | AsyncIterable<Item>,
  submit: SubmitBatch<Item>,
  options: IngestOptions = {},
): Promise<IngestResult> {
  // Loaded on first use: bulk ingest is most of the SDK's weight that a browser app rarely needs.
  return import('./ingest-run.js').then((run) => run.ingestRun(source, submit, options));
}
