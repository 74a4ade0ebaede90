import { createNexusClient } from '@nexuscommerce/sdk';
import { loopback } from '../lib/loopback.js';
import type { SuiteResult } from '../lib/report.js';

const TOTAL = 100_000;
const PAGE = 200;

function item(i: number) {
  return {
    sku: `SKU-${String(i).padStart(7, '0')}`, title: `Product ${i}`, description: 'A product used to measure pagination.',
    status: 'active', kind: 'physical', gtin: null, category_code: 'apparel-tshirts', price: '799.00', cost_price: null,
    currency: 'INR', tax_rate: '18.00', weight_kg: 0.2, images: [], attributes: { colour: 'black' }, listings: [],
    external_ref: null, created_at: '2026-11-02T08:15:00Z', updated_at: '2026-11-20T09:30:00Z',
  };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Peak heap growth while iterating 100,000 products page by page with `for await`, next to the
 * growth of holding them all (what a naive "collect every page, then process" loop does).
 */
export async function run(): Promise<SuiteResult> {
  const server = await loopback((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const end = Math.min(start + PAGE, TOTAL);
    const data = Array.from({ length: end - start }, (_, k) => item(start + k));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data, meta: { limit: PAGE, next_cursor: end < TOTAL ? String(end) : null, has_more: end < TOTAL } }));
  });
  const client = createNexusClient({ apiKey: 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab', baseUrl: server.url });
  const peak = async (work: (sample: () => void) => Promise<number>) => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let max = base;
    const sample = () => {
      max = Math.max(max, process.memoryUsage().heapUsed);
    };
    const seen = await work(sample);
    sample();
    return { seen, growth: (max - base) / 2 ** 20 };
  };
  try {
    const streamed = await peak(async (sample) => {
      let n = 0;
      for await (const product of client.products.list({ limit: PAGE })) {
        if (product.sku && ++n % 1000 === 0) sample();
      }
      return n;
    });
    const held = await peak(async (sample) => {
      const all: unknown[] = [];
      for await (const product of client.products.list({ limit: PAGE })) {
        all.push(product);
        if (all.length % 1000 === 0) sample();
      }
      return all.length;
    });
    if (streamed.seen !== TOTAL || held.seen !== TOTAL) throw new Error(`expected ${TOTAL} items, saw ${streamed.seen}/${held.seen}`);
    return {
      suite: 'Paginating 100,000 items (peak heap growth)',
      comparisons: [
        {
          name: '`for await` over `products.list()` vs holding every item',
          ours: `${streamed.growth.toFixed(1)} MB`,
          peer: `${held.growth.toFixed(1)} MB`,
          ratio: streamed.growth / held.growth,
          target: '< 64 MB growth',
          met: streamed.growth < 64,
          note: 'run with --expose-gc so both start from a collected heap.',
        },
      ],
    };
  } finally {
    await server.close();
  }
}
