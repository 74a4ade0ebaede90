import createClient from 'openapi-fetch';
import { createNexusClient } from '@nexuscommerce/sdk';
import type { paths } from '@nexuscommerce/sdk';
import { interleaved } from '../lib/measure.js';
import { loopback } from '../lib/loopback.js';
import type { SuiteResult } from '../lib/report.js';

// The same product document for every request: what is measured is the client, not the server.
const body = JSON.stringify({
  data: {
    sku: 'TSHIRT-CLASSIC-BLK-M', title: 'Classic Cotton T-Shirt, Black, M', description: null, status: 'active',
    kind: 'physical', gtin: '4006381333931', category_code: 'apparel-tshirts', price: '799.00', cost_price: null,
    currency: 'INR', tax_rate: '18.00', weight_kg: 0.18, images: [], attributes: {}, listings: [],
    external_ref: null, created_at: '2026-11-02T08:15:00Z', updated_at: '2026-11-20T09:30:00Z',
  },
});

/** Per-request cost of the SDK's resource call against bare openapi-fetch and bare fetch. */
export async function run(): Promise<SuiteResult> {
  const server = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_bench' });
    res.end(body);
  });
  const apiKey = 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab';
  const headers = { authorization: `Bearer ${apiKey}` };
  const sdk = createNexusClient({ apiKey, baseUrl: server.url });
  const bare = createClient<paths>({ baseUrl: server.url, headers });
  try {
    const perRequest = await interleaved({
      fetch: async () => (await fetch(`${server.url}/v1/products/TSHIRT-CLASSIC-BLK-M`, { headers })).json(),
      openapiFetch: () => bare.GET('/v1/products/{sku}', { params: { path: { sku: 'TSHIRT-CLASSIC-BLK-M' } } }),
      sdk: () => sdk.products.get('TSHIRT-CLASSIC-BLK-M'),
    });
    const ms = (v: number) => `${(v * 1000).toFixed(0)} µs/request`;
    const ratio = perRequest.sdk! / perRequest.openapiFetch!;
    return {
      suite: 'SDK overhead per request (GET one product on a loopback server)',
      comparisons: [
        {
          name: 'SDK `products.get` vs bare openapi-fetch',
          ours: ms(perRequest.sdk!),
          peer: ms(perRequest.openapiFetch!),
          ratio,
          target: '≤ 1.10×',
          met: ratio <= 1.1,
          note: `bare fetch took ${ms(perRequest.fetch!)}; the SDK adds a request id, an idempotency-aware retry loop, a timeout and error mapping.`,
        },
      ],
    };
  } finally {
    await server.close();
  }
}
