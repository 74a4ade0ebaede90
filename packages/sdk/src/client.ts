import type { Client } from 'openapi-fetch';
import { NexusError } from './errors.js';
import { type Clock, systemClock } from './internal/clock.js';
import { type GetJob, JobHandle, type JobHandleInit, type ListJobs } from './jobs.js';
import { lazyOpenapiFetch } from './raw-client.js';
import { operationUrl } from './request.js';
import { type Invoke, buildResources } from './resource-table.js';
import type { Resources } from './resource-types.js';
import { type NexusResourceTable, resourceTable } from './resources.js';
import { type RetryPolicy, parseRetryAfter } from './retry.js';
import type { ClientPaths, Job, ListMeta } from './schema.js';
import { createEngine } from './engine.js';
import { type FetchLike, sendWith } from './transport.js';
import { VERSION } from './version.js';

export const environments = {
  production: 'https://api.nexuscommerce.example',
  sandbox: 'https://sandbox.nexuscommerce.example',
} as const;

export interface NexusClientOptions {
  /** `nxc_live_…` or `nxc_test_…`. */
  apiKey: string;
  /** Default: `sandbox` for `nxc_test_` keys, else `production`. */
  environment?: keyof typeof environments | undefined;
  /**
   * Overrides `environment`: an origin, without `/v1`. The local mock and reference server
   * (`nexus-server start`) listen on `http://127.0.0.1:4010`.
   */
  baseUrl?: string | undefined;
  fetch?: FetchLike | undefined;
  /** Default 2. */
  maxRetries?: number | undefined;
  /** Per call, retries included. Default 60 s. */
  timeoutMs?: number | undefined;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>> | undefined;
  /** Your app's name/version, put in front of the SDK's in `User-Agent`. */
  userAgent?: string | undefined;
  /** Sent as `X-Tenant-ID`; the API answers 403 TENANT_MISMATCH if it is not the key's account. */
  tenantId?: string | undefined;
  /**
   * A live key (`nxc_live_…`) is refused in a browser, where anyone who opens the page can read
   * it. Set this only when every person who can load the page may hold the key.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Time and jitter sources, for tests. */
  clock?: Clock | undefined;
  random?: (() => number) | undefined;
}

export type NexusClient = Resources<ClientPaths, NexusResourceTable> & {
  /** The underlying openapi-fetch client (same auth, retries and keys; returns `{data, error}`). */
  raw: Client<ClientPaths>;
  /** A handle on a job started earlier, e.g. from a stored job id. */
  job(jobId: string): JobHandle;
};

/**
 * The NexusCommerce client. Idempotency keys, retries with Retry-After, timeouts, pagination and
 * job polling are built in.
 * @example
 * import { createNexusClient } from '@nexuscommerce/sdk';
 * const nexus = createNexusClient({ apiKey: process.env.NEXUS_API_KEY! });
 * const product = await nexus.products.create({ sku: 'TEA-1', title: 'Green tea', price: '4.50', currency: 'EUR' });
 * for await (const p of nexus.products.list({ status: 'active' })) console.log(p.sku);
 */
export function createNexusClient(options: NexusClientOptions): NexusClient {
  if (!options?.apiKey) throw new TypeError('createNexusClient: `apiKey` is required');
  const browser = typeof document !== 'undefined';
  if (browser && options.apiKey.startsWith('nxc_live_') && !options.dangerouslyAllowBrowser) {
    throw new NexusError(
      'createNexusClient: a live key (nxc_live_…) in a browser can be read by anyone who loads the page. Call the API ' +
        'from a server or use a test key, or pass `dangerouslyAllowBrowser: true` if only people allowed to hold the key can load it.',
    );
  }
  const clock = options.clock ?? systemClock;
  const environment = options.environment ?? (options.apiKey.startsWith('nxc_test_') ? 'sandbox' : 'production');
  // Spec paths start with /v1, so the base is an origin; a pasted ".../v1" would double it.
  const baseUrl = (options.baseUrl ?? environments[environment]).replace(/\/+$/, '').replace(/\/v1$/, '');
  const engine = createEngine({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: { ...options.retry, ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }) },
    clock,
    random: options.random,
  });
  const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}` };
  if (options.tenantId) headers['x-tenant-id'] = options.tenantId;
  // Browsers refuse to set User-Agent and would only add it to the CORS preflight.
  if (!browser || options.userAgent) {
    headers['user-agent'] = `${options.userAgent ? `${options.userAgent} ` : ''}nexuscommerce-sdk-js/${VERSION}`;
  }
  const send = sendWith(engine);
  const raw = lazyOpenapiFetch<ClientPaths>({ baseUrl, headers, fetch: (request: Request) => send(request) });
  const json = { ...headers, 'content-type': 'application/json' };

  // One Request per call, built here with the call's keys and signal and sent as it is; the JSON
  // is read within the call's deadline. Retries rebuild it from the same serialized body.
  const invoke: Invoke = ({ method, path, pathParams, query, body, options: call }) =>
    engine.call(method, { ...call, throwOnHttpError: true }, body === undefined ? headers : json, async (x) => {
      const sent = body === undefined ? undefined : JSON.stringify(body);
      const url = operationUrl(baseUrl, path, pathParams, query);
      const response = await x.send(new Request(url, { method, headers: x.headers, body: sent, signal: x.signal }), sent);
      const text = await response.text();
      return { data: text ? (JSON.parse(text) as unknown) : undefined, response };
    });

  const getJob: GetJob = async (id, { waitSeconds, ...call }) => {
    const { data, response } = await invoke({
      method: 'GET',
      path: '/v1/jobs/{job_id}',
      pathParams: { job_id: id },
      query: waitSeconds > 0 ? { wait: waitSeconds } : undefined,
      body: undefined,
      // The server holds a long poll for up to `wait` seconds: allow for that on top of the usual budget.
      options: { ...call, timeoutMs: (options.timeoutMs ?? 60_000) + waitSeconds * 1000 },
    });
    return { job: (data as { data: Job }).data, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()) };
  };
  const listJobs: ListJobs = async ({ type, limit, cursor, ...call }) => {
    const query = { limit, ...(type && { type }), ...(cursor && { cursor }) };
    const { data } = await invoke({ method: 'GET', path: '/v1/jobs', pathParams: {}, query, body: undefined, options: call });
    return data as { data: Job[]; meta: ListMeta };
  };
  const handle = (id: string, init: JobHandleInit = {}) => new JobHandle(id, getJob, clock, { listJobs, ...init });

  const resources = buildResources<ClientPaths, NexusResourceTable>(
    resourceTable,
    invoke,
    (accepted, response) =>
      handle(accepted.job_id, {
        replayed: response.headers.get('idempotent-replayed') === 'true',
        type: accepted.type,
        createdAt: accepted.created_at,
      }),
    clock,
  );
  return { ...resources, raw, job: (jobId) => handle(jobId) };
}
