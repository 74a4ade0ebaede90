import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context.js';
import { holdJobSignals } from '../domain/jobs/notifier.js';
import { ApiError, toErrorResponse } from '../errors.js';
import { sha256Hex } from '../hash.js';
import type { IdempotencyClaimInput, StoredResponse } from '../store/idempotency.js';
import { joinedStore } from '../store/joined.js';
import type { Partition } from '../store/partition.js';
import type { Store } from '../store/port.js';
import type { CompiledOperation } from '../validation/compile.js';
import { canonicalJson } from '../canonical-json.js';

// Only these headers belong to the answer itself; request id and rate limits are per request.
const REPLAYED_HEADERS = ['content-type', 'location'];

/** Runs the operation's handler with `store` in place of the app's store. */
export type Execute = (c: Context<AppEnv>, store: Store) => Promise<Response>;

/** Thrown inside the request's transaction to roll it back; carries what to answer instead. */
class RolledBack {
  readonly error: unknown;
  readonly response: Response | undefined;

  constructor(error: unknown, response?: Response) {
    this.error = error;
    this.response = response;
  }
}

/**
 * Stripe-style idempotency, durable in the store and scoped to the key's account and mode.
 * It runs after validation, so only requests that start executing are recorded.
 *
 * A request with a key is one transaction: the claim of the key, the handler's change and events
 * (its own transactions join this one) and the stored answer commit together. A concurrent request
 * with the same key finds it claimed and answers 409 IDEMPOTENCY_IN_PROGRESS, or, once the first
 * has committed, the replay. An answer with a 5xx rolls everything back and is not stored, so the
 * client may retry with the same key; an error the handler throws (404, 409, 422…) rolls its
 * partial writes back and then its answer is stored on its own.
 */
export function idempotency(op: CompiledOperation, deps: Deps, execute: Execute): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (op.idempotency === 'none') return next();
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      if (op.idempotency === 'optional') return next();
      throw new ApiError('IDEMPOTENCY_KEY_REQUIRED', 'POST and PATCH requests need an Idempotency-Key header.', [
        { field: 'Idempotency-Key', issue: 'is required' },
      ]);
    }
    const { partition } = c.get('auth');
    const now = deps.clock.now();
    const fingerprint = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${canonicalJson(c.get('body'))}`);
    const input: IdempotencyClaimInput = {
      key,
      fingerprint,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + deps.config.idempotencyTtlMs).toISOString(),
      lockedUntil: new Date(now.getTime() + deps.config.idempotencyLockMs).toISOString(),
    };
    let release = () => {};
    const outcome = deps.store.serialTransactions ? await claimThenRun(c, deps, execute, partition, input) : await deps.store.transaction(async (tx) => {
      const claim = await tx.idempotency.claim(partition, input);
      if (claim.outcome !== 'claimed') return claim;
      const scoped = joinedStore(deps.store, tx);
      release = holdJobSignals(scoped, deps.store);
      const res = await execute(c, scoped).catch((error: unknown) => Promise.reject(new RolledBack(error)));
      if (res.status >= 500) throw new RolledBack(undefined, res);
      await tx.idempotency.complete(partition, key, await stored(res));
      return res;
    }).catch((error: unknown) => (error instanceof RolledBack ? error : Promise.reject(error)));

    if (outcome instanceof Response) {
      release();
      c.res = outcome;
      return;
    }
    if (outcome instanceof RolledBack) {
      if (outcome.response) {
        c.res = outcome.response;
        return;
      }
      // Only a refusal the handler meant (an ApiError below 500) is an answer worth keeping.
      const { error } = outcome;
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      const res = toErrorResponse(error, c.get('requestId'));
      await deps.store.transaction(async (tx) => {
        if ((await tx.idempotency.claim(partition, input)).outcome === 'claimed') await tx.idempotency.complete(partition, key, await stored(res));
      });
      c.res = res;
      return;
    }
    if (outcome.outcome === 'conflict') {
      throw new ApiError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request.', [
        { field: 'Idempotency-Key', issue: 'was used with a different method, path or body' },
      ]);
    }
    if (outcome.outcome === 'in_progress') {
      throw new ApiError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running.', [], {
        'Retry-After': '1',
      });
    }
    if (outcome.outcome === 'replay') c.res = replay(outcome.response);
  };
}

/**
 * The same for a store whose transactions run one at a time: the claim commits on its own, the
 * handler runs with its own transactions, and the answer is stored after it (a 5xx or a thrown
 * error releases the key instead, and comes back as `RolledBack` for the caller to answer).
 */
async function claimThenRun(c: Context<AppEnv>, deps: Deps, execute: Execute, partition: Partition, input: IdempotencyClaimInput) {
  const store = deps.store;
  const claim = await store.transaction((tx) => tx.idempotency.claim(partition, input));
  if (claim.outcome !== 'claimed') return claim;
  const forget = () => store.idempotency.release(partition, input.key);
  const res = await execute(c, store).catch(async (error: unknown) => {
    await forget();
    return new RolledBack(error);
  });
  if (res instanceof RolledBack) return res;
  if (res.status >= 500) {
    await forget();
    return new RolledBack(undefined, res);
  }
  await store.idempotency.complete(partition, input.key, await stored(res));
  return res;
}

/** What is kept of an answer for its replays. */
async function stored(res: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: res.status, headers, body: await res.clone().text() };
}

function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers);
  headers.set('Idempotent-Replayed', 'true');
  // 204 and friends must not carry a body, even an empty string.
  const body = stored.status === 204 || stored.status === 304 ? null : stored.body;
  return new Response(body, { status: stored.status, headers });
}
