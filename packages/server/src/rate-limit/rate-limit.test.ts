import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory.js';
import type { RateLimiter } from './port.js';
import { skipBecause } from '../test/skip.js';

const windows = [{ points: 3, durationSeconds: 60 }, { points: 100, durationSeconds: 3600 }];

function limiterBehaviour(name: string, make: () => Promise<{ limiter: RateLimiter; close(): Promise<void> }>) {
  it(`${name}: counts both windows and refuses past the tighter one`, async () => {
    const { limiter, close } = await make();
    const key = `k_${Math.random().toString(36).slice(2)}`;
    try {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await limiter.consume(key, windows));
      expect(results.map(([m]) => m!.remaining)).toEqual([2, 1, 0, 0]);
      expect(results.map(([m]) => m!.allowed)).toEqual([true, true, true, false]);
      expect(results[3]![1]!.remaining).toBe(96);
      expect(results[3]![0]!.resetInMs).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
}

describe('rate limiters', () => {
  limiterBehaviour('memory', async () => ({ limiter: createMemoryRateLimiter(), close: async () => {} }));

  const url = process.env.REDIS_URL;
  if (!url) {
    skipBecause('redis rate limiter', 'set REDIS_URL (e.g. redis://127.0.0.1:6379) to run it');
  } else {
    limiterBehaviour('redis', async () => {
      const { Redis } = await import('ioredis');
      const { createRedisRateLimiter } = await import('../node/redis-rate-limiter.js');
      const redis = new Redis(url);
      return { limiter: createRedisRateLimiter(redis, `nexus-test-${Date.now()}`), close: async () => void redis.disconnect() };
    });
  }
});
