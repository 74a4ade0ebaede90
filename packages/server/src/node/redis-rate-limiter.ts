import { RateLimiterRedis } from 'rate-limiter-flexible';
import { fromFlexible, type RateLimiter } from '../rate-limit/port.js';

/**
 * Rate limits shared by every API process through Redis (node only).
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false });
 * createApp({ store, config: { rateLimiter: createRedisRateLimiter(redis) } });
 */
export function createRedisRateLimiter(redis: unknown, keyPrefix = 'nexus-rl'): RateLimiter {
  return fromFlexible(
    (points, duration) => new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix }),
  );
}
