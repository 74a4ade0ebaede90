import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * Answers `503 UNAVAILABLE` with `Retry-After` when an operation has not finished within
 * `requestTimeoutMs`, instead of holding the client for as long as a slow store takes
 * (decision 038). The work is not cancelled: a write may still commit, and a retry with the same
 * `Idempotency-Key` gets its outcome (`409 IDEMPOTENCY_IN_PROGRESS` until it is known).
 */
export function timeBudget(deps: Deps): MiddlewareHandler<AppEnv> {
  const budgetMs = deps.config.requestTimeoutMs;
  return async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new ApiError('UNAVAILABLE', `The request did not finish within ${budgetMs} ms; retry it later.`, [], { 'Retry-After': '1' }));
      }, budgetMs);
    });
    const work = next();
    // The work may fail after the budget answered; that failure has nobody left to tell.
    work.catch(() => undefined);
    try {
      await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
