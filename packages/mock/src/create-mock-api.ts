import {
  ALL_SCOPES,
  bundledSpec,
  createApp,
  createMemoryRateLimiter,
  createMemoryStore,
  createWebhookDispatcher,
  issueApiKey,
  systemClock,
  type Clock,
  type Mode,
  type Plan,
  type RateLimiter,
  type Store,
  type WebhookDispatcher,
} from '@nexuscommerce/server';
import type { OpenApiDocument } from '@nexuscommerce/spec';
import { http, type HttpHandler } from 'msw';
import { createJobRunner, type JobMode, type JobPlan, type JobRunner, type MockJobs } from './jobs.js';
import { createOperationMatcher } from './operation-matcher.js';
import { preferExamples } from './prefer.js';
import { createSandbox, sandboxIdentity } from './sandbox.js';
import { compose, type Scenario } from './scenario.js';
import { latency } from './scenarios.js';
import { SANDBOX_WEBHOOK_URL, seedSandbox, type SeedReport, type SeedSize } from './seed.js';
import { createWebhookRecorder, type WebhookForwarder, type WebhookRecorder } from './webhooks.js';

export interface MockApiOptions {
  /** The origin the mock answers for; paths under `/v1/` are handled. Default: the sandbox. */
  baseUrl?: string;
  /** Same seed, same sandbox key and same data. Default 1. */
  seed?: number;
  /** How much data to seed; `{ products: 0 }` for an empty catalog. */
  seedSize?: Partial<SeedSize>;
  /** Added to every answer, e.g. 300 to see loading states. */
  latencyMs?: number;
  /** The server's clock for requests and jobs (seeded records get fixed past timestamps). */
  clock?: Clock;
  /** `'auto'` (default): jobs run as soon as they are accepted. `'manual'`: only through `mock.jobs`. */
  jobs?: JobMode;
  /** Where recorded webhooks are sent (the Node entry builds this from `forwardWebhooksTo`). */
  forwardWebhook?: WebhookForwarder;
  /**
   * Answers the deliveries the server makes to webhook endpoints (`POST /v1/webhooks`). Default:
   * every delivery is accepted with `204` without leaving the mock, so delivery logs, pings and
   * redeliveries behave as in production. The Node entry can send them for real instead. The
   * seeded endpoint's deliveries are always accepted by the mock.
   */
  webhookReceiver?: (request: Request) => Promise<Response>;
  /** Accept webhook endpoints on loopback and private addresses (and plain http there), as a server configured so does. Default false, as in production. */
  allowPrivateWebhookTargets?: boolean;
}

export interface MockApi {
  /** One MSW handler for `${baseUrl}/v1/*`, every method. */
  handlers: HttpHandler[];
  baseUrl: string;
  /** The sandbox's `nxc_test_…` key, all scopes. Deterministic for the seed. */
  apiKey: string;
  accountId: string;
  /** The in-memory store behind the current sandbox (replaced by `reset()`). */
  readonly store: Store;
  /** Resolves when the sandbox is seeded; requests wait for it on their own. */
  readonly ready: Promise<SeedReport>;
  /** Answers a request as the handler does, without MSW. */
  fetch(request: Request): Promise<Response>;
  /** Back to the seeded state: fresh store, seeded again, scenarios and recorded webhooks cleared. */
  reset(): Promise<SeedReport>;
  /** Puts scenarios in front of the server (the last used runs first); returns a function removing them. */
  use(...scenarios: Scenario[]): () => void;
  /** The job worker of the mock: its mode, and stepping jobs by hand. */
  readonly jobs: MockJobs;
  webhooks: WebhookRecorder;
  /**
   * Issues another key on the sandbox account: fewer scopes, another plan, or `live` mode (the
   * account's live data, which the seed leaves empty). Gone after `reset()`. Throws a
   * `RangeError` for a scope the API does not have.
   */
  issueKey(options?: IssueKeyOptions): Promise<IssuedKey>;
}

export interface IssueKeyOptions {
  /** Default: every scope. */
  scopes?: string[];
  /** Default `'test'`. */
  mode?: Mode;
  /** Default `'enterprise'`, as the sandbox key. */
  plan?: Plan;
  name?: string;
}

export interface IssuedKey {
  apiKey: string;
  prefix: string;
  mode: Mode;
  name: string;
  scopes: string[];
  plan: Plan;
}

/** One sandbox: replaced whole by `reset()`. */
interface State {
  store: Store;
  app: ReturnType<typeof createApp>;
  runner: JobRunner;
  dispatcher: WebhookDispatcher;
  ready: Promise<SeedReport>;
}

/** The default webhook receiver: every delivery is accepted. */
const acceptEveryDelivery = async () => new Response(null, { status: 204 });

const spec = bundledSpec as unknown as OpenApiDocument;
const SEED_EPOCH = Date.parse('2025-06-01T00:00:00.000Z');
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The NexusCommerce Partner API in memory: MSW hands every request to the server's own core.
 *
 * @example
 * const mock = createMockApi({ seed: 7 });
 * const worker = setupWorker(...mock.handlers);
 * const nexus = createNexusClient({ apiKey: mock.apiKey, baseUrl: mock.baseUrl });
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const baseUrl = (options.baseUrl ?? 'https://sandbox.nexuscommerce.example').replace(/\/+$/, '');
  const seed = options.seed ?? 1;
  const identity = sandboxIdentity(seed);
  const runtimeClock = options.clock ?? systemClock;
  // Seeded records get fixed past times, one minute apart, so seeded data is byte-for-byte stable.
  let seedTime: number | null = null;
  const clock: Clock = { now: () => (seedTime === null ? runtimeClock.now() : new Date(seedTime)) };
  const matchOperation = createOperationMatcher(spec);
  const webhooks = createWebhookRecorder({ secret: identity.webhookSecret, clock, forward: options.forwardWebhook });
  let scenarios: Scenario[] = [];
  const builtIn: Scenario[] = [preferExamples(spec)];
  const global: Scenario[] = options.latencyMs ? [latency(options.latencyMs)] : [];

  let jobMode: JobMode = options.jobs ?? 'auto';
  // The outbox position of the last event recorded: each write reads only what came after it.
  let recorded = 0;
  let drain = Promise.resolve();
  let deliveries = Promise.resolve();
  // The seeded endpoint's host is the mock's own: its deliveries are accepted whatever the receiver.
  const sandboxHooks = new URL(SANDBOX_WEBHOOK_URL).host;
  const receiver = (request: Request) =>
    new URL(request.url).host === sandboxHooks ? acceptEveryDelivery() : (options.webhookReceiver ?? acceptEveryDelivery)(request);
  let state = build();

  function build() {
    const store = createMemoryStore();
    const realLimiter = createMemoryRateLimiter();
    let seeding = true;
    // Seeding sends hundreds of requests in a moment; they must not spend the sandbox key's limits.
    const limiter: RateLimiter = {
      consume: (key, windows) =>
        seeding
          ? Promise.resolve(windows.map((w) => ({ allowed: true, limit: w.points, remaining: w.points, resetInMs: w.durationSeconds * 1000 })))
          : realLimiter.consume(key, windows),
    };
    const app = createApp({ store, clock, config: {
      rateLimiter: limiter, cursorSecret: identity.cursorSecret, allowPrivateWebhookTargets: options.allowPrivateWebhookTargets ?? false,
    } });
    const runner = createJobRunner({ store, clock, mode: jobMode, afterWork: () => recordNewEvents(built) });
    // The server's own dispatcher: signs, sends through `receiver`, retries on its schedule.
    const dispatcher = createWebhookDispatcher({
      store,
      clock,
      allowPrivateTargets: true,
      fetch: (input, init) => receiver(new Request(input, init)),
    });
    const ready = (async () => {
      seedTime = SEED_EPOCH;
      try {
        await createSandbox(store, clock, identity);
        const report = await seedSandbox({
          fetch: (request) => Promise.resolve(app.fetch(request)),
          baseUrl,
          apiKey: identity.apiKey,
          seed,
          size: options.seedSize,
          onRequest: (i) => void (seedTime = SEED_EPOCH + i * 60_000),
        });
        webhooks.setSecret(report.webhookSecret ?? identity.webhookSecret);
        recorded = (await store.outbox.read(identity.partition)).position;
        // The seed's own events are neither recorded nor delivered: webhooks start with your requests.
        await markAllPublished(store, clock.now().toISOString());
        return report;
      } finally {
        seedTime = null;
        seeding = false;
      }
    })();
    // Callers see a failed seed through `ready` and through every request; never as an unhandled rejection.
    ready.catch(() => {});
    const built: State = { store, app, runner, dispatcher, ready };
    return built;
  }

  /** Signs and records the events the last write (or job work) put in the outbox. */
  function recordNewEvents(current: State) {
    drain = drain.then(async () => {
      if (current !== state) return;
      const { events, position } = await current.store.outbox.read(identity.partition, { after: recorded });
      recorded = position;
      await webhooks.record(events);
      deliverDue(current);
    });
    return drain;
  }

  /**
   * Delivers what is due to webhook endpoints, in the background: an answer never waits for a
   * receiver. A retry falls due on the dispatcher's schedule and goes out after the next write.
   */
  function deliverDue(current: State) {
    deliveries = deliveries.then(() => (current === state ? current.dispatcher.drain() : undefined)).catch(() => {});
    webhooks.track(deliveries);
  }

  async function handle(request: Request): Promise<Response> {
    const current = state;
    await current.ready;
    // Jobs accepted earlier are done (or as far along as the clock says) before this answer.
    await current.runner.catchUp();
    const url = new URL(request.url);
    const jobPlan: JobPlan = {};
    const context = { operation: matchOperation(request.method, url.pathname), jobPlan };
    const server = async (req: Request) => {
      const response = await current.app.fetch(req);
      if (response.status === 202) current.runner.accept(await acceptedJobId(response), jobPlan);
      if (!READS.has(req.method.toUpperCase())) await recordNewEvents(current);
      return response;
    };
    return compose([...global, ...scenarios, ...builtIn], server, context)(request);
  }

  return {
    handlers: [http.all(`${baseUrl}/v1/*`, ({ request }) => handle(request))],
    baseUrl,
    apiKey: identity.apiKey,
    accountId: identity.accountId,
    get store() {
      return state.store;
    },
    get ready() {
      return state.ready;
    },
    fetch: handle,
    async reset() {
      scenarios = [];
      state.runner.dispose();
      await state.runner.settled().catch(() => {});
      webhooks.clear();
      await drain;
      state = build();
      return state.ready;
    },
    use(...added) {
      scenarios = [...added, ...scenarios];
      return () => void (scenarios = scenarios.filter((s) => !added.includes(s)));
    },
    jobs: {
      get mode() {
        return jobMode;
      },
      set mode(next: JobMode) {
        jobMode = next;
        state.runner.mode = next;
      },
      step: (records) => state.runner.step(records),
      stepJob: (jobId, records) => state.runner.stepJob(jobId, records),
      runAll: () => state.runner.runAll(),
      settled: () => state.runner.settled(),
    },
    webhooks,
    async issueKey(keyOptions = {}) {
      const unknown = (keyOptions.scopes ?? []).filter((scope) => !(ALL_SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) throw new RangeError(`Unknown scopes: ${unknown.join(', ')}. The API's scopes are ${ALL_SCOPES.join(', ')}.`);
      const current = state;
      await current.ready;
      const { secret, record } = await issueApiKey(current.store, clock, {
        accountId: identity.accountId,
        mode: keyOptions.mode ?? 'test',
        name: keyOptions.name ?? 'issued',
        scopes: keyOptions.scopes ?? [...ALL_SCOPES],
        plan: keyOptions.plan ?? 'enterprise',
      });
      return { apiKey: secret, prefix: record.prefix, mode: record.mode, name: record.name, scopes: record.scopes, plan: record.plan };
    },
  };
}

async function markAllPublished(store: Store, at: string): Promise<void> {
  await store.transaction(async (tx) => {
    for (let events = await tx.outbox.claimUnpublished(500); events.length > 0; events = await tx.outbox.claimUnpublished(500)) {
      await tx.outbox.markPublished(events.map((e) => e.id), at);
    }
  });
}

/** The `job_id` of a 202 answer's `JobAccepted` body, or '' when it has none. */
async function acceptedJobId(response: Response): Promise<string> {
  const body = (await response.clone().json().catch(() => null)) as { data?: { job_id?: unknown } } | null;
  return typeof body?.data?.job_id === 'string' ? body.data.job_id : '';
}
