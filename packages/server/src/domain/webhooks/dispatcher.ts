import { systemClock, type Clock } from '../../clock.js';
import type { Logger } from '../../config.js';
import type { DueDelivery } from '../../store/webhooks.js';
import type { Store } from '../../store/port.js';
import { newDelivery } from './service.js';
import { signatureHeader } from './signing.js';
import { isPrivateHost } from './targets.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When attempt n+1 is due after attempt n failed (index n = attempts made): the first attempt is
 * immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 24 h. Eight attempts in all.
 */
export const RETRY_DELAYS_MS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

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

/** Seconds or an HTTP date, as milliseconds from `now`; null when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * SECOND;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The webhook dispatcher: drains the outbox into deliveries, then POSTs each due delivery signed
 * per Standard Webhooks, retrying on the schedule above. Several dispatchers may run at once:
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
  const timeoutMs = options.timeoutMs ?? 15 * SECOND;
  const batchSize = options.batchSize ?? 50;
  const jitter = options.jitter ?? 0.1;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function fanOut(): Promise<number> {
    return store.transaction(async (tx) => {
      const events = await tx.outbox.claimUnpublished(batchSize);
      const now = clock.now().toISOString();
      for (const event of events) {
        const endpoints = await tx.webhooks.subscribedEndpoints(event.partition, event.type);
        const payload = JSON.stringify({ id: event.id, type: event.type, created_at: event.created_at, data: event.data });
        const requestId = event.request_id ?? (event.data as { request_id?: unknown } | null)?.request_id;
        for (const endpoint of endpoints) {
          const delivery = newDelivery(endpoint, { id: event.id, type: event.type, payload }, typeof requestId === 'string' ? requestId : '', now);
          await tx.webhooks.insertDelivery(event.partition, delivery);
        }
      }
      await tx.outbox.markPublished(events.map((e) => e.id), now);
      return events.length;
    });
  }

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
    const started = clock.now();
    const attemptNo = delivery.attempt + 1;
    let statusCode: number | null = null;
    let retryAfter: number | null = null;
    let refused = false;
    const realStart = Date.now();
    if (await isPrivateTarget(delivery.url)) {
      refused = true;
    } else {
      const secrets = [endpoint.secret];
      if (endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > started.toISOString()) {
        secrets.push(endpoint.previous_secret);
      }
      const timestamp = Math.floor(started.getTime() / 1000);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await doFetch(delivery.url, {
          method: 'POST',
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'NexusCommerce-Webhooks/1',
            'webhook-id': delivery.event_id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': await signatureHeader(secrets, delivery.event_id, timestamp, delivery.payload),
          },
          body: delivery.payload,
        });
        statusCode = response.status;
        if (statusCode === 429 || statusCode === 503) retryAfter = retryAfterMs(response.headers.get('retry-after'), started.getTime());
        await response.body?.cancel().catch(() => undefined);
      } catch {
        statusCode = null; // timeout or connection error
      } finally {
        clearTimeout(timer);
      }
    }
    const duration = Date.now() - realStart;
    const finishedAt = clock.now();
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const gone = statusCode === 410;
    let next: string | null = null;
    if (!ok && !gone && !refused && attemptNo < MAX_ATTEMPTS) {
      const base = RETRY_DELAYS_MS[attemptNo]!;
      let delay = base + (base >= MINUTE ? Math.round(base * jitter * (Math.random() * 2 - 1)) : 0);
      if (retryAfter !== null) delay = Math.max(delay, Math.min(retryAfter, 24 * HOUR));
      next = new Date(finishedAt.getTime() + delay).toISOString();
    }
    await store.transaction(async (tx) => {
      await tx.webhooks.updateDelivery(p, {
        ...delivery,
        attempt: attemptNo,
        status: ok ? 'succeeded' : next ? 'pending' : 'failed',
        status_code: statusCode,
        duration_ms: refused ? 0 : duration,
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
      lockUntil: new Date(now.getTime() + timeoutMs + MINUTE).toISOString(),
      limit: batchSize,
    });
    await Promise.all(due.map((d) => attempt(d).catch((err) => options.logger?.error({ err, delivery_id: d.id }, 'webhook attempt failed'))));
    return due.length;
  }

  async function drain(): Promise<void> {
    for (;;) {
      const events = await fanOut();
      const sent = await deliverDue();
      if (events === 0 && sent === 0) return;
    }
  }

  return {
    fanOut,
    deliverDue,
    drain,
    runOnce: async () => (await fanOut()) + (await deliverDue()) > 0,
  };
}
