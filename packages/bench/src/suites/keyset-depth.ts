import { median } from '../lib/measure.js';
import type { SuiteResult } from '../lib/report.js';
import { seedProductsSql } from '../lib/seed-products.js';
import { benchAccount, openBenchStore } from '../lib/targets.js';

const ROWS = 1_000_000;

/**
 * Latency of the first page against a page 900,000 rows deep, through the store's keyset
 * pagination on the SQL store: with keyset (never OFFSET) the two should cost the same.
 */
export async function run(): Promise<SuiteResult> {
  const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const target = await openBenchStore(kind);
  try {
    const { partition } = await benchAccount(target.store);
    await seedProductsSql(target.sql!, partition.accountId, partition.mode, ROWS);
    await target.sql!.exec('ANALYZE products');
    const page = (after?: { value: string; keys: string[] }) =>
      target.store.products.list(partition, { filters: {}, sort: 'sku', order: 'asc', limit: 50, ...(after ? { after } : {}) });
    const deep = { value: 'SKU-0900000', keys: ['SKU-0900000'] };
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    for (let i = 0; i < 50; i++) await Promise.all([page(), page(deep)]);
    const first: number[] = [];
    const deeper: number[] = [];
    for (let i = 0; i < 300; i++) {
      first.push(await time(() => page()));
      deeper.push(await time(() => page(deep)));
    }
    const [a, b] = [median(deeper), median(first)];
    const deepPage = await page(deep);
    if (deepPage.items[0]?.sku !== 'SKU-0900001') throw new Error('the deep page did not start where expected');
    return {
      suite: `Keyset pagination depth (${target.name}, 1,000,000 products, sort=sku)`,
      comparisons: [
        {
          name: 'page after row 900,000 vs first page (median of 300)',
          ours: `${a.toFixed(2)} ms`,
          peer: `${b.toFixed(2)} ms`,
          ratio: a / b,
          target: '≤ 1.20×',
          met: a / b <= 1.2,
          note: 'measured at the store port, which takes the keyset position a cursor decodes to; HTTP adds the same cost to both.',
        },
      ],
    };
  } finally {
    await target.close();
  }
}
