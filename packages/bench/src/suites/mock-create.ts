import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createNexusClient } from '@nexuscommerce/sdk';
import { setupMockServer } from '@nexuscommerce/mock/node';
import { issueApiKey, systemClock } from '@nexuscommerce/server';
import { interleavedSamples, roundRatios } from '../lib/measure.js';
import type { SuiteResult } from '../lib/report.js';

const ROUNDS = 5;

// msw is the mock's dependency, not this package's: load the very copy the mock uses.
const fromMock = createRequire(createRequire(import.meta.url).resolve('@nexuscommerce/mock/package.json'));
const load = (specifier: string) => import(pathToFileURL(fromMock.resolve(specifier)).href);
// The little of msw's API used here (its types are not this package's to import either).
interface Msw {
  http: { post(url: string, resolver: () => Response): unknown };
  HttpResponse: { json(body: unknown, init?: ResponseInit): Response };
}
interface MswNode {
  setupServer(...handlers: unknown[]): { listen(options?: { onUnhandledFrame?: string }): void; close(): void };
}
const { http, HttpResponse } = (await load('msw')) as Msw;
const { setupServer } = (await load('msw/node')) as MswNode;

const product = (sku: string) => ({ sku, title: 'Bench tee', price: '799.00', currency: 'INR' });

/**
 * A mocked `products.create()` through `setupMockServer` (the server core, its idempotency,
 * validation, outbox, recorded and signed webhook, delivery to the seeded endpoint) against the
 * same SDK call answered by a plain MSW handler with a constant 201 body. Same process, rounds
 * interleaved; each side listens only during its own rounds.
 */
export async function run(): Promise<SuiteResult> {
  const { server, mock } = setupMockServer();
  await mock.ready;
  // The sandbox key's 1,000 requests a minute would throttle the run: a key without limits.
  const { secret } = await issueApiKey(mock.store, systemClock, {
    accountId: mock.accountId, mode: 'test', plan: 'enterprise', rateLimits: { per_minute: 1e9, per_hour: 1e9 },
  });
  const constant = { data: { ...product('CONST'), description: null, status: 'draft', kind: 'physical', gtin: null, category_code: null, cost_price: null, tax_rate: '0.00', weight_kg: null, images: [], attributes: {}, listings: [], external_ref: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' } };
  const plain = setupServer(http.post(`${mock.baseUrl}/v1/products`, () => HttpResponse.json(constant, { status: 201, headers: { 'x-request-id': 'req_bench' } })));
  const nexus = createNexusClient({ apiKey: secret, baseUrl: mock.baseUrl });
  let n = 0;
  const create = () => nexus.products.create(product(`BENCH-${++n}`));
  const samples = await interleavedSamples({
    mock: { run: create, enter: () => server.listen(), leave: () => server.close() },
    plain: { run: create, enter: () => plain.listen({ onUnhandledFrame: 'error' }), leave: () => plain.close() },
  }, { rounds: ROUNDS, perRound: 300, warmup: 200 });
  await mock.webhooks.settled();
  const ratio = roundRatios(samples.mock!, samples.plain!);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const us = (ms: number) => `${Math.round(ms * 1000)} µs/request`;
  return {
    suite: 'Mocked products.create(): setupMockServer vs a plain MSW handler (in process)',
    comparisons: [{
      name: 'SDK products.create() through setupMockServer vs a constant MSW handler',
      ours: us(mean(samples.mock!)),
      peer: us(mean(samples.plain!)),
      ratio: ratio.median,
      target: '≤ 2.00×',
      met: ratio.median <= 2,
      note: `median of ${ROUNDS} interleaved rounds; range ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}× (${ratio.rounds.map((r) => r.toFixed(2)).join(', ')}).`,
    }],
  };
}
