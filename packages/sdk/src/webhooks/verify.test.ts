import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../errors.js';
import { signWebhook } from './sign.js';
import { verifyWebhook } from './verify.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const oldSecret = 'whsec_' + btoa('an older secret of 32 bytes!!!!!');
const now = Date.parse('2026-03-01T12:00:00Z');
const nowSec = now / 1000;
const event = { id: 'evt_1', type: 'order.created', created_at: '2026-03-01T12:00:00Z', data: { id: 'ord_1' } };
const body = JSON.stringify(event);

async function signed(payload = body, timestamp = nowSec, key = secret) {
  return signWebhook({ id: 'evt_1', timestamp, payload, secret: key });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
}

describe('verifyWebhook', () => {
  it('accepts a valid webhook and returns the parsed event', async () => {
    const headers = new Headers({ ...(await signed()) });
    expect(await verifyWebhook({ payload: body, headers, secret, now })).toEqual(event);
  });

  it('accepts bytes and a plain header record in any case', async () => {
    const h = await signed();
    const headers = { 'Webhook-Id': h['webhook-id'], 'WEBHOOK-TIMESTAMP': h['webhook-timestamp'], 'webhook-signature': [h['webhook-signature']] };
    const payload = new TextEncoder().encode(body);
    expect(await verifyWebhook({ payload, headers, secret, now })).toEqual(event);
    expect(await verifyWebhook({ payload: payload.buffer, headers, secret, now })).toEqual(event);
  });

  it('verifies the Standard Webhooks test vector', async () => {
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    const payload = '{"test": 2432232314}';
    expect(await verifyWebhook({ payload, headers, secret, now: 1614265330_000 })).toEqual({ test: 2432232314 });
  });

  it('rejects a tampered body', async () => {
    const headers = await signed();
    expect(await reason(verifyWebhook({ payload: body.replace('ord_1', 'ord_2'), headers, secret, now }))).toBe('invalid_signature');
  });

  it('rejects the wrong secret', async () => {
    const headers = await signed();
    expect(await reason(verifyWebhook({ payload: body, headers, secret: oldSecret, now }))).toBe('invalid_signature');
  });

  it('rejects a signature of another version or a garbled one', async () => {
    const h = await signed();
    const v2 = { ...h, 'webhook-signature': h['webhook-signature'].replace('v1,', 'v2,') };
    expect(await reason(verifyWebhook({ payload: body, headers: v2, secret, now }))).toBe('invalid_signature');
    const junk = { ...h, 'webhook-signature': 'v1,!!!' };
    expect(await reason(verifyWebhook({ payload: body, headers: junk, secret, now }))).toBe('invalid_signature');
  });

  it('rejects timestamps outside the tolerance, both ways, and accepts its edge', async () => {
    const old = await signed(body, nowSec - 301);
    expect(await reason(verifyWebhook({ payload: body, headers: old, secret, now }))).toBe('timestamp_too_old');
    const future = await signed(body, nowSec + 301);
    expect(await reason(verifyWebhook({ payload: body, headers: future, secret, now }))).toBe('timestamp_too_new');
    const edge = await signed(body, nowSec - 300);
    await expect(verifyWebhook({ payload: body, headers: edge, secret, now })).resolves.toEqual(event);
    const narrow = await signed(body, nowSec - 20);
    expect(await reason(verifyWebhook({ payload: body, headers: narrow, secret, now, toleranceSec: 10 }))).toBe('timestamp_too_old');
  });

  it('accepts any of several signatures during a secret rotation', async () => {
    const a = await signed(body, nowSec, oldSecret);
    const b = await signed(body, nowSec, secret);
    const headers = { ...b, 'webhook-signature': `${a['webhook-signature']} ${b['webhook-signature']}` };
    expect(await verifyWebhook({ payload: body, headers, secret, now })).toEqual(event);
    expect(await verifyWebhook({ payload: body, headers, secret: oldSecret, now })).toEqual(event);
  });

  it('accepts several secrets, any one matching', async () => {
    const headers = await signed(body, nowSec, oldSecret);
    expect(await verifyWebhook({ payload: body, headers, secrets: [secret, oldSecret], now })).toEqual(event);
    expect(await reason(verifyWebhook({ payload: body, headers, secrets: [secret], now }))).toBe('invalid_signature');
  });

  it('names a missing header', async () => {
    const { 'webhook-signature': _, ...headers } = await signed();
    expect(await reason(verifyWebhook({ payload: body, headers, secret, now }))).toBe('missing_header');
  });

  it('rejects a timestamp that is not unix seconds', async () => {
    const headers = { ...(await signed()), 'webhook-timestamp': '2026-03-01T12:00:00Z' };
    expect(await reason(verifyWebhook({ payload: body, headers, secret, now }))).toBe('invalid_timestamp');
  });

  it('tells the caller to pass the raw body when given a parsed object', async () => {
    const headers = await signed();
    const error = await verifyWebhook({ payload: event as never, headers, secret, now }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'payload_not_raw' });
    expect((error as Error).message).toMatch(/raw request body/);
  });

  it('rejects a correctly signed body that is not JSON', async () => {
    const headers = await signed('not json');
    expect(await reason(verifyWebhook({ payload: 'not json', headers, secret, now }))).toBe('invalid_payload');
  });

  it('refuses to run without a secret, or with a malformed one', async () => {
    const headers = await signed();
    await expect(verifyWebhook({ payload: body, headers, now })).rejects.toBeInstanceOf(TypeError);
    await expect(verifyWebhook({ payload: body, headers, secret: 'whsec_***', now })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('signWebhook', () => {
  it('produces the three headers, defaulting id and timestamp', async () => {
    const headers = await signWebhook({ payload: body, secret });
    expect(headers['webhook-id']).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(await verifyWebhook({ payload: body, headers, secret })).toEqual(event);
  });
});
