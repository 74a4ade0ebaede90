import { AbortError, ApiError, ConnectionError, RateLimitError, TimeoutError } from './errors.js';
import { sleep, systemClock, withDeadline } from './internal/clock.js';
import { uuid } from './internal/uuid.js';
import { createPacer } from './rate-limit.js';
import { type RetryPolicy, decideRetry, defaultRetryPolicy } from './retry.js';
import type { FetchLike, SendOptions, TransportOptions } from './transport.js';

/** One call as the code that builds its request sees it: its keys, its signal, and how to send. */
export interface Exchange {
  requestId: string;
  idempotencyKey: string | undefined;
  /** The call's headers, names in lower case: the inherited ones, the caller's `headers`, the keys above. */
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Sends `first` (built with `signal`), retrying with `body` re-sent; 2xx answers are returned unread. */
  send(first: Request, body?: BodyInit | undefined): Promise<Response>;
}

/** An exchange as the engine runs it. */
interface Live extends Exchange {
  policy: RetryPolicy;
  endsAt: number;
  call: SendOptions;
}

/** The transport's engine, shared by `createTransport` and the client's resource methods. */
export interface Engine {
  /** `inherited`: headers every request of the caller carries, names in lower case. */
  call<T>(method: string, call: SendOptions, inherited: Record<string, string>, run: (exchange: Exchange) => Promise<T>): Promise<T>;
}

/**
 * The API's conventions around any request: request id and idempotency key (kept across
 * retries), retries with `Retry-After` or jittered backoff, one deadline, abort at any point, and
 * rate-limit pacing for calls that ask for it. Nothing that can be done once is done per call.
 * @example
 * const engine = createEngine({ timeoutMs: 10_000 });
 */
export function createEngine(options: TransportOptions = {}): Engine {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? uuid;
  const basePolicy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  // Looked up per call so a fetch patched later (MSW in a browser, say) is still used.
  const doFetch: FetchLike = options.fetch ?? ((request) => fetch(request));
  const pacer = createPacer(clock);

  /** Every attempt of one call, under the deadline its `signal` carries. */
  async function attempts(x: Live, first: Request, body?: BodyInit) {
    const { signal, call } = x;
    const context = { requestId: x.requestId, idempotencyKey: x.idempotencyKey };
    for (let retry = 0; ; retry++) {
      let response: Response | undefined;
      let failure: unknown;
      pacer.sent();
      try {
        response = await doFetch(retry === 0 ? first : again(first, body, retry, signal));
      } catch (error) {
        failure = error;
      }
      pacer.settled(response?.headers);
      if (signal.aborted) throw signal.reason;
      if (response?.ok) return response;
      let parsed: unknown;
      let text: string | null = null;
      if (response) {
        try {
          // Error bodies are small: read within the deadline, parsed once for the error.
          text = response.status === 304 ? null : await response.text();
          parsed = parseJson(text);
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          [response, failure] = [undefined, error];
        }
      }
      const decision = decideRetry({
        retry,
        status: response?.status,
        code: (parsed as { error?: { code?: string } } | undefined)?.error?.code,
        retryAfter: response?.headers.get('retry-after') ?? null,
        nowMs: clock.now(),
        remainingMs: x.endsAt - clock.now(),
        policy: x.policy,
        random,
        patient: call.waitForRateLimit,
      });
      if (decision.retry) {
        await sleep(decision.delayMs, signal, clock);
        continue;
      }
      if (!response) {
        const reason = failure instanceof Error ? failure.message : String(failure);
        throw new ConnectionError(`Could not reach ${new URL(first.url).origin}: ${reason}`, { ...context, cause: failure });
      }
      // A patient call's 429 goes up to `call`, which waits for the window outside this deadline.
      if (!call.throwOnHttpError && !(call.waitForRateLimit && response.status === 429)) return new Response(text, response);
      throw ApiError.generate(response.status, parsed, response.headers, { ...context, retryAfterMs: decision.retryAfterMs });
    }
  }

  // Not an async function: on the common path (no rate-limit wait) that would only add a hop.
  function call<T>(method: string, call: SendOptions, inherited: Record<string, string>, run: (x: Exchange) => Promise<T>): Promise<T> {
    // A plain object, not Headers: this runs on every call, and the Request converts it once anyway.
    const headers = { ...inherited };
    try {
      if (call.headers) new Headers(call.headers).forEach((value, name) => (headers[name] = value));
    } catch (error) {
      return Promise.reject(error);
    }
    const requestId = (headers['x-request-id'] = call.requestId ?? headers['x-request-id'] ?? newId());
    const idempotencyKey =
      call.idempotencyKey ?? headers['idempotency-key'] ?? (method === 'POST' || method === 'PATCH' ? newId() : undefined);
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const context = { requestId, idempotencyKey };
    const policy = call.maxRetries === undefined ? basePolicy : { ...basePolicy, maxRetries: call.maxRetries };
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 60_000;
    const reasons = {
      onAbort: (cause: unknown) => new AbortError('The request was aborted', { ...context, cause }),
      onTimeout: () => new TimeoutError(`The request timed out after ${timeoutMs} ms`, context),
    };
    const once = () => {
      const endsAt = clock.now() + timeoutMs;
      return withDeadline(call.signal, timeoutMs, clock, reasons, (signal) => {
        const x: Live = { ...context, headers, signal, policy, endsAt, call, send: (first, body) => attempts(x, first, body) };
        return run(x);
      });
    };
    if (!call.waitForRateLimit) return once();
    return (async () => {
      for (;;) {
        await pacer.ready(call.signal, call.onRateLimitWait).catch((cause: unknown) => Promise.reject(reasons.onAbort(cause)));
        try {
          return await once();
        } catch (error) {
          // The wait for the window happens out here, outside the deadline: each try gets a full budget.
          if (!(error instanceof RateLimitError)) throw error;
          pacer.hold(error.retryAfterMs ?? 1_000);
        }
      }
    })();
  }

  return { call };
}

/** Retry `retry` of `first`: same URL, keys and body, plus `X-Retry-Count`. */
function again(first: Request, body: BodyInit | undefined, retry: number, signal: AbortSignal): Request {
  const headers = new Headers(first.headers);
  headers.set('x-retry-count', String(retry));
  return new Request(first.url, { method: first.method, headers, body: body ?? null, signal, redirect: first.redirect });
}

function parseJson(text: string | null): unknown {
  try {
    return text && JSON.parse(text);
  } catch {
    return undefined;
  }
}
