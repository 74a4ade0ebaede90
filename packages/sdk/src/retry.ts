/** How hard the SDK tries again. Every field has a default; see `createNexusClient`. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `2` means up to 3 attempts). */
  maxRetries: number;
  /** First backoff ceiling; doubles per retry. */
  baseDelayMs: number;
  /** Ceiling of one backoff wait (a `Retry-After` from the server is bounded by `maxRetryAfterMs` instead). */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown with `retryAfterMs`. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Statuses worth trying again. Other 4xx mean the request itself is wrong and would fail the same
 * way; 409 is retried only for IDEMPOTENCY_IN_PROGRESS, where the first attempt is still running.
 */
export function isRetryableStatus(status: number, code?: string): boolean {
  if (status === 409) return code === 'IDEMPOTENCY_IN_PROGRESS';
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` as delta-seconds or an HTTP-date, in ms from `nowMs`; `undefined` if absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP-date always names a weekday and month; this keeps Date.parse from reading "-5" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(maxDelay, base·2^retry)).
 * Full jitter spreads a crowd of clients that failed together instead of moving the crowd.
 * `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryAfterMs?: number | undefined };

/**
 * Whether to send attempt `retry + 1`, and after how long.
 * `status` is `undefined` for a network error. `remainingMs` is what is left of the overall timeout:
 * a wait that cannot finish before it is not started, so the caller gets the real error, not a timeout.
 * A `patient` call (one that waits for the rate limit) never retries a 429 here: its caller waits
 * for the window outside the call's deadline, however long `Retry-After` says.
 */
export function decideRetry(input: {
  retry: number;
  status?: number | undefined;
  code?: string | undefined;
  retryAfter: string | null;
  nowMs: number;
  remainingMs: number;
  policy: RetryPolicy;
  random: () => number;
  patient?: boolean | undefined;
}): RetryDecision {
  const { status, policy } = input;
  const retryAfterMs = parseRetryAfter(input.retryAfter, input.nowMs);
  if (status !== undefined && !isRetryableStatus(status, input.code)) return { retry: false, retryAfterMs };
  if (input.patient && status === 429) return { retry: false, retryAfterMs };
  if (input.retry >= policy.maxRetries) return { retry: false, retryAfterMs };
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return { retry: false, retryAfterMs };
  const delayMs = retryAfterMs ?? backoffDelay(input.retry, policy, input.random);
  if (delayMs >= input.remainingMs) return { retry: false, retryAfterMs };
  return { retry: true, delayMs };
}
