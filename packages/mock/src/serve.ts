import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { OpenApiDocument } from '@nexuscommerce/spec';
import { referenceResponse } from '@nexuscommerce/spec/reference';
import { adjustableClock, type AdjustableClock } from './adjustable-clock.js';
import { CONTROL_PREFIX, createControlApi } from './control/control-api.js';
import { createMockApi, type MockApi, type MockApiOptions } from './create-mock-api.js';
import { errorResponse } from './error-envelope.js';

export interface ServeOptions extends Omit<MockApiOptions, 'baseUrl' | 'clock' | 'forwardWebhook' | 'webhookReceiver'> {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`: the control API takes no key, so keep it off shared networks. */
  host?: string;
  /**
   * Deliveries to webhook endpoints made through the API: `'accept'` (default) answers each with
   * `204` inside the mock; `'network'` sends them for real, with the server's retries, and lets
   * endpoints point at loopback and private addresses.
   */
  deliverWebhooks?: 'accept' | 'network';
}

export interface ServedMockApi {
  /** The origin: the Partner API is at `${url}/v1`, the control API at `${url}/__mock`, the reference at `${url}/docs`. */
  url: string;
  port: number;
  /** The seeded `nxc_test_…` key, every scope. */
  apiKey: string;
  mock: MockApi;
  clock: AdjustableClock;
  close(): Promise<void>;
}

/** The control API's OpenAPI document: `openapi/control.yaml`, bundled to JSON by the build. */
export function controlDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(new URL('../dist/control.json', import.meta.url), 'utf8')) as OpenApiDocument;
}

/**
 * `createMockApi` over HTTP: the Partner API on the seeded sandbox at `/v1`, the control API at
 * `/__mock` and the API reference page at `/docs`. Resolves once the sandbox is seeded.
 *
 * @example
 * const served = await serveMockApi({ port: 0, seed: 1 });
 * await fetch(`${served.url}/v1/products`, { headers: { authorization: `Bearer ${served.apiKey}` } });
 * await served.close();
 */
export async function serveMockApi(options: ServeOptions = {}): Promise<ServedMockApi> {
  const { port = 4010, host = '127.0.0.1', deliverWebhooks = 'accept', ...mockOptions } = options;
  const seed = mockOptions.seed ?? 1;
  const clock = adjustableClock();
  const document = controlDocument();
  // Only for the moment between binding the port and building the sandbox on the bound URL.
  let answer = async (request: Request) => errorResponse(request, 'UNAVAILABLE', 'The sandbox is starting.', { 'Retry-After': '1' });
  const server = serve({ fetch: (request: Request) => answer(request), port, hostname: host });
  const bound = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', reject);
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`;
  const mock = createMockApi({
    ...mockOptions,
    baseUrl: url,
    clock,
    ...(deliverWebhooks === 'network'
      ? { webhookReceiver: (request: Request) => fetch(request), allowPrivateWebhookTargets: mockOptions.allowPrivateWebhookTargets ?? true }
      : {}),
  });
  const control = createControlApi({ mock, clock, seed, document, baseUrl: url });
  answer = (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) return control.fetch(request);
    if (pathname === '/docs' && (request.method === 'GET' || request.method === 'HEAD')) return Promise.resolve(referenceResponse(request));
    return mock.fetch(request);
  };
  const close = () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
  try {
    await mock.ready;
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port: bound.port, apiKey: mock.apiKey, mock, clock, close };
}
