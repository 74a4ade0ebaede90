import type { Clock } from '../clock.js';
import type { Logger } from '../config.js';
import type { Store } from '../store/port.js';
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
}

export interface Background {
  worker: JobWorker;
  dispatcher: WebhookDispatcher;
  stop(): Promise<void>;
}

/**
 * The asynchronous side of the server: one job worker and one webhook dispatcher, running until
 * `stop`. `nexus-server start` runs it inside the API process; `nexus-server worker` alone.
 *
 * @example
 * const background = startBackground({ store, allowPrivateWebhookTargets: false });
 * await background.stop();
 */
export function startBackground(options: BackgroundOptions): Background {
  const worker = createJobWorker({ store: options.store, clock: options.clock, logger: options.logger, leaseMs: options.leaseMs });
  const dispatcher = createWebhookDispatcher({
    store: options.store,
    clock: options.clock,
    allowPrivateTargets: options.allowPrivateWebhookTargets,
    logger: options.logger,
  });
  // A job queued by this process's API starts at once instead of after the worker's idle pause.
  const unsubscribe = jobNotifier(options.store).onQueued(() => worker.wake());
  worker.start();
  dispatcher.start();
  return {
    worker,
    dispatcher,
    stop: async () => {
      unsubscribe();
      await Promise.all([worker.stop(), dispatcher.stop()]);
    },
  };
}
