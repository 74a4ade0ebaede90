import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from './errors.js';
import { FakeClock } from './testing/fake-clock.js';
import { apiError, hangingFetch, json, scriptedFetch } from './testing/fake-fetch.js';
import { type TransportOptions, createTransport } from './transport.js';

const URL_ = 'https://api.test/v1/products';
const post = (body = '{"sku":"A"}') =>
  new Request(URL_, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

function setup(fetch: TransportOptions['fetch'], extra: TransportOptions = {}) {
  const clock = new FakeClock();
  let n = 0;
  const send = createTransport({ fetch, clock, random: () => 0.5, newId: () => `id-${++n}`, ...extra });
  return { clock, send };
}

describe('retries', () => {
  it('waits Retry-After seconds, then succeeds', async () => {
    const net = scriptedFetch(apiError(429, 'RATE_LIMITED', { 'retry-after': '2' }), json(200, { data: [] }));
    const { clock, send } = setup(net.fetch);
    const res = await send(new Request(URL_));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [] });
    expect(clock.delays).toEqual([60_000, 2_000]); // the overall deadline, then the wait
  });

  it('waits until a Retry-After HTTP-date', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const net = scriptedFetch(
      apiError(503, 'UNAVAILABLE', { 'retry-after': 'Sun, 01 Mar 2026 10:00:04 GMT' }),
      json(200, { data: {} }),
    );
    const send = createTransport({ fetch: net.fetch, clock });
    await send(new Request(URL_));
    expect(clock.delays[1]).toBe(4_000);
  });

  it('throws RateLimitError at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const net = scriptedFetch(apiError(429, 'RATE_LIMITED', { 'retry-after': '3600' }));
    const { send } = setup(net.fetch);
    const error = await send(post(), { throwOnHttpError: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 3_600_000, idempotencyKey: 'id-2' });
    expect(net.seen).toHaveLength(1);
  });

  it('backs off with full jitter within the bounds when there is no Retry-After', async () => {
    const net = scriptedFetch(apiError(500, 'INTERNAL'), apiError(502, 'INTERNAL'), apiError(504, 'INTERNAL'), json(200, {}));
    const { clock, send } = setup(net.fetch, { random: () => 0.999, retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 300 } });
    await send(new Request(URL_));
    const [, ...waits] = clock.delays;
    expect(waits).toHaveLength(3);
    [100, 200, 300].forEach((ceiling, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(0);
      expect(waits[i]).toBeLessThan(ceiling);
    });
  });

  it('re-sends the same body, idempotency key and request id on every retry', async () => {
    const net = scriptedFetch(apiError(503, 'UNAVAILABLE'), new TypeError('fetch failed'), json(201, { data: {} }));
    const { send } = setup(net.fetch);
    const res = await send(post('{"sku":"SKU-1","title":"Tea"}'));
    expect(res.status).toBe(201);
    expect(net.seen.map((r) => r.body)).toEqual(Array(3).fill('{"sku":"SKU-1","title":"Tea"}'));
    expect(new Set(net.seen.map((r) => r.headers.get('idempotency-key')))).toEqual(new Set(['id-2']));
    expect(new Set(net.seen.map((r) => r.headers.get('x-request-id')))).toEqual(new Set(['id-1']));
    expect(net.seen.map((r) => r.headers.get('x-retry-count'))).toEqual([null, '1', '2']);
  });

  it("keeps the caller's keys", async () => {
    const net = scriptedFetch(json(201, {}));
    const { send } = setup(net.fetch);
    await send(post(), { idempotencyKey: 'mine', requestId: 'req-mine' });
    expect(net.seen[0]!.headers.get('idempotency-key')).toBe('mine');
    expect(net.seen[0]!.headers.get('x-request-id')).toBe('req-mine');
  });

  it('sends no idempotency key on GET', async () => {
    const net = scriptedFetch(json(200, {}));
    await setup(net.fetch).send(new Request(URL_));
    expect(net.seen[0]!.headers.has('idempotency-key')).toBe(false);
    expect(net.seen[0]!.headers.get('x-request-id')).toBe('id-1');
  });

  it.each([
    [400, 'VALIDATION_FAILED', ValidationError],
    [401, 'UNAUTHORIZED', AuthenticationError],
    [403, 'SCOPE_DENIED', PermissionError],
    [404, 'NOT_FOUND', NotFoundError],
    [422, 'INVALID_GTIN', ValidationError],
    [409, 'IDEMPOTENCY_CONFLICT', ConflictError],
  ])('never retries %i', async (status, code, Class) => {
    const net = scriptedFetch(apiError(status, code), json(200, {}));
    const { send } = setup(net.fetch);
    const error = await send(post(), { throwOnHttpError: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, code, requestId: 'req_server', idempotencyKey: 'id-2' });
    expect(net.seen).toHaveLength(1);
  });

  it('retries 409 IDEMPOTENCY_IN_PROGRESS after its Retry-After', async () => {
    const net = scriptedFetch(apiError(409, 'IDEMPOTENCY_IN_PROGRESS', { 'retry-after': '1' }), json(201, {}));
    const { clock, send } = setup(net.fetch);
    expect((await send(post())).status).toBe(201);
    expect(clock.delays[1]).toBe(1_000);
  });

  it('returns the last error response when not asked to throw', async () => {
    const net = scriptedFetch(apiError(503, 'UNAVAILABLE'), apiError(503, 'UNAVAILABLE'), apiError(503, 'UNAVAILABLE'));
    const res = await setup(net.fetch).send(new Request(URL_));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    expect(net.seen).toHaveLength(3);
  });

  it('throws ConnectionError with the keys after the last network failure', async () => {
    const net = scriptedFetch(new TypeError('ECONNREFUSED'), new TypeError('ECONNREFUSED'));
    const { send } = setup(net.fetch);
    const error = await send(post(), { maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ requestId: 'id-1', idempotencyKey: 'id-2' });
    expect(net.seen).toHaveLength(2);
  });

  it('builds ApiError even from a non-JSON body', async () => {
    const net = scriptedFetch(new Response('<html>bad gateway</html>', { status: 502 }));
    const error = await setup(net.fetch).send(new Request(URL_), { maxRetries: 0, throwOnHttpError: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: undefined, message: 'HTTP 502', requestId: 'id-1' });
  });
});

describe('abort and timeout', () => {
  it('stops at once when aborted during a backoff', async () => {
    const net = scriptedFetch(apiError(503, 'UNAVAILABLE', { 'retry-after': '30' }), json(200, {}));
    const { clock, send } = setup(net.fetch);
    const controller = new AbortController();
    clock.onTimer = (ms) => ms === 30_000 && controller.abort(new Error('user left'));
    const error = await send(post(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: 'AbortError', idempotencyKey: 'id-2' });
    expect(net.seen).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const net = scriptedFetch(json(200, {}));
    const error = await setup(net.fetch).send(new Request(URL_), { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(net.seen).toHaveLength(0);
  });

  it('times out a request that never answers', async () => {
    const { send } = setup(hangingFetch());
    const error = await send(post(), { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ requestId: 'id-1', idempotencyKey: 'id-2' });
  });

  it('times out even when the injected fetch ignores the signal', async () => {
    const { send } = setup(() => new Promise<Response>(() => {}));
    await expect(send(new Request(URL_), { timeoutMs: 1_000 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('counts backoffs against the overall timeout', async () => {
    const net = scriptedFetch(apiError(503, 'UNAVAILABLE', { 'retry-after': '10' }), json(200, {}));
    const error = await setup(net.fetch).send(post(), { timeoutMs: 5_000, throwOnHttpError: true }).catch((e: unknown) => e);
    // Waiting 10 s cannot fit in 5 s: the real cause is thrown now instead of a timeout later.
    expect(error).toMatchObject({ status: 503, retryAfterMs: 10_000 });
    expect(net.seen).toHaveLength(1);
  });
});

describe('waitForRateLimit', () => {
  const limits = (clock: FakeClock, remaining: number, resetInS: number) => ({
    'x-ratelimit-limit': '60',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil(clock.now() / 1000) + resetInS),
    date: new Date(clock.now()).toUTCString(),
  });

  it('waits out a long Retry-After outside timeoutMs, then sends again with the same keys', async () => {
    const net = scriptedFetch(apiError(429, 'RATE_LIMITED', { 'retry-after': '120' }), json(201, { data: {} }));
    const { clock, send } = setup(net.fetch);
    const waits: number[] = [];
    const res = await send(post(), { timeoutMs: 5_000, waitForRateLimit: true, onRateLimitWait: (ms) => waits.push(ms), throwOnHttpError: true });
    expect(res.status).toBe(201);
    expect(waits).toEqual([120_000]);
    // One deadline per try, and the wait for the window between them, not inside either.
    expect(clock.delays).toEqual([5_000, 120_000, 5_000]);
    expect(net.seen).toHaveLength(2);
    expect(new Set(net.seen.map((r) => r.headers.get('idempotency-key')))).toEqual(new Set(['id-2']));
    expect(new Set(net.seen.map((r) => r.headers.get('x-request-id')))).toEqual(new Set(['id-1']));
  });

  it('holds a call while the last answer said the window is spent', async () => {
    const clock = new FakeClock();
    const sentAt: number[] = [];
    // The first answer spends the window, which resets 30 s later.
    const answers = [json(200, {}, limits(clock, 0, 30)), json(201, {}), json(200, {})];
    const send = createTransport({ clock, fetch: async () => (sentAt.push(clock.now()), answers.shift()!) });
    await send(new Request(URL_));
    const waits: number[] = [];
    await send(post(), { waitForRateLimit: true, onRateLimitWait: (ms) => waits.push(ms) });
    expect(waits).toEqual([30_000]);
    expect(sentAt[1]! - sentAt[0]!).toBe(30_000);
    // A call that does not ask to wait is sent at once (and would meet the server's 429).
    await send(new Request(URL_));
    expect(sentAt[2]).toBe(sentAt[1]);
  });

  it('stops waiting with AbortError when the signal aborts', async () => {
    const net = scriptedFetch(apiError(429, 'RATE_LIMITED', { 'retry-after': '600' }), json(201, {}));
    const { clock, send } = setup(net.fetch);
    const controller = new AbortController();
    clock.onTimer = (ms) => ms === 600_000 && controller.abort(new Error('deploy'));
    const error = await send(post(), { waitForRateLimit: true, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ idempotencyKey: 'id-2' });
    expect(net.seen).toHaveLength(1);
  });
});
