import { type Browser, type Page, findChromium, launchChromium } from '@nexuscommerce/test-chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAnswer, type SdkPageServer, type SeenRequest, startSdkPageServer } from './testing/browser-page.js';
import { signWebhook, verifyWebhook } from './webhooks/index.js';

// The *built* package (dist/, unmodified) in a real Chromium: loaded as ES modules through an
// import map, as a browser app would, against a fake API on the same origin (so no CORS
// preflight). Everything the page does goes through `page.evaluate`; assertions run here, on what
// the page returned and on what the server recorded.

declare global {
  interface Window {
    nexus: {
      sdk: typeof import('./index.js');
      webhooks: typeof import('./webhooks/index.js');
    };
  }
}

const found = findChromium();
if (!found.path) console.log(`browser.test.ts: skipped the browser test: no Chromium (${found.reason})`);

const API_KEY = 'nxc_test_browser';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Three pages of products, chained by cursor.
const PAGES: Record<string, { skus: string[]; next: string | null }> = {
  '': { skus: ['A-1', 'A-2'], next: 'cur_2' },
  cur_2: { skus: ['B-1', 'B-2'], next: 'cur_3' },
  cur_3: { skus: ['C-1'], next: null },
};
const product = (sku: string) => ({ sku, title: `Product ${sku}`, price: '1.00', currency: 'EUR', status: 'active' });

const failedOnce = new Set<string>();
const batchJobs = new Map<string, { id: string; total: number; requestId: string }>();
const finishedJob = (job: { id: string; total: number; requestId: string }) => ({
  id: job.id,
  type: 'products.batch',
  status: 'succeeded',
  progress: { total: job.total, processed: job.total, succeeded: job.total, failed: 0 },
  errors: [],
  request_id: job.requestId,
  created_at: new Date().toISOString(),
  started_at: new Date().toISOString(),
  finished_at: new Date().toISOString(),
});
const fakeApi = (request: SeenRequest): ApiAnswer | undefined => {
  const url = new URL(request.url, 'http://localhost');
  const requestId = String(request.headers['x-request-id'] ?? '');
  if (request.method === 'POST' && url.pathname === '/v1/products') {
    const input = JSON.parse(request.body) as { sku: string };
    // FLAKY-* fails once per SKU with 503 Retry-After: 0, then succeeds.
    if (input.sku.startsWith('FLAKY-') && !failedOnce.has(input.sku)) {
      failedOnce.add(input.sku);
      return {
        status: 503,
        headers: { 'retry-after': '0' },
        body: { request_id: requestId, error: { code: 'SERVICE_UNAVAILABLE', message: 'try again', details: [] } },
      };
    }
    return { status: 201, headers: { 'x-request-id': requestId }, body: { data: { ...product(input.sku), ...input } } };
  }
  if (request.method === 'GET' && url.pathname === '/v1/products') {
    const page = PAGES[url.searchParams.get('cursor') ?? ''];
    if (!page) return undefined;
    return {
      status: 200,
      body: { data: page.skus.map(product), meta: { limit: 2, next_cursor: page.next, has_more: page.next !== null } },
    };
  }
  // A batch endpoint whose jobs are finished when read, for ingest.
  if (request.method === 'POST' && url.pathname === '/v1/products/batch') {
    const { items } = JSON.parse(request.body) as { items: unknown[] };
    const id = `job_browser${String(batchJobs.size).padStart(8, '0')}`;
    batchJobs.set(id, { id, total: items.length, requestId });
    const data = { job_id: id, type: 'products.batch', status: 'queued', total: items.length, created_at: new Date().toISOString() };
    return { status: 202, headers: { location: `/v1/jobs/${id}` }, body: { data } };
  }
  const jobMatch = /^\/v1\/jobs\/(job_\w+)$/.exec(url.pathname);
  if (request.method === 'GET' && jobMatch && batchJobs.has(jobMatch[1]!)) return { status: 200, body: { data: finishedJob(batchJobs.get(jobMatch[1]!)!) } };
  if (request.method === 'GET' && url.pathname === '/v1/jobs') {
    const data = [...batchJobs.values()].reverse().map(finishedJob);
    return { status: 200, body: { data, meta: { limit: 50, has_more: false, next_cursor: null } } };
  }
  if (request.method === 'GET' && url.pathname === '/v1/products/MISSING') {
    return {
      status: 404,
      headers: { 'x-request-id': requestId },
      body: { request_id: requestId, error: { code: 'NOT_FOUND', message: 'No product MISSING', details: [] } },
    };
  }
  return undefined;
};

const suite = found.path ? describe : describe.skip;

suite('the built SDK in Chromium', () => {
  let server: SdkPageServer;
  let browser: Browser;
  let page: Page;
  const allRequests: string[] = [];
  const failedRequests: string[] = [];
  const badResponses: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  /** Requests the server saw since `from`, for one method and path. */
  const apiCalls = (from: number, method: string, pathname: string) =>
    server.api.slice(from).filter((r) => r.method === method && new URL(r.url, server.origin).pathname === pathname);

  /** `products.create` run by the SDK inside the page, with the test key. */
  const createInPage = (product: { sku: string; title: string; price: string; currency: string }) =>
    page.evaluate(async ({ apiKey, product }) => {
      const nexus = window.nexus.sdk.createNexusClient({ apiKey, baseUrl: location.origin });
      return nexus.products.create(product);
    }, { apiKey: API_KEY, product });

  beforeAll(async () => {
    server = await startSdkPageServer(fakeApi);
    browser = await launchChromium(found.path!);
    page = await browser.newPage();
    page.on('request', (request) => allRequests.push(request.url()));
    page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) badResponses.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));

    await page.goto(server.origin + '/');
    // Module scripts (and everything they import) have run by the load event.
    const loaded = await page.evaluate(() => ({
      sdk: Object.keys(window.nexus?.sdk ?? {}).sort(),
      webhooks: Object.keys(window.nexus?.webhooks ?? {}).sort(),
    }));
    expect(loaded.sdk, `the page did not load the SDK: ${[...pageErrors, ...consoleErrors, ...server.missing].join('; ')}`).toContain(
      'createNexusClient',
    );
    expect(loaded.webhooks).toEqual(expect.arrayContaining(['signWebhook', 'verifyWebhook', 'WebhookVerificationError']));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads dist/ through the import map, with #hmac resolved to the Web Crypto variant, and nothing it loads on first use', () => {
    expect(server.importMap).toMatchObject({
      '@nexuscommerce/sdk': '/sdk/dist/index.js',
      '@nexuscommerce/sdk/webhooks': '/sdk/dist/webhooks/index.js',
      '#hmac': '/sdk/dist/webhooks/hmac-web.js',
      'openapi-fetch': expect.stringMatching(/^\/openapi-fetch\/dist\/.*\.mjs$/),
    });
    expect(server.assets).toEqual(
      expect.arrayContaining(['/', '/sdk/dist/index.js', '/sdk/dist/webhooks/index.js', '/sdk/dist/webhooks/hmac-web.js']),
    );
    expect(server.assets).not.toContain('/sdk/dist/webhooks/hmac-node.js');
    // openapi-fetch (for `raw`) and the ingest chunk are fetched only when first used.
    expect(server.assets).not.toContain(server.importMap['openapi-fetch']);
    expect(server.assets.filter((path) => path.includes('ingest-run'))).toEqual([]);
  });

  it('creates a product with an Idempotency-Key and X-Request-Id, and leaves User-Agent to the browser', async () => {
    const from = server.api.length;
    const created = await createInPage({ sku: 'TEA-1', title: 'Green tea', price: '4.50', currency: 'EUR' });

    expect(created).toMatchObject({ sku: 'TEA-1', title: 'Green tea', price: '4.50', currency: 'EUR' });
    const calls = apiCalls(from, 'POST', '/v1/products');
    expect(calls).toHaveLength(1);
    const { headers, body } = calls[0]!;
    expect(headers['idempotency-key']).toMatch(UUID);
    expect(headers['x-request-id']).toEqual(expect.any(String));
    expect(headers['x-request-id']).not.toBe('');
    expect(headers['x-retry-count']).toBeUndefined();
    expect(headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['user-agent']).toMatch(/Chrome\//);
    expect(headers['user-agent']).not.toMatch(/nexuscommerce-sdk-js/);
    expect(JSON.parse(body)).toEqual({ sku: 'TEA-1', title: 'Green tea', price: '4.50', currency: 'EUR' });
    // Same origin: no CORS preflight.
    expect(server.api.slice(from).map((r) => r.method)).not.toContain('OPTIONS');
  });

  it('retries a 503 with Retry-After: 0, reusing the idempotency key and request id', async () => {
    const from = server.api.length;
    const created = await createInPage({ sku: 'FLAKY-1', title: 'Flaky tea', price: '2.00', currency: 'EUR' });

    expect(created).toMatchObject({ sku: 'FLAKY-1' });
    const calls = apiCalls(from, 'POST', '/v1/products');
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [SeenRequest, SeenRequest];
    expect(first.headers['idempotency-key']).toMatch(UUID);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.headers['x-request-id']).toBe(first.headers['x-request-id']);
    expect(first.headers['x-retry-count']).toBeUndefined();
    expect(second.headers['x-retry-count']).toBe('1');
    expect(second.body).toBe(first.body);
  });

  it('walks a 3-page list with for await', async () => {
    const from = server.api.length;
    const skus = await page.evaluate(async (apiKey) => {
      const nexus = window.nexus.sdk.createNexusClient({ apiKey, baseUrl: location.origin });
      const seen: string[] = [];
      for await (const p of nexus.products.list({ limit: 2 })) seen.push(p.sku);
      return seen;
    }, API_KEY);

    expect(skus).toEqual(['A-1', 'A-2', 'B-1', 'B-2', 'C-1']);
    const calls = apiCalls(from, 'GET', '/v1/products');
    expect(calls.map((r) => new URL(r.url, server.origin).searchParams.get('cursor'))).toEqual([null, 'cur_2', 'cur_3']);
    expect(calls.every((r) => new URL(r.url, server.origin).searchParams.get('limit') === '2')).toBe(true);
    expect(calls.every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it('throws a typed NotFoundError for a 404', async () => {
    const from = server.api.length;
    const outcome = await page.evaluate(async (apiKey) => {
      const { createNexusClient, NotFoundError, ApiError, NexusError } = window.nexus.sdk;
      const nexus = createNexusClient({ apiKey, baseUrl: location.origin });
      try {
        await nexus.products.get('MISSING');
        return { threw: false as const };
      } catch (error) {
        if (!(error instanceof NexusError)) return { threw: true as const, foreign: String(error) };
        return {
          threw: true as const,
          name: error.name,
          notFound: error instanceof NotFoundError,
          apiError: error instanceof ApiError,
          status: error instanceof ApiError ? error.status : undefined,
          code: error instanceof ApiError ? error.code : undefined,
          requestId: error.requestId,
          message: error.message,
        };
      }
    }, API_KEY);

    const calls = apiCalls(from, 'GET', '/v1/products/MISSING');
    expect(calls).toHaveLength(1); // a 404 is never retried
    expect(outcome).toMatchObject({
      threw: true,
      name: 'NotFoundError',
      notFound: true,
      apiError: true,
      status: 404,
      code: 'NOT_FOUND',
      requestId: calls[0]!.headers['x-request-id'],
    });
  });

  it('verifies a webhook signed in Node with Web Crypto, and Node verifies one signed in the page', async () => {
    const secret = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
    const payload = JSON.stringify({ id: 'evt_browser_1', type: 'ping', created_at: new Date().toISOString(), data: {} });
    const headers = await signWebhook({ payload, secret, id: 'msg_browser_1' });

    const result = await page.evaluate(
      async ({ payload, headers, secret }) => {
        const { verifyWebhook, signWebhook, WebhookVerificationError } = window.nexus.webhooks;
        const event = await verifyWebhook({ payload, headers, secret });
        const fromBytes = await verifyWebhook({ payload: new TextEncoder().encode(payload), headers, secret });
        let tampered: { reason: string; sameClass: boolean; rootClass: boolean } | null = null;
        try {
          await verifyWebhook({ payload: payload.replace('ping', 'pong'), headers, secret });
        } catch (error) {
          tampered = {
            reason: (error as InstanceType<typeof WebhookVerificationError>).reason,
            sameClass: error instanceof WebhookVerificationError,
            // The two entry points share one errors chunk, so this is the same class.
            rootClass: error instanceof window.nexus.sdk.WebhookVerificationError,
          };
        }
        const signedHere = await signWebhook({ payload, secret, id: 'msg_browser_2' });
        return { event, fromBytes, tampered, signedHere };
      },
      { payload, headers, secret },
    );

    expect(result.event).toEqual(JSON.parse(payload));
    expect(result.fromBytes).toEqual(JSON.parse(payload));
    expect(result.tampered).toEqual({ reason: 'invalid_signature', sameClass: true, rootClass: true });
    // Web Crypto (page) and node:crypto (here) agree both ways.
    expect(result.signedHere['webhook-id']).toBe('msg_browser_2');
    await expect(verifyWebhook({ payload, headers: result.signedHere, secret })).resolves.toEqual(JSON.parse(payload));
  });

  it('refuses a live key unless the page opts in, and says why', async () => {
    const from = server.api.length;
    const outcome = await page.evaluate(async () => {
      const { createNexusClient, NexusError } = window.nexus.sdk;
      const liveKey = 'nxc_live_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab';
      let refused: { name: string; message: string; sdkError: boolean } | null = null;
      try {
        createNexusClient({ apiKey: liveKey, baseUrl: location.origin });
      } catch (error) {
        refused = { name: (error as Error).name, message: (error as Error).message, sdkError: error instanceof NexusError };
      }
      const optedIn = createNexusClient({ apiKey: liveKey, baseUrl: location.origin, dangerouslyAllowBrowser: true });
      const created = await optedIn.products.create({ sku: 'LIVE-1', title: 'Live tea', price: '1.00', currency: 'EUR' });
      return { refused, created };
    });
    expect(outcome.refused).toMatchObject({ name: 'NexusError', sdkError: true });
    expect(outcome.refused!.message).toMatch(/live key.*browser.*anyone who loads the page.*dangerouslyAllowBrowser: true/);
    expect(outcome.created).toMatchObject({ sku: 'LIVE-1' });
    // The refused client sent nothing; the opted-in one sent the key.
    const calls = apiCalls(from, 'POST', '/v1/products');
    expect(calls.map((r) => r.headers['authorization'])).toEqual(['Bearer nxc_live_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab']);
  });

  it('loads openapi-fetch for `raw` on its first call, with the same keys and headers', async () => {
    const from = server.api.length;
    const answer = await page.evaluate(async (apiKey) => {
      const nexus = window.nexus.sdk.createNexusClient({ apiKey, baseUrl: location.origin });
      const { data, error, response } = await nexus.raw.GET('/v1/products', { params: { query: { limit: 2 } } });
      return { skus: data?.data.map((p) => p.sku), error, status: response.status };
    }, API_KEY);
    expect(answer).toEqual({ skus: ['A-1', 'A-2'], error: undefined, status: 200 });
    expect(server.assets).toContain(server.importMap['openapi-fetch']);
    const [call] = apiCalls(from, 'GET', '/v1/products');
    expect(call!.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(call!.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('ingests through the chunk it loads on first use', async () => {
    const from = server.api.length;
    const result = await page.evaluate(async (apiKey) => {
      const nexus = window.nexus.sdk.createNexusClient({ apiKey, baseUrl: location.origin });
      const items = Array.from({ length: 5 }, (_, i) => ({ sku: `ING-${i}`, title: 'Tea', price: '1.00', currency: 'EUR' }));
      return nexus.products.ingest(items, { batchSize: 2, runId: 'browser-run' });
    }, API_KEY);
    expect(result).toMatchObject({ runId: 'browser-run', batches: 3, records: 5, succeeded: 5, failed: 0, replayed: 0 });
    expect(server.assets.filter((path) => /^\/sdk\/dist\/ingest-run-\w+\.js$/.test(path))).toHaveLength(1);
    const posts = apiCalls(from, 'POST', '/v1/products/batch');
    expect(posts.map((r) => r.headers['idempotency-key']).sort()).toEqual(['browser-run:0', 'browser-run:1', 'browser-run:2']);
  });

  it('requested no node: module, no missing asset, and logged no errors', () => {
    expect(allRequests.filter((url) => url.startsWith('node:') || url.includes('node%3A'))).toEqual([]);
    expect(server.assets.filter((path) => path.includes('node:') || path.includes('node%3A'))).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(server.missing).toEqual([]);
    // The only >= 400 responses are the API answers the tests asked for (503 once, 404 once).
    const origin = server.origin;
    expect(badResponses.sort()).toEqual([`404 ${origin}/v1/products/MISSING`, `503 ${origin}/v1/products`]);
    // Chromium logs each of those as "Failed to load resource"; anything else is unexpected.
    const expectedLog = (line: string) => /Failed to load resource: the server responded with a status of (404|503)/.test(line) && line.includes(`${origin}/v1/`);
    expect(consoleErrors.filter((line) => !expectedLog(line))).toEqual([]);
  });
});
