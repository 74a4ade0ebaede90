import { ApiError } from '../errors.js';
import type { RouteFactory } from './types.js';

/**
 * The System tag: `GET /v1/health`, no authentication. The only answer not wrapped in
 * `{data}` (the spec's choice, so load balancers can read it). `degraded` when jobs or webhook
 * events wait longer than `healthLagMs`, or the store is slow; `503` when the store does not answer.
 *
 * @example
 * systemRoutes(deps).getHealth;
 */
export const systemRoutes: RouteFactory = (deps) => ({
  getHealth: async (c) => {
    const { healthLagMs, healthSlowMs, healthTimeoutMs } = deps.config;
    const started = Date.now();
    const oldest = await probe(Promise.all([deps.store.jobs.oldestQueuedAt(), deps.store.outbox.oldestUnpublishedAt()]), healthTimeoutMs);
    if (!oldest) {
      throw new ApiError('UNAVAILABLE', 'The database does not answer.', [], { 'Retry-After': '5' });
    }
    const now = deps.clock.now();
    const lagging = oldest
      .some((at) => at !== null && now.getTime() - Date.parse(at) > healthLagMs);
    const slow = Date.now() - started > healthSlowMs;
    return c.json({ status: lagging || slow ? 'degraded' : 'ok', version: deps.config.version, timestamp: now.toISOString() });
  },
});

/** The store's answer, or null when it fails or takes longer than `timeoutMs`. */
async function probe<T>(answer: Promise<T>, timeoutMs: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([answer.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
