import { WebhookVerificationError } from '../errors.js';
import type { WebhookEvent } from '../schema.js';
import { type WebhookHeaders, type WebhookPayload, constantTimeEqual, rawPayload, readHeader, secretKey, sign } from './signature.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface VerifyWebhookOptions {
  /** The raw body, exactly as received. */
  payload: WebhookPayload;
  headers: WebhookHeaders;
  /** The endpoint's `whsec_…` secret. */
  secret?: string | undefined;
  /** Several secrets, e.g. the new and the old one during a rotation; any one may match. */
  secrets?: readonly string[] | undefined;
  /** Largest accepted clock difference either way, in seconds. Default 300. */
  toleranceSec?: number | undefined;
  /** The current time (a Date or ms since the epoch); for tests. */
  now?: Date | number | undefined;
}

/**
 * Checks a webhook's Standard Webhooks signature and timestamp, then parses it.
 * Throws WebhookVerificationError (with a `reason`) when it is not authentic or too old/new:
 * answer 400 then. Deliveries are at least once, so dedupe on `event.id` / `webhook-id`.
 * @example
 * import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
 * app.post('/hooks', express.raw({ type: 'application/json' }), async (req, res) => {
 *   const event = await verifyWebhook({ payload: req.body, headers: req.headers, secret: process.env.NEXUS_WHSEC });
 *   if (event.type === 'order.created') { … }
 *   res.sendStatus(204);
 * });
 */
export async function verifyWebhook<Event = WebhookEvent>(options: VerifyWebhookOptions): Promise<Event> {
  const body = rawPayload(options.payload);
  const id = readHeader(options.headers, 'webhook-id');
  const timestamp = readHeader(options.headers, 'webhook-timestamp');
  const signatures = readHeader(options.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing_header',
      'The webhook-id, webhook-timestamp and webhook-signature headers are all required',
    );
  }

  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not unix seconds');
  const nowSec = Math.floor(Number(options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSec ?? 300;
  const age = nowSec - Number(timestamp);
  // Rejecting old messages stops replays; rejecting future ones stops pre-signed messages held back.
  if (age > tolerance) throw new WebhookVerificationError('timestamp_too_old', `The webhook is ${age} s old`);
  if (-age > tolerance) throw new WebhookVerificationError('timestamp_too_new', `The webhook is ${-age} s in the future`);

  const secrets = options.secrets ?? (options.secret === undefined ? [] : [options.secret]);
  if (secrets.length === 0) throw new TypeError('verifyWebhook needs `secret` or `secrets`');
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  let valid = false;
  for (const secret of secrets) {
    const expected = await sign(id, timestamp, body, secretKey(secret));
    // No early return: every pair is compared, so timing does not tell which one matched.
    for (const signature of offered) valid = constantTimeEqual(signature, expected) || valid;
  }
  if (!valid) throw new WebhookVerificationError('invalid_signature', 'No webhook-signature matches the secret');

  try {
    return JSON.parse(typeof body === 'string' ? body : utf8.decode(body)) as Event;
  } catch {
    throw new WebhookVerificationError('invalid_payload', 'The webhook body is not UTF-8 JSON');
  }
}
