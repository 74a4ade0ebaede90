import { type Engine, createEngine } from './engine.js';
import type { Clock } from './internal/clock.js';
import type { RetryPolicy } from './retry.js';

/** The one thing the SDK needs from the network; tests pass their own. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Per-call options, accepted as the last argument of every resource method. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Budget for one call, its retries and backoffs included (waits for the rate limit are not). */
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Defaults to a fresh UUID on POST and PATCH; pass your own to make a call safe to repeat later. */
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  headers?: HeadersInit | undefined;
  /**
   * Wait for the key's rate limit instead of failing: hold the call while the `X-RateLimit-*`
   * headers say the window is spent, and after a 429 wait out its `Retry-After` however long,
   * then send again with the same keys. Those waits do not count against `timeoutMs`; end them
   * with `signal`. Bulk ingest sets it.
   */
  waitForRateLimit?: boolean | undefined;
  /** Told how long each rate-limit wait of a `waitForRateLimit` call will be, before it starts. */
  onRateLimitWait?: ((waitMs: number) => void) | undefined;
}

export interface SendOptions extends CallOptions {
  /** Throw `ApiError` for a final non-2xx instead of returning it (the resource methods do). */
  throwOnHttpError?: boolean | undefined;
}

export interface TransportOptions {
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  clock?: Clock | undefined;
  /** Source of jitter in [0, 1). */
  random?: (() => number) | undefined;
  newId?: (() => string) | undefined;
}

export type Transport = (request: Request, options?: SendOptions) => Promise<Response>;

/**
 * A `fetch` with the API's conventions: request id and idempotency key (kept across retries),
 * retries with `Retry-After` or jittered backoff, one deadline, abort at any point, and waiting
 * for the rate limit when asked. The answer's body has been read within the deadline, so a
 * stalled download times out too.
 * @example
 * const send = createTransport({ timeoutMs: 10_000 });
 * const res = await send(new Request('https://api.nexuscommerce.example/v1/health'));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  return sendWith(createEngine(options));
}

/** The `fetch`-shaped face of an engine, for requests built elsewhere (openapi-fetch's `raw` client). */
export function sendWith(engine: Engine): Transport {
  return (request, call = {}) => {
    // Buffered once, so every retry (and every try after a rate-limit wait) re-sends the same bytes.
    let buffered: Promise<ArrayBuffer | undefined> | undefined;
    const inherited = Object.fromEntries(request.headers);
    return engine.call(request.method, { ...call, signal: call.signal ?? request.signal }, inherited, async (x) => {
      const body = await (buffered ??= request.body ? request.arrayBuffer() : Promise.resolve(undefined));
      const first = new Request(request.url, { method: request.method, headers: x.headers, body, signal: x.signal, redirect: request.redirect });
      const response = await x.send(first, body);
      if (!response.ok || response.body === null) return response;
      return new Response(await response.arrayBuffer(), response);
    });
  };
}
