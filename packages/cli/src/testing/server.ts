import { createAccount, createMemoryStore, issueApiKey, systemClock, type Partition, type Store } from '@nexuscommerce/server';
import { startServer } from '@nexuscommerce/server/node';
import { type NexusClient, createNexusClient } from '@nexuscommerce/sdk';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from './files.js';

// Test-only: the real reference server in this process, on a free loopback port, over the memory
// store; the CLI runs as a child process against it, as a partner would run it.

export interface TestServer {
  url: string;
  apiKey: string;
  store: Store;
  partition: Partition;
  /** An SDK client with the same key, to look at what the CLI did through the API. */
  client: NexusClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Run job workers and the webhook dispatcher (default true); off leaves jobs queued. */
  background?: boolean;
  /** The key's batch limit (default 1,000, the API's maximum). */
  batchLimit?: number;
}

/** An enterprise-plan test key, so the suite never trips the per-minute limit. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = createMemoryStore();
  const account = await createAccount(store, systemClock, 'CLI tests');
  const { secret } = await issueApiKey(store, systemClock, {
    accountId: account.id,
    mode: 'test',
    plan: 'enterprise',
    batchLimit: options.batchLimit ?? 1000,
  });
  const running = await startServer({ store, port: 0, background: options.background, config: { allowPrivateWebhookTargets: true } });
  return {
    url: running.url,
    apiKey: secret,
    store,
    partition: { accountId: account.id, mode: 'test' },
    client: createNexusClient({ apiKey: secret, baseUrl: running.url, maxRetries: 0 }),
    close: () => running.close(),
  };
}

/** The environment a `nexus` run needs to reach `server` with its key. */
export function cliEnv(server: TestServer): Record<string, string> {
  return { NEXUS_API_KEY: server.apiKey, NEXUS_BASE_URL: server.url };
}

/** What `serverForBlock` has set up by the time the block's hooks and tests run. */
export interface BlockServer {
  server: TestServer;
  /** `cliEnv(server)`. */
  env: Record<string, string>;
  /** A fresh folder for the block's files. */
  dir: string;
}

/**
 * For a describe block whose CLI runs share one server: starts it before the block's tests and
 * closes it after them (`beforeClose` first, to look at what they left). Read the fields inside
 * hooks and tests.
 *
 * @example
 * const block = serverForBlock({ folder: 'usage', batchLimit: 100 });
 * it('…', async () => expect(await main(['--help'], captureIo(block.env))).toBe(0));
 */
export function serverForBlock(options: TestServerOptions & { folder: string; beforeClose?: (server: TestServer) => Promise<void> }): BlockServer {
  const block = {} as BlockServer;
  beforeAll(async () => {
    block.server = await startTestServer(options);
    block.env = cliEnv(block.server);
    block.dir = tempDir(options.folder);
  });
  afterAll(async () => {
    if (!block.server) return;
    try {
      await options.beforeClose?.(block.server);
    } finally {
      await block.server.close();
    }
  });
  return block;
}

/** Event types in the outbox of the key's partition, counted (e.g. `product.created` → 20000). */
export async function countEvents(server: TestServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let after = 0; ; ) {
    const { events, position } = await server.store.outbox.read(server.partition, { after, limit: 5000 });
    for (const event of events) counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (events.length === 0) return counts;
    after = position;
  }
}

/** Jobs of the key's partition, oldest first. */
export async function listJobs(server: TestServer) {
  return (await server.client.jobs.list({ limit: 200 }).toArray({ max: 10_000 })).reverse();
}

/** Products the API holds for the key, counted by the API itself. */
export async function countProducts(server: TestServer): Promise<number> {
  const page = await server.client.products.list({ limit: 1, include_total: true });
  return page.meta.total ?? Number.NaN;
}

/** Polls `check` every 50 ms until it holds, for up to `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
