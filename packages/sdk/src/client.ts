import createClient, { type Client } from 'openapi-fetch';
import { type Clock, systemClock } from './internal/clock.js';
import { JobHandle } from './jobs.js';
import { type Invoke, buildResources } from './resource-table.js';
import type { Resources } from './resource-types.js';
import { type NexusResourceTable, resourceTable } from './resources.js';
import { type RetryPolicy, parseRetryAfter } from './retry.js';
import type { ClientPaths, Job } from './schema.js';
import { type FetchLike, createTransport } from './transport.js';
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
  /** Overrides `environment`, e.g. `http://127.0.0.1:4010` for the local mock. An origin, without `/v1`. */
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
  const clock = options.clock ?? systemClock;
  const environment = options.environment ?? (options.apiKey.startsWith('nxc_test_') ? 'sandbox' : 'production');
  // Spec paths start with /v1, so the base is an origin; a pasted ".../v1" would double it.
  const baseUrl = (options.baseUrl ?? environments[environment]).replace(/\/+$/, '').replace(/\/v1$/, '');
  const send = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: { ...options.retry, ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }) },
    clock,
    random: options.random,
  });
  const headers: Record<string, string> = { Authorization: `Bearer ${options.apiKey}` };
  if (options.tenantId) headers['X-Tenant-ID'] = options.tenantId;
  // Browsers refuse to set User-Agent and would only add it to the CORS preflight.
  if (typeof document === 'undefined' || options.userAgent) {
    headers['User-Agent'] = `${options.userAgent ? `${options.userAgent} ` : ''}nexuscommerce-sdk-js/${VERSION}`;
  }
  const raw = createClient<ClientPaths>({ baseUrl, headers, fetch: (request) => send(request) });

  const invoke: Invoke = async ({ method, path, pathParams, query, body, options: call }) => {
    const { data, response } = await (raw as unknown as DynamicClient).request(method, path, {
      params: { path: pathParams, query },
      body,
      fetch: (request: Request) => send(request, { ...call, throwOnHttpError: true }),
    });
    return { data, response };
  };

  const job = (jobId: string): JobHandle =>
    new JobHandle(
      jobId,
      async (id, { waitSeconds, signal }) => {
        const { data, response } = await invoke({
          method: 'GET',
          path: '/v1/jobs/{job_id}',
          pathParams: { job_id: id },
          query: waitSeconds > 0 ? { wait: waitSeconds } : undefined,
          body: undefined,
          // The server holds a long poll for up to `wait` seconds: allow for that on top of the usual budget.
          options: { signal, timeoutMs: (options.timeoutMs ?? 60_000) + waitSeconds * 1000 },
        });
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
        return { job: (data as { data: Job }).data, retryAfterMs };
      },
      clock,
    );

  return { ...buildResources<ClientPaths, NexusResourceTable>(resourceTable, invoke, job), raw, job };
}

/** openapi-fetch's `request`, seen without its per-path typing (the table is typed instead). */
interface DynamicClient {
  request(method: string, path: string, init: Record<string, unknown>): Promise<{ data?: unknown; response: Response }>;
}
