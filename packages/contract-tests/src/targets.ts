import { createAccount, createMemoryStore, createSqlStore, issueApiKey, systemClock, type RateLimits, type Store } from '@nexuscommerce/server';
import { createPgClient, createPgliteClient, loadMigrations, startBackground, startServer } from '@nexuscommerce/server/node';
import { serveMockApi, setupMockServer } from '@nexuscommerce/mock/node';
import type { MockApi } from '@nexuscommerce/mock';
import { startPrism } from '@nexuscommerce/mock/prism';
import type { FetchLike } from '@nexuscommerce/sdk';
import { holdAnswers, type AnswerHold } from './hooks.js';

export type TargetName = 'msw' | 'serve' | 'memory' | 'pglite' | 'postgres' | 'prism';

export interface KeyOptions {
  scopes?: string[];
  mode?: 'test' | 'live';
  /** A per-key override of the plan's limits, e.g. a tiny per-minute limit to reach 429. */
  rateLimits?: RateLimits;
}

/** One place the contract runs against. */
export interface Target {
  name: TargetName;
  baseUrl: string;
  /** A key of the target's default account (msw: the sandbox key, prism: any well-formed key). */
  apiKey: string;
  fetch?: FetchLike;
  /** False for Prism: it serves examples, created records never come back. */
  stateful: boolean;
  /** A fresh account with a test key (enterprise plan, so the suite never trips rate limits). */
  newAccount?(): Promise<{ accountId: string; apiKey: string }>;
  /** Another key of an account, e.g. with fewer scopes. */
  issueKey?(accountId: string, options: KeyOptions): Promise<string>;
  /** Holds the store write that records the answer to `idempotencyKey` (see hooks.ts). */
  holdAnswer?(idempotencyKey: string): AnswerHold;
  /**
   * Stops job workers and the webhook dispatcher until the returned function is called, as when
   * they fall behind. Server targets only: the mock has no background loop (it works after each write).
   */
  pauseBackground?(): Promise<() => void>;
  /** msw only: the mock, for `mock.webhooks`. */
  mock?: MockApi;
  close(): Promise<void>;
}

const ENTERPRISE = { plan: 'enterprise' as const };

function accounts(store: () => Store) {
  return {
    async newAccount() {
      const account = await createAccount(store(), systemClock, 'Contract tests');
      const { secret } = await issueApiKey(store(), systemClock, { accountId: account.id, mode: 'test', ...ENTERPRISE });
      return { accountId: account.id, apiKey: secret };
    },
    async issueKey(accountId: string, options: KeyOptions) {
      const { secret } = await issueApiKey(store(), systemClock, {
        accountId,
        mode: options.mode ?? 'test',
        ...ENTERPRISE,
        ...(options.scopes ? { scopes: options.scopes } : {}),
        ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      });
      return secret;
    },
    holdAnswer: (key: string) => holdAnswers(store(), key),
  };
}

/** The MSW mock: the server core over the memory store, in this process, answering `fetch`. */
export async function mswTarget(): Promise<Target> {
  // 'bypass': the other targets of the same file are real HTTP servers on loopback.
  // Deliveries go out for real, as the server targets' do, so one delivery test runs on all.
  const { server, mock } = setupMockServer({
    seedSize: { products: 0, customers: 0, orders: 0 },
    onUnhandledFrame: 'bypass',
    deliverWebhooks: 'network',
  });
  server.listen();
  await mock.ready;
  return {
    name: 'msw',
    baseUrl: mock.baseUrl,
    apiKey: mock.apiKey,
    stateful: true,
    mock,
    ...accounts(() => mock.store),
    close: async () => server.close(),
  };
}

/**
 * `nexus-mock serve`: the same mock sandbox over real HTTP on loopback, as CI in another language
 * reaches it, with real webhook deliveries.
 */
export async function serveTarget(): Promise<Target> {
  const served = await serveMockApi({ port: 0, seedSize: { products: 0, customers: 0, orders: 0 }, deliverWebhooks: 'network' });
  await served.mock.ready;
  return {
    name: 'serve',
    baseUrl: served.url,
    apiKey: served.apiKey,
    stateful: true,
    ...accounts(() => served.mock.store),
    close: () => served.close(),
  };
}

async function serverTarget(name: TargetName, store: Store, cleanup: () => Promise<void> = async () => {}): Promise<Target> {
  const config = { allowPrivateWebhookTargets: true };
  // The background runs beside the server, as `startServer` would run it, so a test can pause it.
  const running = await startServer({ store, port: 0, config, background: false });
  const startLoops = () => startBackground({ store, allowPrivateWebhookTargets: true });
  let background: ReturnType<typeof startBackground> | null = startLoops();
  const acc = accounts(() => store);
  const { apiKey } = await acc.newAccount();
  return {
    name,
    baseUrl: running.url,
    apiKey,
    stateful: true,
    ...acc,
    async pauseBackground() {
      await background?.stop();
      background = null;
      return () => void (background ??= startLoops());
    },
    close: async () => {
      await background?.stop();
      await running.close();
      await store.close?.();
      await cleanup();
    },
  };
}

export const memoryTarget = () => serverTarget('memory', createMemoryStore());

export async function pgliteTarget(): Promise<Target> {
  const store = await createSqlStore(await createPgliteClient(), { migrations: loadMigrations() });
  return serverTarget('pglite', store);
}

/** PostgreSQL in a schema of its own (dropped at close), as the server's own tests do. */
export async function postgresTarget(url: string): Promise<Target> {
  const schema = `nexus_contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createPgClient(url, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  // CI runs every package's tests at once on two cores: a connection may take longer than the
  // server's 5 s default to come free, which would answer 503 to a test that did nothing wrong.
  const store = await createSqlStore(createPgClient(url, { searchPath: schema, connectTimeoutMs: 30_000 }), { migrations: loadMigrations() });
  return serverTarget('postgres', store, async () => {
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  });
}

export async function prismTarget(): Promise<Target> {
  const prism = await startPrism({ port: 0 });
  return {
    name: 'prism',
    baseUrl: prism.url,
    apiKey: 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab',
    stateful: false,
    close: () => prism.close(),
  };
}

let skipNoted = false;

/** Every stateful target: msw, memory, pglite, and postgres when DATABASE_URL is set. */
export async function statefulTargets(): Promise<Target[]> {
  const url = process.env.DATABASE_URL;
  if (!url && !skipNoted) {
    skipNoted = true;
    console.log('postgres target skipped: set DATABASE_URL to run the contract on PostgreSQL too');
  }
  return Promise.all([mswTarget(), serveTarget(), memoryTarget(), pgliteTarget(), ...(url ? [postgresTarget(url)] : [])]);
}
