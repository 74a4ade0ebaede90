#!/usr/bin/env node
import { systemClock } from './clock.js';
import { createLogger, createPgClient, createPgliteClient, createRedisRateLimiter, loadMigrations, openStore, startBackground, startServer, type StoreOptions } from './node.js';
import { parseCommandLine, UsageError, USAGE, type CliCommand, type StoreChoice } from './node/cli-flags.js';
import { acquireDataDirLock, liveHolder, type DataDirLock } from './node/data-dir-lock.js';
import { prepareSandbox, SANDBOX_KEY_PLAN, SANDBOX_SEED, type Sandbox } from './node/first-start.js';
import { callKeyAdmin, newAdminToken } from './node/key-admin.js';
import { runKeyCommand, type KeyCommand, type KeyCommandResult } from './node/key-commands.js';
import { resolveHost } from './node/resolve-host.js';
import { migrate } from './store/sql/migrate.js';

// Local development calls webhooks on localhost; production refuses private targets.
const allowPrivateWebhookTargets = process.env.NODE_ENV !== 'production';

/** A failure the user can act on: printed as it is, exit code 1. */
class CliFailure extends Error {}

async function main(argv: string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommandLine(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return print(`nexus-server: ${error.message}\nRun nexus-server --help for the usage.`, 2);
  }
  switch (command.name) {
    case 'help':
      return print(USAGE, 0);
    case 'start':
      return start(command);
    case 'worker':
      return runWorker(command);
    case 'migrate':
      return runMigrations(command.store);
    case 'keys':
      return keys(command.store, command.request);
  }
}

const storeKind = (store: StoreChoice) => (store.databaseUrl ? 'postgres' : store.memory ? 'memory' : 'pglite');
const storeOptions = (store: StoreChoice): StoreOptions => ({ databaseUrl: store.databaseUrl, dataDir: store.dataDir, memory: store.memory });

/**
 * Takes the data folder for this process (PGlite and memory; PostgreSQL needs no lock). A second
 * process gets `DataDirInUseError` here, before any database file is opened.
 */
function lockDataDir(store: StoreChoice, command: string): DataDirLock | undefined {
  if (store.databaseUrl) return undefined;
  const lock = acquireDataDirLock(store.dataDir, { pid: process.pid, command, store: storeKind(store), started_at: new Date().toISOString() });
  if (lock.tookOverFrom) {
    console.error(`nexus-server: took over the lock of ${store.dataDir} from PID ${lock.tookOverFrom.pid} (nexus-server ${lock.tookOverFrom.command}), which is no longer running.`);
  }
  process.once('exit', () => lock.release());
  return lock;
}

/** The address key commands use to reach this server: loopback, whatever address it listens on. */
function adminUrl(host: string, port: number): string {
  if (host === '::' || host === '::1') return `http://[::1]:${port}`;
  return `http://${host === '0.0.0.0' || host === 'localhost' ? '127.0.0.1' : host}:${port}`;
}

async function start(command: Extract<CliCommand, { name: 'start' }>): Promise<number> {
  const logger = createLogger();
  const lock = lockDataDir(command.store, 'start');
  const store = await openStore({ ...storeOptions(command.store), logger });
  let sandbox: Sandbox | null;
  const redisUrl = process.env.REDIS_URL;
  // Fail fast instead of queueing while Redis is away: the limiter falls back to this process.
  const redis = redisUrl ? new (await import('ioredis')).Redis(redisUrl, { enableOfflineQueue: false, commandTimeout: 1000 }) : undefined;
  redis?.on('error', () => undefined); // reported once by the limiter, not on every reconnect
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    sandbox = await prepareSandbox(store, systemClock, {
      empty: command.empty,
      onSeed: () => console.error(`Filling the new sandbox with demo data (seed ${SANDBOX_SEED}; --empty skips this)…`),
    });
    const keyAdminToken = lock ? newAdminToken() : undefined;
    server = await startServer({
      store,
      port: command.port,
      hostname: command.host,
      config: { logger, allowPrivateWebhookTargets, ...(redis ? { rateLimiter: createRedisRateLimiter(redis, undefined, { logger }) } : {}) },
      workers: command.workers,
      background: command.role !== 'api',
      timing: command.timing,
      keyAdminToken,
    });
    if (lock && keyAdminToken) lock.update({ ...lock.holder, admin: { url: adminUrl(command.host, server.port), token: keyAdminToken } });
  } catch (error) {
    await store.close();
    redis?.disconnect();
    throw error;
  }
  if (sandbox) printSandbox(sandbox, server.url);
  else console.log(`The sandbox exists already (${command.store.databaseUrl ? 'DATABASE_URL' : command.store.dataDir}); keys are shown once, when made: nexus-server keys create makes another while this runs.`);
  logger.info({ url: server.url, role: command.role, store: storeKind(command.store) }, 'listening');
  return untilSignal(async (signal) => {
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests finish, then release the database and its folder.
    await server.close().catch((err) => logger.error({ err }, 'closing the server failed'));
    await store.close();
    redis?.disconnect();
    lock?.release();
  });
}

function printSandbox(sandbox: Sandbox, url: string) {
  const seeded = sandbox.seeded
    ? `Seeded demo data (seed ${SANDBOX_SEED}): ${Object.entries(sandbox.seeded.created).map(([what, n]) => `${n} ${what}`).join(', ')}.`
    : 'The sandbox is empty (--empty).';
  console.log(
    [
      `Created sandbox account ${sandbox.accountId} with a test API key on the ${SANDBOX_KEY_PLAN} plan, every scope (shown once):`,
      '',
      `  ${sandbox.secret}`,
      '',
      seeded,
      'Try it:',
      '',
      `  curl -H "Authorization: Bearer ${sandbox.secret}" "${url}/v1/products?limit=3"`,
      '',
      'More keys while it runs: nexus-server keys create (see nexus-server --help).',
      '',
    ].join('\n'),
  );
}

/** Jobs and webhook deliveries in a process of their own; stops after the current record. */
async function runWorker({ store: choice, workers, timing }: Extract<CliCommand, { name: 'worker' }>): Promise<number> {
  const logger = createLogger();
  const lock = lockDataDir(choice, 'worker');
  const store = await openStore({ ...storeOptions(choice), logger });
  const background = startBackground({ ...timing, store, allowPrivateWebhookTargets, logger, workers, resolveHost });
  logger.info({ store: storeKind(choice) }, 'worker running');
  return untilSignal(async (signal) => {
    logger.info({ signal }, 'worker shutting down');
    await background.stop();
    await store.close();
    lock?.release();
  });
}

async function runMigrations(choice: StoreChoice): Promise<number> {
  if (choice.memory) return print('The memory store has no migrations.', 0);
  const lock = lockDataDir(choice, 'migrate');
  const client = choice.databaseUrl ? createPgClient(choice.databaseUrl, { max: 1 }) : await createPgliteClient(choice.dataDir);
  try {
    const applied = await migrate(client, loadMigrations());
    return print(applied.length ? `Applied ${applied.join(', ')}.` : 'Migrations are up to date.', 0);
  } finally {
    await client.close();
    lock?.release();
  }
}

/**
 * Key commands. While `start` holds the data folder they go through it (its store is the only
 * one that may be opened, and the only one that matters to it: memory mode too); otherwise this
 * process takes the folder, opens the store and runs them itself.
 */
async function keys(choice: StoreChoice, request: KeyCommand): Promise<number> {
  const holder = choice.databaseUrl ? null : liveHolder(choice.dataDir);
  if (holder) {
    const busy = `The data folder ${choice.dataDir} is in use by PID ${holder.pid} (nexus-server ${holder.command})`;
    if (!holder.admin) {
      throw new CliFailure(
        holder.command === 'start'
          ? `${busy}, which is still starting; run this again once it prints "listening".`
          : `${busy}, which takes no key commands: run them when it has stopped, or while nexus-server start holds the folder.`,
      );
    }
    const result = await callKeyAdmin(holder.admin, request).catch((error: Error) => {
      throw new CliFailure(`${busy}, but ${error.message}. Nothing was changed.`);
    });
    return report(result, ` on the running server (PID ${holder.pid})`);
  }
  const lock = lockDataDir(choice, `keys ${request.command}`);
  try {
    const store = await openStore(storeOptions(choice));
    try {
      return report(await runKeyCommand(store, systemClock, request), '');
    } finally {
      await store.close();
    }
  } finally {
    lock?.release();
  }
}

function report(result: KeyCommandResult, where: string): number {
  switch (result.outcome) {
    case 'created':
      return print(`Created ${result.id} (${result.prefix}) for ${result.accountId}${where}. The key, shown once:\n\n  ${result.secret}\n`, 0);
    case 'listed':
      if (result.keys.length === 0) return print('No keys.', 0);
      for (const k of result.keys) console.log([k.id, k.prefix, k.account_id, k.mode, k.plan, k.state, k.scopes.join(',')].join('\t'));
      return 0;
    case 'revoked':
      // A server trusts a key it verified for up to 30 s without a lookup (decision 009).
      return print(`Revoked ${result.key}${where}. A server that verified it in the last 30 s may still accept it until then.`, 0);
    case 'not-revoked':
      return print(`No active key ${result.key} (see nexus-server keys list).`, 1);
    case 'no-account':
      return print(`No account ${result.accountId} (see nexus-server keys list).`, 1);
    case 'invalid':
      return print(`nexus-server: ${result.problems.map((p) => `${p.setting} ${p.message}`).join('; ')}.`, 2);
  }
}

/** Runs `stop` on the first SIGINT or SIGTERM, then resolves with exit code 0. */
function untilSignal(stop: (signal: string) => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    const on = (signal: string) => void stop(signal).then(() => resolve(0));
    process.once('SIGINT', () => on('SIGINT'));
    process.once('SIGTERM', () => on('SIGTERM'));
  });
}

function print(text: string, code: number): number {
  (code === 0 ? console.log : console.error)(text);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`nexus-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
