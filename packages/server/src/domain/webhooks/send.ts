import type { Clock } from '../../clock.js';
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../../store/webhooks.js';
import { retryAfterMs } from './schedule.js';
import { signWebhook } from './signing.js';

/** What one attempt got back: the status (null on a timeout or a network error) and any `Retry-After`. */
export interface SendResult {
  statusCode: number | null;
  retryAfterMs: number | null;
  durationMs: number;
}

/**
 * One HTTP attempt of a delivery: POSTs its exact body, signed with the endpoint's secret (and the
 * previous one while it is still valid after a rotation), redirects not followed, aborted after
 * `timeoutMs`. A 429 or 503 may ask for a later retry.
 *
 * @example
 * const { statusCode } = await sendDelivery(delivery, endpoint, { fetch, clock, timeoutMs: 15_000 });
 */
export async function sendDelivery(
  delivery: WebhookDeliveryRecord,
  endpoint: WebhookEndpointRecord,
  options: { fetch: typeof fetch; clock: Clock; timeoutMs: number },
): Promise<SendResult> {
  const started = options.clock.now();
  const secrets = [endpoint.secret];
  if (endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > started.toISOString()) {
    secrets.push(endpoint.previous_secret);
  }
  const headers = await signWebhook({ id: delivery.event_id, timestamp: Math.floor(started.getTime() / 1000), body: delivery.payload, secret: secrets });
  // Real time, not the clock: a test clock does not move while the receiver answers.
  const realStart = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await options.fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', 'user-agent': 'NexusCommerce-Webhooks/1', ...headers },
      body: delivery.payload,
    });
    const retryAfter = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after'), started.getTime()) : null;
    await response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, retryAfterMs: retryAfter, durationMs: Date.now() - realStart };
  } catch {
    return { statusCode: null, retryAfterMs: null, durationMs: Date.now() - realStart };
  } finally {
    clearTimeout(timer);
  }
}
