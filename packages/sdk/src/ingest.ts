import { AbortError, JobFailedError } from './errors.js';
import type { JobHandle, WaitOptions } from './jobs.js';
import { uuid } from './internal/uuid.js';
import type { JobRecordError } from './schema.js';

/** Posts one batch as an async job. The key must reach the server as the `Idempotency-Key`. */
export type SubmitBatch<Item> = (
  items: Item[],
  options: { idempotencyKey: string; signal: AbortSignal },
) => Promise<JobHandle>;

export interface IngestOptions {
  /** Records per request; keep it at or under the key's batch limit (default 50). */
  batchSize?: number | undefined;
  /** Batches in flight at once. Default 4. */
  concurrency?: number | undefined;
  /**
   * Names this run. Batch `n` is sent with `Idempotency-Key: ${runId}:${n}`, so re-running the same
   * source with the same runId and batchSize (within the server's 24 h idempotency window) replays
   * the batches that already went through instead of importing them twice. Default: a random UUID.
   */
  runId?: string | undefined;
  onProgress?: ((progress: IngestProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Passed to each job's `wait()`. */
  wait?: Pick<WaitOptions, 'timeoutMs' | 'pollIntervalMs'> | undefined;
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
  errors: IngestRecordError[];
}

/**
 * Feeds any number of records through a `…/batch` endpoint: batches them, keeps `concurrency`
 * jobs in flight, waits for each, and adds up the outcome. The source is read lazily, a batch at a
 * time and only when a slot is free, so a million-row generator is never held in memory.
 * A batch whose job `failed` counts its unprocessed records as failed; an HTTP error (after the
 * transport's retries) stops the run and is thrown: re-run it with the same `runId`.
 * @example
 * const result = await nexus.products.ingest(readCsvRows('feed.csv'), { runId: 'feed-2026-03-01' });
 * console.log(`${result.succeeded}/${result.records} imported`, result.errors);
 */
export async function ingest<Item>(
  source: Iterable<Item> | AsyncIterable<Item>,
  submit: SubmitBatch<Item>,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const { batchSize = 50, concurrency = 4, runId = uuid() } = options;
  if (!(batchSize >= 1 && concurrency >= 1)) throw new RangeError('batchSize and concurrency must be at least 1');
  const result: IngestResult = { runId, batches: 0, records: 0, succeeded: 0, failed: 0, errors: [] };
  // One signal for the caller's abort and for "a sibling batch failed, stop the rest".
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let firstError: unknown;

  const runBatch = async (items: Item[], batch: number, offset: number) => {
    const handle = await submit(items, { idempotencyKey: `${runId}:${batch}`, signal: stop.signal });
    const job = await handle.wait({ ...options.wait, signal: stop.signal }).catch((error: unknown) => {
      if (error instanceof JobFailedError) return error.job;
      throw error;
    });
    const ok = job.status === 'succeeded' || job.status === 'partially_failed';
    result.batches++;
    result.records += items.length;
    result.succeeded += job.progress.succeeded;
    result.failed += ok ? job.progress.failed : items.length - job.progress.succeeded;
    for (const e of job.errors) result.errors.push({ ...e, index: offset + e.index, batch, jobId: job.id });
    options.onProgress?.({ batches: result.batches, records: result.records, succeeded: result.succeeded, failed: result.failed });
  };

  const running = new Set<Promise<void>>();
  try {
    let batch = 0;
    let offset = 0;
    for await (const items of chunks(source, batchSize)) {
      if (stop.signal.aborted) break;
      const task: Promise<void> = runBatch(items, batch++, offset)
        .catch((error: unknown) => {
          firstError ??= error;
          stop.abort(error);
        })
        .finally(() => running.delete(task));
      running.add(task);
      offset += items.length;
      // Backpressure: the next batch is read from the source only when a slot frees up.
      if (running.size >= concurrency) await Promise.race(running);
    }
  } catch (error) {
    firstError ??= error;
    stop.abort(error);
  } finally {
    await Promise.all(running);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (firstError !== undefined) throw firstError;
  if (stop.signal.aborted) throw new AbortError(`Ingest run ${runId} was aborted`, { cause: stop.signal.reason });
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}

async function* chunks<Item>(source: Iterable<Item> | AsyncIterable<Item>, size: number): AsyncGenerator<Item[]> {
  let batch: Item[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
