#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { backgroundTimingFromEnv, type BackgroundTiming } from './config.js';
import { ALL_SCOPES, createAccount, issueApiKey } from './domain/accounts.js';
import {
  createLogger,
  createPgClient,
  createPgliteClient,
  createRedisRateLimiter,
  loadMigrations,
  openStore,
  startBackground,
  startServer,
  type StoreOptions,
} from './node.js';
import { migrate } from './store/sql/migrate.js';
import { resolveHost } from './node/resolve-host.js';
import type { Store } from './store/port.js';
import type { Plan } from './store/accounts.js';
import type { Mode } from './store/partition.js';

const USAGE = `Usage:
  nexus-server start [--port 4010] [--host 127.0.0.1] [--data-dir .nexus-data] [--memory] [--workers N]
                     [--role all|api|worker]   api: HTTP only; worker: jobs and webhooks only (= worker)
  nexus-server migrate [--data-dir .nexus-data]
  nexus-server worker [--data-dir .nexus-data] [--workers N]   runs jobs and webhook deliveries without the API
  nexus-server keys create [--account acct_…] [--mode test|live] [--scopes a,b] [--plan starter|growth|enterprise]
                           [--name text] [--expires-at ISO-8601] [--ip CIDR,CIDR] [--batch-limit 50]
  nexus-server keys list [--account acct_…]
  nexus-server keys revoke <key id or prefix>

DATABASE_URL selects PostgreSQL instead of the embedded PGlite; REDIS_URL shares rate limits.
--workers: job workers in the process; default 4 on PostgreSQL (each takes its own job), else 1.
--role (or NEXUS_ROLE): what start runs; several api and worker processes may share one PostgreSQL.
NEXUS_JOB_LEASE_MS, NEXUS_WEBHOOK_RETRY_DELAYS_MS, NEXUS_WEBHOOK_TIMEOUT_MS, NEXUS_WEBHOOK_LOCK_MS:
  the job lease and the webhook retry schedule, in milliseconds (defaults: the spec's).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.nexus-data' },
    memory: { type: 'boolean', default: false },
    account: { type: 'string' },
    mode: { type: 'string', default: 'test' },
    scopes: { type: 'string' },
    plan: { type: 'string', default: 'starter' },
    name: { type: 'string', default: 'default' },
    'expires-at': { type: 'string' },
    ip: { type: 'string' },
    'batch-limit': { type: 'string', default: '50' },
    workers: { type: 'string' },
    role: { type: 'string', default: process.env.NEXUS_ROLE ?? 'all' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const storeOptions: StoreOptions = {
  databaseUrl: process.env.DATABASE_URL,
  dataDir: values['data-dir'],
  memory: values.memory,
};

// Read first thing in main, so a bad value stops the process before it serves anything.
let timing: BackgroundTiming = {};

// PostgreSQL gives each worker its own job and connection; PGlite and memory run one at a time.
const workers = values.workers ? Math.max(1, Number.parseInt(values.workers, 10) || 1) : storeOptions.databaseUrl ? 4 : 1;

async function main(): Promise<number> {
  const [command, sub, arg] = positionals;
  timing = backgroundTimingFromEnv(process.env);
  if (values.help || !command) return print(USAGE, 0);
  if (command === 'start' && values.role === 'worker') return runWorker();
  if (command === 'start' && values.role !== 'all' && values.role !== 'api') return print(`--role takes all, api or worker; got ${values.role}.`, 2);
  if (command === 'start') return start();
  if (command === 'migrate') return runMigrations();
  if (command === 'worker') return runWorker();
  const store = await openStore(storeOptions);
  try {
    if (command === 'keys' && sub === 'create') return await createKey(store);
    if (command === 'keys' && sub === 'list') return await listKeys(store);
    if (command === 'keys' && sub === 'revoke' && arg) {
      const done = await store.accounts.revokeKey(arg, systemClock.now().toISOString());
      return print(done ? `Revoked ${arg}.` : `No active key ${arg}.`, done ? 0 : 1);
    }
    return print(USAGE, 2);
  } finally {
    await store.close();
  }
}

async function start(): Promise<number> {
  const logger = createLogger();
  const store = await openStore({ ...storeOptions, logger });
  if ((await store.accounts.list()).length === 0) {
    // First start: a sandbox account and a test key, so the first request is one copy-paste away.
    const account = await createAccount(store, systemClock, 'Sandbox');
    const { secret } = await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test', name: 'first start' });
    const url = `http://${values.host}:${values.port}`;
    console.log(`Created sandbox account ${account.id} with a test API key (shown once):\n\n  ${secret}\n`);
    console.log(`Try it:\n\n  curl -H "Authorization: Bearer ${secret}" ${url}/v1/me\n`);
  }
  const redisUrl = process.env.REDIS_URL;
  // Fail fast instead of queueing while Redis is away: the limiter falls back to this process.
  const redis = redisUrl ? new (await import('ioredis')).Redis(redisUrl, { enableOfflineQueue: false, commandTimeout: 1000 }) : undefined;
  redis?.on('error', () => undefined); // reported once by the limiter, not on every reconnect
  const server = await startServer({
    store,
    port: Number(values.port),
    hostname: values.host,
    config: { logger, allowPrivateWebhookTargets, ...(redis ? { rateLimiter: createRedisRateLimiter(redis, undefined, { logger }) } : {}) },
    workers,
    background: values.role !== 'api',
    timing,
  });
  logger.info({ url: server.url, role: values.role, store: storeOptions.databaseUrl ? 'postgres' : values.memory ? 'memory' : 'pglite' }, 'listening');
  return new Promise((resolve) => {
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      // Stop accepting, let in-flight requests finish, then release the database.
      await server.close().catch((err) => logger.error({ err }, 'closing the server failed'));
      await store.close();
      redis?.disconnect();
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}

// Local development calls webhooks on localhost; production refuses private targets.
const allowPrivateWebhookTargets = process.env.NODE_ENV !== 'production';

/** Jobs and webhook deliveries in a process of their own; stops after the current record. */
async function runWorker(): Promise<number> {
  const logger = createLogger();
  const store = await openStore({ ...storeOptions, logger });
  const background = startBackground({ ...timing, store, allowPrivateWebhookTargets, logger, workers, resolveHost });
  logger.info({ store: storeOptions.databaseUrl ? 'postgres' : values.memory ? 'memory' : 'pglite' }, 'worker running');
  return new Promise((resolve) => {
    const stop = async (signal: string) => {
      logger.info({ signal }, 'worker shutting down');
      await background.stop();
      await store.close();
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}

async function runMigrations(): Promise<number> {
  const client = storeOptions.databaseUrl
    ? createPgClient(storeOptions.databaseUrl, { max: 1 })
    : await createPgliteClient(storeOptions.dataDir);
  try {
    const applied = await migrate(client, loadMigrations());
    return print(applied.length ? `Applied ${applied.join(', ')}.` : 'Migrations are up to date.', 0);
  } finally {
    await client.close();
  }
}

async function createKey(store: Store): Promise<number> {
  const ips = values.ip ? values.ip.split(',') : [];
  const badIp = ips.find((cidr) => !/^[0-9A-Fa-f:.]+\/[0-9]{1,3}$/.test(cidr));
  if (badIp) return print(`--ip takes CIDR blocks such as 203.0.113.0/24; got ${badIp}.`, 2);
  const accountId = values.account ?? (await store.accounts.list())[0]?.id ?? (await createAccount(store, systemClock, 'Sandbox')).id;
  if (!(await store.accounts.get(accountId))) return print(`No account ${accountId}.`, 1);
  const { secret, record } = await issueApiKey(store, systemClock, {
    accountId,
    mode: values.mode as Mode,
    name: values.name,
    scopes: values.scopes ? values.scopes.split(',') : ALL_SCOPES,
    plan: values.plan as Plan,
    batchLimit: Number(values['batch-limit']),
    expiresAt: values['expires-at'] ? new Date(values['expires-at']).toISOString() : null,
    ipAllowlist: ips,
  });
  return print(`Created ${record.id} (${record.prefix}…) for ${accountId}. The key, shown once:\n\n  ${secret}\n`, 0);
}

async function listKeys(store: Store): Promise<number> {
  const accounts = values.account ? [values.account] : (await store.accounts.list()).map((a) => a.id);
  for (const accountId of accounts) {
    for (const k of await store.accounts.listKeys(accountId)) {
      const state = k.revoked_at ? 'revoked' : k.expires_at && k.expires_at <= new Date().toISOString() ? 'expired' : 'active';
      console.log([k.id, `${k.prefix}…`, accountId, k.mode, k.plan, state, k.scopes.join(',')].join('\t'));
    }
  }
  return 0;
}

function print(text: string, code: number): number {
  (code === 0 ? console.log : console.error)(text);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
