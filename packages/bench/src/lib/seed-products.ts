import type { SqlExecutor } from '@nexuscommerce/server';

/**
 * Inserts `count` products into one partition with a single set-based statement, so seeding a
 * million rows takes seconds and is not what a benchmark measures.
 */
export async function seedProductsSql(db: SqlExecutor, accountId: string, mode: string, count: number): Promise<void> {
  await db.query(
    `INSERT INTO products (account_id, mode, sku, title, description, status, kind, gtin, category_code, price,
       cost_price, currency, tax_rate, weight_kg, images, attributes, external_ref, created_at, updated_at)
     SELECT $1, $2, 'SKU-' || lpad(i::text, 7, '0'), 'Product ' || i, 'A product used by the benchmarks.', 'active',
       'physical', NULL, NULL, 799.00, NULL, 'INR', 18.00, 0.2, '[]'::jsonb, '{"colour":"black"}'::jsonb, NULL,
       timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second', timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second'
     FROM generate_series(1, $3::int) AS i`,
    [accountId, mode, count],
  );
}

/** The same rows as `seedProductsSql`, for stores without SQL. */
export function productRow(i: number) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    sku: `SKU-${String(i).padStart(7, '0')}`, title: `Product ${i}`, description: 'A product used by the benchmarks.',
    status: 'active' as const, kind: 'physical' as const, gtin: null, category_code: null, price: '799.00',
    cost_price: null, currency: 'INR', tax_rate: '18.00', weight_kg: 0.2, images: [], attributes: { colour: 'black' },
    external_ref: null, created_at: at, updated_at: at,
  };
}
