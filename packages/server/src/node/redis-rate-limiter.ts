import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Logger } from '../config.js';
import { fromFlexible, type FlexibleLimiter, type RateLimiter } from '../rate-limit/port.js';

export interface RedisRateLimiterOptions {
  /** Told once when Redis stops answering and once when it is back. */
  logger?: Logger;
}

/**
 * Rate limits shared by every API process through Redis (node only).
 *
 * Fails open to a limiter in this process: while Redis does not answer (down, restarting,
 * unreachable), each process counts on its own, so a key gets at most its limit per process and
 * nobody gets a 5xx for the limiter's sake. Each request asks Redis first, so the shared limits are
 * back on the first request after Redis answers again. Use a client that fails fast instead of
 * queueing (ioredis `enableOfflineQueue: false`, a `commandTimeout`).
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, commandTimeout: 1000 });
 * createApp({ store, config: { rateLimiter: createRedisRateLimiter(redis) } });
 */
export function createRedisRateLimiter(redis: unknown, keyPrefix = 'nexus-rl', options: RedisRateLimiterOptions = {}): RateLimiter {
  let shared = true;
  const note = (answering: boolean, err?: unknown) => {
    if (answering === shared) return;
    shared = answering;
    if (answering) options.logger?.info({}, 'Redis answers again; rate limits are shared by every process');
    else options.logger?.error({ err }, 'Redis does not answer; rate limits fall back to each process on its own');
  };
  return fromFlexible((points, duration): FlexibleLimiter => {
    const inRedis = new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, rejectIfRedisNotReady: true });
    const inProcess = new RateLimiterMemory({ points, duration });
    return {
      async consume(key) {
        try {
          const result = await inRedis.consume(key);
          note(true);
          return result;
        } catch (rejection) {
          // A spent limit rejects with a result (a verdict from Redis); an Error means no answer.
          if (!(rejection instanceof Error)) {
            note(true);
            throw rejection;
          }
          note(false, rejection);
          return inProcess.consume(key);
        }
      },
    };
  });
}
