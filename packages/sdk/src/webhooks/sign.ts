import { uuid } from '../internal/uuid.js';
import { type WebhookPayload, rawPayload, secretKey, sign } from './signature.js';

export interface SignWebhookOptions {
  /** Default: a fresh `evt_…` id. */
  id?: string | undefined;
  /** Unix seconds or a Date. Default: now. */
  timestamp?: number | Date | undefined;
  payload: WebhookPayload;
  secret: string;
}

/** The three Standard Webhooks headers for a payload (a type, so it fits any header record). */
export type WebhookSignatureHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs a payload as NexusCommerce does, to test a webhook receiver without the API.
 * @example
 * const body = JSON.stringify({ id: 'evt_1', type: 'ping', created_at: new Date().toISOString(), data: {} });
 * const headers = await signWebhook({ payload: body, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * await fetch('http://localhost:3000/hooks', { method: 'POST', body, headers });
 */
export async function signWebhook(options: SignWebhookOptions): Promise<WebhookSignatureHeaders> {
  const id = options.id ?? `evt_${uuid().replaceAll('-', '')}`;
  const ts = options.timestamp ?? new Date();
  const timestamp = String(ts instanceof Date ? Math.floor(ts.getTime() / 1000) : Math.floor(ts));
  const signature = await sign(id, timestamp, rawPayload(options.payload), secretKey(options.secret));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
