import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from './app.js';
import { withReferencePage } from './node/reference-page.js';
import { clientErrorListener, nodeMaxHeaderSize } from './node/client-error.js';
import { startBackground } from './background/start.js';
import { systemClock, type Clock } from './clock.js';
import { withKeyAdmin } from './node/key-admin.js';
import { DEFAULT_CONFIG, type BackgroundTiming, type Logger, type ServerConfig } from './config.js';
import { createRedisRateLimiter } from './node/redis-rate-limiter.js';
import type { Store } from './store/port.js';
import { loadMigrations } from './node/migration-files.js';
import { createPgClient } from './node/pg-client.js';
import { createPgliteClient } from './node/pglite-client.js';
import { createSqlStore } from './store/sql/sql-store.js';
import { createMemoryStore } from './store/memory/memory-store.js';
import { resolveHost } from './node/resolve-host.js';
import { loadSecretsKeyring } from './node/secrets-key.js';
import type { SecretKeyring } from './secrets/keyring.js';

export { createRedisRateLimiter, createPgClient, createPgliteClient, loadMigrations, loadSecretsKeyring };
export { truncateAll } from './store/sql/reset.js';
export { startBackground } from './background/start.js';

export interface StoreOptions {
  /** PostgreSQL; wins over everything else. */
  databaseUrl?: string;
  /** PGlite's data folder (default `.nexus-data`). */
  dataDir?: string;
  /** Keep nothing: the memory store. */
  memory?: boolean;
  /** Told when PostgreSQL closes an idle connection (the pool reconnects on its own). */
  logger?: Logger;
  /** Seals webhook secrets; default from `NEXUS_SECRETS_KEYS` or the data folder (see `loadSecretsKeyring`). */
  secrets?: SecretKeyring;
}

/**
 * Opens the store a Node process should use: PostgreSQL when a URL is given, else PGlite in a
 * folder, or memory. SQL stores are migrated first.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL });
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.memory && !options.databaseUrl) return createMemoryStore();
  const dataDir = options.dataDir ?? '.nexus-data';
  const onIdleError = (err: Error) => options.logger?.error({ err }, 'database closed an idle connection; the next query reconnects');
  // PGlite first: it sets the data folder up before the key file may be written into it.
  const client = options.databaseUrl ? createPgClient(options.databaseUrl, { onIdleError }) : await createPgliteClient(dataDir);
  const secrets = options.secrets ?? (await loadSecretsKeyring({ dataDir, shared: Boolean(options.databaseUrl) }));
  return createSqlStore(client, { migrations: loadMigrations(), secrets });
}

/**
 * A pino logger that never prints keys, even if a caller logs headers. Lines go to `destination`
 * (stdout, or a file path) in batches: buffered up to 4 kB and written asynchronously, and at
 * least every quarter second; pino writes out what is left when the process exits. A write per
 * request line was a measurable share of a request's time.
 *
 * @example
 * const logger = createLogger('info');
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination: number | string = 1) {
  return pino(
    {
      level,
      redact: {
        paths: ['headers.authorization', 'headers["x-api-key"]', 'req.headers.authorization', 'req.headers["x-api-key"]', 'secret', 'key'],
        censor: '[redacted]',
      },
    },
    batched(destination),
  );
}

function batched(destination: number | string) {
  const stream = pino.destination({ dest: destination, sync: false, minLength: 4096 });
  setInterval(() => (stream as { destroyed?: boolean }).destroyed || stream.flush(), 250).unref();
  return stream;
}

export interface StartOptions {
  store: Store;
  port?: number;
  hostname?: string;
  clock?: Clock;
  config?: Partial<ServerConfig>;
  /** Run job workers and the webhook dispatcher in this process too (default true). */
  background?: boolean;
  /** Job workers to run when `background` (default 1; see `startBackground`). */
  workers?: number;
  /**
   * Take `nexus-server keys …` commands from loopback callers that show this token (see
   * `withKeyAdmin`); the CLI finds it in the data folder's lock file. Off without it.
   */
  keyAdminToken?: string;
  /** Lease and webhook retry schedule of the background side (see `backgroundTimingFromEnv`). */
  timing?: BackgroundTiming;
  /** On close, how long requests in flight may take before their connections are cut (default 10 s). */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the API over HTTP on Node, and its reference page at `/docs`. Port 0 picks a free port (tests).
 *
 * @example
 * const server = await startServer({ store, port: 4010 });
 * console.log(server.url); // http://127.0.0.1:4010
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    clock: options.clock,
    config: {
      clientIp: (_request, env) => (env as { incoming?: { socket?: { remoteAddress?: string } } })?.incoming?.socket?.remoteAddress,
      // Shared by every process serving the same data; else the store's own (see ServerConfig).
      ...(process.env.NEXUS_CURSOR_SECRET ? { cursorSecret: process.env.NEXUS_CURSOR_SECRET } : {}),
      ...options.config,
    },
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const background = options.background === false ? undefined : startBackground({
    ...options.timing,
    store: options.store,
    clock: options.clock,
    allowPrivateWebhookTargets: options.config?.allowPrivateWebhookTargets ?? false,
    logger: options.config?.logger,
    workers: options.workers,
    resolveHost,
  });
  const api = withReferencePage(app.fetch);
  const clock = options.clock ?? systemClock;
  const fetch = options.keyAdminToken ? withKeyAdmin(api, { store: options.store, clock, token: options.keyAdminToken }) : api;
  const maxHeaderSize = nodeMaxHeaderSize(options.config?.headerLimitBytes ?? DEFAULT_CONFIG.headerLimitBytes);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port ?? 4010, hostname, serverOptions: { maxHeaderSize } }, (info: AddressInfo) => {
      server.off('error', failed);
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: async () => {
          await background?.stop();
          await closeGracefully(server as Server, options.shutdownGraceMs ?? 10_000);
        },
      });
    });
    server.on('clientError', clientErrorListener(maxHeaderSize));
    // Listening failed (the port is taken, the address is not ours): nothing runs, say why.
    const failed = async (error: NodeJS.ErrnoException) => {
      await background?.stop();
      const reason = error.code === 'EADDRINUSE' ? `port ${options.port ?? 4010} on ${hostname} is already in use` : error.message;
      reject(new Error(`Could not listen on ${hostname}:${options.port ?? 4010}: ${reason}.`, { cause: error }));
    };
    server.once('error', failed);
  });
}

/**
 * Stops accepting connections and lets requests in flight finish. A keep-alive connection that a
 * busy client keeps reusing would hold `close` open for ever, so each is closed as soon as it is
 * idle, and whatever is still open after `graceMs` is cut.
 */
async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}
