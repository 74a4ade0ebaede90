import type { Clock } from '../clock.js';
import type { BackgroundTiming, Logger } from '../config.js';
import { createJobWorker } from '../domain/job-types.js';
import { jobNotifier } from '../domain/jobs/notifier.js';
import type { JobWorker } from '../domain/jobs/worker.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../domain/webhooks/dispatcher.js';
import type { Store } from '../store/port.js';
import { createJanitor } from './janitor.js';
import { backgroundLoop } from './loop.js';

export interface BackgroundOptions extends BackgroundTiming {
  store: Store;
  clock?: Clock;
  allowPrivateWebhookTargets: boolean;
  logger?: Logger;
  /** Pause between polls of an idle worker or dispatcher (default 1 s). */
  idleMs?: number;
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
 * janitor, each in a background loop until `stop`. `nexus-server start` runs it inside the API
 * process; `nexus-server worker` alone. Stopping lets each worker finish its chunk and hand an
 * unfinished job back, so another worker resumes it at once.
 *
 * @example
 * const background = startBackground({ store, allowPrivateWebhookTargets: false });
 * await background.stop();
 */
export function startBackground(options: BackgroundOptions): Background {
  const { logger } = options;
  const idleMs = options.idleMs ?? 1000;
  const workers = Array.from({ length: Math.max(1, options.workers ?? 1) }, () =>
    createJobWorker({ store: options.store, clock: options.clock, logger, leaseMs: options.leaseMs }));
  const workerLoops = workers.map((worker) =>
    backgroundLoop((stopping) => worker.runOnce({ stopping }), {
      idleMs,
      onError: (err) => logger?.error({ err }, 'job worker failed; retrying'),
    }));
  const dispatcher = createWebhookDispatcher({
    store: options.store,
    clock: options.clock,
    allowPrivateTargets: options.allowPrivateWebhookTargets,
    logger,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
    ...(options.webhookLockMs ? { lockMs: options.webhookLockMs } : {}),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });
  const dispatcherLoop = backgroundLoop(() => dispatcher.runOnce(), {
    idleMs,
    onError: (err) => logger?.error({ err }, 'webhook dispatcher failed; retrying'),
  });
  // A job queued by this process's API starts at once instead of after the worker's idle pause.
  // One idle worker is enough to take it; the next announcement wakes the next.
  let next = 0;
  const unsubscribe = jobNotifier(options.store).onQueued(() => workerLoops[next++ % workerLoops.length]!.wake());
  // Several processes may sweep at once: each deletes a different batch, or finds nothing.
  const janitor = createJanitor({ store: options.store, clock: options.clock, logger });
  for (const loop of workerLoops) loop.start();
  dispatcherLoop.start();
  janitor.start();
  return {
    worker: workers[0]!,
    workers,
    dispatcher,
    stop: async () => {
      unsubscribe();
      await Promise.all([...workerLoops.map((loop) => loop.stop()), dispatcherLoop.stop(), janitor.stop()]);
    },
  };
}
