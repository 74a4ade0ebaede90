import { createAccount, issueApiKey, systemClock, type RateLimits } from '@nexuscommerce/server';
import { openStore } from '@nexuscommerce/server/node';
import { serverCli } from './gate.js';
import { freePort } from './ports.js';
import { start, until, type Started } from './processes.js';

export interface ServerProcessOptions {
  databaseUrl: string;
  redisUrl?: string;
  role: 'all' | 'api' | 'worker';
  /** Job workers inside the process (default 1). */
  workers?: number;
  /** Extra environment, e.g. `NEXUS_JOB_LEASE_MS`. */
  env?: Record<string, string>;
}

/** One `nexus-server start` process of the built package; `restart` keeps its port. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>` (api and all roles). */
  url: string;
  current: Started;
  restart(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `nexus-server start --role …` and waits until it serves (`GET /v1/health` is 200) or,
 * for a worker, until it says it runs.
 *
 * @example
 * const api = await serverProcess({ databaseUrl, role: 'api' });
 */
export async function serverProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'development', ...options.env };
  delete env.REDIS_URL;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  const launch = async () => {
    const args = [serverCli, 'start', '--role', options.role, '--port', String(port), '--host', '127.0.0.1', '--workers', String(options.workers ?? 1)];
    const child = start(`nexus-server ${options.role} :${port}`, process.execPath, args, { env });
    await until(`${child.name} to start`, async () => {
      if (child.child.exitCode !== null) throw new Error(`exited: ${child.output()}`);
      if (options.role === 'worker') return child.output().includes('worker running') ? true : undefined;
      const res = await fetch(`${url}/v1/health`);
      return res.status === 200 ? true : undefined;
    }, 45_000, 150);
    return child;
  };
  const server: ServerProcess = {
    url,
    current: await launch(),
    async restart(signal = 'SIGTERM') {
      await server.current.stop(signal);
      server.current = await launch();
    },
  };
  return server;
}

/**
 * Migrates the database and creates an account with one test key per entry of `keys`, each with
 * its own rate limits (none: the plan's) and the same batch limit. Returns the secrets in order.
 */
export async function seed(databaseUrl: string, keys: (RateLimits | null)[], batchLimit = 50): Promise<string[]> {
  const store = await openStore({ databaseUrl });
  try {
    const account = await createAccount(store, systemClock, 'System tests');
    const secrets: string[] = [];
    for (const [i, rateLimits] of keys.entries()) {
      const { secret } = await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test', name: `key ${i}`, batchLimit, ...(rateLimits ? { rateLimits } : {}) });
      secrets.push(secret);
    }
    return secrets;
  } finally {
    await store.close();
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

let sequence = 0;

/**
 * One API call. POST and PATCH get a fresh Idempotency-Key unless one is given.
 *
 * @example
 * const res = await call(api.url, key, 'POST', '/v1/customers', { name: 'A' });
 */
export async function call(base: string, key: string, method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' || method === 'PATCH') headers['idempotency-key'] = idempotencyKey ?? `sys-${process.pid}-${Date.now()}-${sequence++}`;
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
