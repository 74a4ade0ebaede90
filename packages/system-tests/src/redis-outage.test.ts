import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeIf } from './harness/gate.js';
import { burstOf, countedTogether } from './harness/limits.js';
import { privatePostgres, type PrivatePostgres } from './harness/postgres.js';
import { stopAll, until } from './harness/processes.js';
import { privateRedis, type PrivateRedis } from './harness/redis.js';
import { seed, serverProcess, type ServerProcess } from './harness/server.js';

const LIMIT = 20;
const limits = { per_minute: LIMIT, per_hour: 10_000 };
const probeLimits = { per_minute: 100_000, per_hour: 1_000_000 };

// Decision 031: while Redis does not answer, each API process limits on its own (fail open); the
// shared limit is back on the first request after Redis answers again.
describeIf('Redis stopped under load', { postgres: true, redis: true }, () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let apis: ServerProcess[];
  let keys: string[];

  beforeAll(async () => {
    [pg, redis] = await Promise.all([privatePostgres(), privateRedis()]);
    keys = await seed(pg.url, [limits, limits, limits, probeLimits]);
    apis = await Promise.all([0, 1].map(() => serverProcess({ databaseUrl: pg.url, redisUrl: redis.url, role: 'api' })));
  });

  afterAll(async () => {
    await stopAll();
    await pg?.destroy();
  });

  it('shares the limit through Redis, falls back to each process while it is down, and shares it again when it returns', async () => {
    const [before, during, after, probe] = keys as [string, string, string, string];

    // Two processes, one Redis: one limit for the key, however the requests are spread.
    expect(await burstOf(apis, before, LIMIT * 2)).toEqual({ admitted: LIMIT, limited: LIMIT, other: [] });

    await redis.kill();
    // No 5xx for the limiter's sake: each process admits up to the limit on its own.
    expect(await burstOf(apis, during, LIMIT * 3)).toEqual({ admitted: LIMIT * 2, limited: LIMIT, other: [] });

    await redis.up();
    await until('both processes counting in Redis again', async () => ((await countedTogether(apis, probe)) ? true : undefined), 30_000, 250);
    expect(await burstOf(apis, after, LIMIT * 2)).toEqual({ admitted: LIMIT, limited: LIMIT, other: [] });
  });
});
