import { AbortError, ApiError, ConnectionError, TimeoutError } from './errors.js';
import { type Clock, abortable, deadline, sleep, systemClock } from './internal/clock.js';
import { uuid } from './internal/uuid.js';
import { type RetryPolicy, decideRetry, defaultRetryPolicy } from './retry.js';

/** The one thing the SDK needs from the network; tests pass their own. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Per-call options, accepted as the last argument of every resource method. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overall budget for the call, every retry and backoff included. */
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Defaults to a fresh UUID on POST and PATCH; pass your own to make a call safe to repeat later. */
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  headers?: HeadersInit | undefined;
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

const NULL_BODY = [101, 204, 205, 304];

/**
 * A `fetch` with the API's conventions: request id and idempotency key (kept across retries),
 * retries with `Retry-After` or jittered backoff, one overall timeout, and abort at any point.
 * @example
 * const send = createTransport({ timeoutMs: 10_000 });
 * const res = await send(new Request('https://api.nexuscommerce.example/v1/health'));
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? uuid;
  // Looked up per call so a fetch patched later (MSW in a browser, say) is still used.
  const doFetch: FetchLike = options.fetch ?? ((request) => fetch(request));

  return async function send(request, call = {}) {
    const policy = { ...defaultRetryPolicy, ...options.retry };
    if (call.maxRetries !== undefined) policy.maxRetries = call.maxRetries;
    const headers = new Headers(request.headers);
    new Headers(call.headers).forEach((value, name) => headers.set(name, value));
    const { method, url } = request;
    const requestId = call.requestId ?? headers.get('x-request-id') ?? newId();
    headers.set('x-request-id', requestId);
    const idempotencyKey =
      call.idempotencyKey ??
      headers.get('idempotency-key') ??
      (method === 'POST' || method === 'PATCH' ? newId() : undefined);
    if (idempotencyKey !== undefined) headers.set('idempotency-key', idempotencyKey);
    const context = { requestId, idempotencyKey };

    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 60_000;
    const endsAt = clock.now() + timeoutMs;
    const guard = deadline(call.signal ?? request.signal, timeoutMs, clock, {
      onAbort: (cause) => new AbortError('The request was aborted', { ...context, cause }),
      onTimeout: () => new TimeoutError(`The request timed out after ${timeoutMs} ms`, context),
    });
    try {
      // Buffered once so every retry re-sends the same bytes (a stream can be read only once).
      const body = request.body ? await request.arrayBuffer() : undefined;
      for (let retry = 0; ; retry++) {
        if (guard.signal.aborted) throw guard.signal.reason;
        if (retry > 0) headers.set('x-retry-count', String(retry));
        let response: Response | undefined;
        let parsed: unknown;
        let failure: unknown;
        try {
          const raw = await abortable(
            doFetch(new Request(url, { method, headers, body, signal: guard.signal, redirect: request.redirect })),
            guard.signal,
          );
          // The whole body is read inside the deadline: a stalled download times out too.
          const bytes = NULL_BODY.includes(raw.status) ? null : await abortable(raw.arrayBuffer(), guard.signal);
          response = new Response(bytes, raw);
          if (raw.ok) return response;
          parsed = parseJson(bytes);
        } catch (error) {
          if (guard.signal.aborted) throw guard.signal.reason;
          failure = error;
        }
        const decision = decideRetry({
          retry,
          status: response?.status,
          code: (parsed as { error?: { code?: string } } | undefined)?.error?.code,
          retryAfter: response?.headers.get('retry-after') ?? null,
          nowMs: clock.now(),
          remainingMs: endsAt - clock.now(),
          policy,
          random,
        });
        if (decision.retry) {
          await sleep(decision.delayMs, guard.signal, clock);
          continue;
        }
        if (!response) {
          const reason = failure instanceof Error ? failure.message : String(failure);
          throw new ConnectionError(`Could not reach ${new URL(url).origin}: ${reason}`, { ...context, cause: failure });
        }
        if (call.throwOnHttpError) {
          throw ApiError.generate(response.status, parsed, response.headers, {
            ...context,
            retryAfterMs: decision.retryAfterMs,
          });
        }
        return response;
      }
    } finally {
      guard.done();
    }
  };
}

function parseJson(bytes: ArrayBuffer | null): unknown {
  try {
    return bytes && JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
