import type { Clock } from '../clock.js';
import type { Logger } from '../config.js';
import type { Store } from '../store/port.js';
import { createJanitor } from '../retention.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../webhooks/dispatcher.js';
import { jobNotifier } from './notifier.js';
import { createJobWorker, type JobWorker } from './worker.js';

export interface BackgroundOptions {
  store: Store;
  clock?: Clock;
  allowPrivateWebhookTargets: boolean;
  logger?: Logger;
  /** Job lease; a worker that dies is replaced after it expires. */
  leaseMs?: number;
  /** Resolves webhook host names so names pointing at private addresses are refused (Node: DNS). */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /**
   * Job workers in this process (default 1). Each works on a different job (SQL claims with
   * `SKIP LOCKED`), so several help on PostgreSQL; on PGlite and memory they only take turns.
   */
  workers?: number;
}

export interface Background {
  /** The first job worker. */
  worker: JobWorker;
  /** Every job worker of this process. */
  workers: JobWorker[];
  dispatcher: WebhookDispatcher;
  stop(): Promise<void>;
}

/**
 * The asynchronous side of the server: job workers, the webhook dispatcher and the retention
 * janitor, running until `stop`. `nexus-server start` runs it inside the API process; `nexus-server worker` alone.
 *
 * @example
 * const background = startBackground({ store, allowPrivateWebhookTargets: false });
 * await background.stop();
 */
export function startBackground(options: BackgroundOptions): Background {
  const workers = Array.from({ length: Math.max(1, options.workers ?? 1) }, () =>
    createJobWorker({ store: options.store, clock: options.clock, logger: options.logger, leaseMs: options.leaseMs }));
  const worker = workers[0]!;
  const dispatcher = createWebhookDispatcher({
    store: options.store,
    clock: options.clock,
    allowPrivateTargets: options.allowPrivateWebhookTargets,
    logger: options.logger,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });
  // A job queued by this process's API starts at once instead of after the worker's idle pause.
  // One idle worker is enough to take it; the next announcement wakes the next.
  let next = 0;
  const unsubscribe = jobNotifier(options.store).onQueued(() => workers[next++ % workers.length]!.wake());
  // Several processes may sweep at once: each deletes a different batch, or finds nothing.
  const janitor = createJanitor({ store: options.store, clock: options.clock, logger: options.logger });
  for (const w of workers) w.start();
  dispatcher.start();
  janitor.start();
  return {
    worker,
    workers,
    dispatcher,
    stop: async () => {
      unsubscribe();
      await Promise.all([...workers.map((w) => w.stop()), dispatcher.stop(), janitor.stop()]);
    },
  };
}
