import type { RateLimits } from '@nexuscommerce/server';
import { afterAll, beforeAll } from 'vitest';
import { privatePostgres, type PrivatePostgres } from './postgres.js';
import { stopAll } from './processes.js';
import { seed, serverProcess, type ServerProcess, type ServerProcessOptions } from './server.js';

/** What `seededServer` has set up by the time the block's tests run. */
export interface SeededServer {
  pg: PrivatePostgres;
  server: ServerProcess;
  /** The secret of the account's one key. */
  key: string;
}

/**
 * For a describe block: before its tests, a private PostgreSQL, an account with one key
 * (`rateLimits`, or the plan's for null) and one `nexus-server start --role all` on it; after them,
 * every process ended and the cluster deleted. Read the fields inside the tests.
 *
 * @example
 * const system = seededServer(null, { env: { NEXUS_JOB_LEASE_MS: '2000' } });
 * it('…', async () => {
 *   const { server, key } = system;
 * });
 */
export function seededServer(rateLimits: RateLimits | null, options: Omit<ServerProcessOptions, 'databaseUrl' | 'role'> = {}): SeededServer {
  const system = {} as SeededServer;
  beforeAll(async () => {
    system.pg = await privatePostgres();
    [system.key] = (await seed(system.pg.url, [rateLimits])) as [string];
    system.server = await serverProcess({ databaseUrl: system.pg.url, role: 'all', ...options });
  });
  afterAll(async () => {
    await stopAll();
    await system.pg?.destroy();
  });
  return system;
}
