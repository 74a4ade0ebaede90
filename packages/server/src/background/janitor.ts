import { backgroundLoop } from './loop.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../config.js';
import type { Store } from '../store/port.js';

/** Finished jobs and webhook deliveries are kept this long (the spec promises 30 days). */
export const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface JanitorOptions {
  store: Store;
  clock?: Clock;
  retentionMs?: number;
  /** Pause between sweeps once nothing is left to delete (default one hour). */
  intervalMs?: number;
  /** Rows deleted per table and statement, so no sweep holds locks for long. */
  batchSize?: number;
  logger?: Logger;
}

/**
 * Deletes what is past retention: finished jobs, webhook deliveries and published outbox events
 * older than 30 days, in small batches, then sleeps for an hour.
 *
 * @example
 * const janitor = createJanitor({ store });
 * janitor.start();
 * await janitor.stop();
 */
export function createJanitor(options: JanitorOptions) {
  const clock = options.clock ?? systemClock;
  const retentionMs = options.retentionMs ?? RETENTION_MS;
  const batchSize = options.batchSize ?? 500;

  /** One batch; true when a table may have more to delete. */
  async function sweep(): Promise<boolean> {
    const before = new Date(clock.now().getTime() - retentionMs).toISOString();
    const { jobs, webhooks, outbox } = options.store;
    // One batch per table, each its own short transaction; the loop repeats while batches are full.
    const counts = [await jobs.pruneFinished(before, batchSize), await webhooks.pruneDeliveries(before, batchSize), await outbox.prunePublished(before, batchSize)];
    const deleted = counts.reduce((a, b) => a + b, 0);
    if (deleted > 0) options.logger?.info({ deleted, before }, 'deleted rows past retention');
    return counts.some((n) => n >= batchSize);
  }

  const loop = backgroundLoop(sweep, {
    idleMs: options.intervalMs ?? 60 * 60 * 1000,
    onError: (err) => options.logger?.error({ err }, 'retention sweep failed; retrying'),
  });

  return {
    sweep,
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}
