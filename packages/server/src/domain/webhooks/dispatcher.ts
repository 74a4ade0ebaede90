import { systemClock, type Clock } from '../../clock.js';
import type { Logger } from '../../config.js';
import type { DueDelivery } from '../../store/webhooks.js';
import type { Store } from '../../store/port.js';
import { fanOut } from './fan-out.js';
import { nextAttemptAt } from './schedule.js';
import { sendDelivery } from './send.js';
import { isPrivateHost } from './targets.js';

const MINUTE = 60_000;

export interface DispatcherOptions {
  store: Store;
  clock?: Clock;
  /** Refuse loopback and private targets unless true (ServerConfig.allowPrivateWebhookTargets). */
  allowPrivateTargets: boolean;
  /** Per attempt; the spec says 15 s. */
  timeoutMs?: number;
  /** Events and deliveries handled per round. */
  batchSize?: number;
  /** Spread of retry delays (0.1 = ±10 %); 0 in tests that check exact times. */
  jitter?: number;
  /** Delay before each attempt, the first included (default `RETRY_DELAYS_MS`, the spec's schedule). */
  retryDelaysMs?: readonly number[];
  /**
   * How long a claimed delivery stays locked to its dispatcher (default: the timeout plus a
   * minute). A dispatcher that dies leaves its claims to others after this long.
   */
  lockMs?: number;
  fetch?: typeof fetch;
  /**
   * The addresses a host name resolves to (Node: DNS). With it, a name pointing at a loopback or
   * private address is refused like the address itself; without it only literal addresses and
   * `localhost` names are. A name that does not resolve is left to the attempt to fail.
   */
  resolveHost?: (hostname: string) => Promise<string[]>;
  logger?: Logger;
}

export interface WebhookDispatcher {
  /** Turns unpublished outbox events into deliveries for subscribed, enabled endpoints. */
  fanOut(): Promise<number>;
  /** Makes one attempt for each delivery that is due. */
  deliverDue(): Promise<number>;
  /** Both, until nothing is left to do now. */
  drain(): Promise<void>;
  /** One round of both; true when it found work (the background loop's tick). */
  runOnce(): Promise<boolean>;
}

/**
 * The webhook dispatcher: drains the outbox into deliveries, then POSTs each due delivery signed
 * per Standard Webhooks, retrying on the schedule of `schedule.ts`. Several dispatchers may run at once:
 * events and deliveries are claimed with `FOR UPDATE SKIP LOCKED` (SQL). It works when asked; the
 * background loop lives beside the Node entry (`background/start.ts`).
 *
 * @example
 * const dispatcher = createWebhookDispatcher({ store, allowPrivateTargets: false });
 * await dispatcher.drain();
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const batchSize = options.batchSize ?? 50;
  const jitter = options.jitter ?? 0.1;
  const lockMs = options.lockMs ?? timeoutMs + MINUTE;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function isPrivateTarget(url: string): Promise<boolean> {
    if (options.allowPrivateTargets) return false;
    const host = new URL(url).hostname;
    if (isPrivateHost(host)) return true;
    const addresses = options.resolveHost ? await options.resolveHost(host.replace(/^\[|\]$/g, '')).catch(() => []) : [];
    return addresses.some((address) => isPrivateHost(address));
  }

  async function attempt(delivery: DueDelivery): Promise<void> {
    const p = delivery.partition;
    const endpoint = await store.webhooks.getEndpoint(p, delivery.endpoint_id);
    if (!endpoint) return; // deleted: its deliveries went with it
    const refused = await isPrivateTarget(delivery.url);
    const sent = refused ? { statusCode: null, retryAfterMs: null, durationMs: 0 } : await sendDelivery(delivery, endpoint, { fetch: doFetch, clock, timeoutMs });
    const { statusCode } = sent;
    const attemptNo = delivery.attempt + 1;
    const finishedAt = clock.now();
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const gone = statusCode === 410;
    const next = ok || gone || refused ? null : nextAttemptAt(attemptNo, finishedAt.getTime(), sent.retryAfterMs, jitter, options.retryDelaysMs);
    await store.transaction(async (tx) => {
      await tx.webhooks.updateDelivery(p, {
        ...delivery,
        attempt: attemptNo,
        status: ok ? 'succeeded' : next ? 'pending' : 'failed',
        status_code: statusCode,
        duration_ms: sent.durationMs,
        next_retry_at: next,
        delivered_at: ok ? finishedAt.toISOString() : null,
        locked_until: null,
      });
      if (gone) {
        const current = await tx.webhooks.getEndpoint(p, endpoint.id, { forUpdate: true });
        if (current && current.enabled) {
          await tx.webhooks.updateEndpoint(p, { ...current, enabled: false, disabled_reason: 'gone', updated_at: finishedAt.toISOString() });
        }
      }
    });
    if (refused) options.logger?.error({ delivery_id: delivery.id }, 'webhook target is a private address; not sent');
  }

  async function deliverDue(): Promise<number> {
    const now = clock.now();
    // The lock outlasts one attempt, so no other dispatcher sends the same delivery meanwhile.
    const due = await store.webhooks.claimDue({
      now: now.toISOString(),
      lockUntil: new Date(now.getTime() + lockMs).toISOString(),
      limit: batchSize,
    });
    await Promise.all(due.map((d) => attempt(d).catch((err) => options.logger?.error({ err, delivery_id: d.id }, 'webhook attempt failed'))));
    return due.length;
  }

  const fanOutBatch = () => store.transaction((tx) => fanOut(tx, clock, batchSize));

  async function drain(): Promise<void> {
    for (;;) {
      const events = await fanOutBatch();
      const sent = await deliverDue();
      if (events === 0 && sent === 0) return;
    }
  }

  return {
    fanOut: fanOutBatch,
    deliverDue,
    drain,
    runOnce: async () => (await fanOutBatch()) + (await deliverDue()) > 0,
  };
}
