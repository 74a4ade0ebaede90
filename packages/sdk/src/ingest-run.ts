import { AbortError, RateLimitError } from './errors.js';
import type { IngestOptions, IngestResult, SubmitBatch } from './ingest.js';
import { contentMark, findEarlierJobs } from './ingest-replay.js';
import { type Clock, sleep, systemClock } from './internal/clock.js';
import { uuid } from './internal/uuid.js';
import { createJobWatcher } from './job-watcher.js';
import { FINISHED, type JobHandle, internalsOf, siblingOf } from './jobs.js';
import type { Job } from './schema.js';

/** What `ingest` does, in the chunk it loads on first use. */
export async function ingestRun<Item>(
  source: Iterable<Item> | AsyncIterable<Item>,
  submit: SubmitBatch<Item>,
  options: IngestOptions,
): Promise<IngestResult> {
  const { batchSize = 50, concurrency = 4, runId = uuid(), clock = systemClock, onRateLimitWait } = options;
  if (!(batchSize >= 1 && concurrency >= 1)) throw new RangeError('batchSize and concurrency must be at least 1');
  const result: IngestResult = { runId, batches: 0, records: 0, succeeded: 0, failed: 0, replayed: 0, errors: [] };
  // One signal for the caller's abort and for "a sibling batch failed, stop the rest".
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const watcher = createJobWatcher({
    signal: stop.signal,
    clock,
    stallMs: options.wait?.timeoutMs ?? 600_000,
    pollIntervalMs: options.wait?.pollIntervalMs ?? 1_000,
    onRateLimitWait,
  });
  let earlier: Map<number, { job: Job; mark: string }> | undefined;
  let firstError: unknown;

  const tally = (items: Item[], batch: number, offset: number, job: Job) => {
    const ok = job.status === 'succeeded' || job.status === 'partially_failed';
    result.batches++;
    result.records += items.length;
    result.succeeded += job.progress.succeeded;
    result.failed += ok ? job.progress.failed : items.length - job.progress.succeeded;
    for (const e of job.errors) result.errors.push({ ...e, index: offset + e.index, batch, jobId: job.id });
    options.onProgress?.({ batches: result.batches, records: result.records, succeeded: result.succeeded, failed: result.failed });
  };

  let probe: JobHandle | undefined;
  /** Batch `n`: `sent` once it is accepted (or known from an earlier run), `done` when its job has ended. */
  const start = (items: Item[], n: number): { sent: Promise<unknown>; done: Promise<Job> } => {
    const mark = contentMark(items);
    const known = earlier?.get(n);
    // Same records as the batch the earlier job was made from: nothing to send. Different ones
    // (the source changed) are sent, and the server's idempotency check says what it thinks.
    if (known && known.mark === mark) {
      result.replayed++;
      const done = FINISHED.includes(known.job.status) ? Promise.resolve(known.job) : watcher.watch(siblingOf(probe!, known.job.id));
      return { sent: done, done };
    }
    const send = () =>
      submit(items, { idempotencyKey: `${runId}:${n}`, requestId: `${runId}:${n}:${mark}`, signal: stop.signal, waitForRateLimit: true, onRateLimitWait });
    const sent = patiently(send, { signal: stop.signal, clock, onRateLimitWait }).then(async (handle) => {
      if (handle.replayed) result.replayed++;
      if (n === 0) {
        probe = handle;
        // The run was seen before: one listing finds the batches that went through, so they are not sent again.
        if (handle.replayed) earlier = await findEarlierJobs(internalsOf(handle), runId, stop.signal, onRateLimitWait);
      }
      return handle;
    });
    // A replayed first batch is in the listing too: no need to read it again.
    const done = sent.then((handle) => {
      const listed = n === 0 ? earlier?.get(0)?.job : undefined;
      return listed?.id === handle.id && FINISHED.includes(listed.status) ? listed : watcher.watch(handle);
    });
    return { sent, done };
  };

  const running = new Set<Promise<void>>();
  try {
    let batch = 0;
    let offset = 0;
    for await (const items of chunks(source, batchSize)) {
      if (stop.signal.aborted) break;
      const [n, at] = [batch++, offset];
      const { sent, done } = start(items, n);
      const task: Promise<void> = done
        .then((job) => tally(items, n, at, job))
        .catch((error: unknown) => {
          firstError ??= error;
          stop.abort(error);
        })
        .finally(() => running.delete(task));
      running.add(task);
      offset += items.length;
      // The first batch goes alone: its answer says whether this run was seen before.
      if (n === 0) await sent.catch(() => undefined);
      // Backpressure: the next batch is read from the source only when a slot frees up.
      while (running.size >= concurrency) await Promise.race(running);
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

/**
 * Runs `work` again after each RateLimitError, once its `retryAfterMs` (else a second) has
 * passed: for work that does not pace itself, e.g. a `SubmitBatch` that bypasses the client.
 */
export async function patiently<T>(
  work: () => Promise<T>,
  options: { signal: AbortSignal; clock: Clock; onRateLimitWait?: ((waitMs: number) => void) | undefined },
): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RateLimitError) || options.signal.aborted) throw error;
      const waitMs = error.retryAfterMs ?? 1_000;
      options.onRateLimitWait?.(waitMs);
      await sleep(waitMs, options.signal, options.clock);
    }
  }
}
