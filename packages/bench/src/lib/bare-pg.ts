import { Hono } from 'hono';
import pg from 'pg';

/**
 * The honest peers of the server on PostgreSQL: what a careful hand-written route does with one
 * statement and nothing else (no auth, validation, idempotency, outbox or logging). Same pool size
 * as the server, same rows, same JSON shape.
 *
 * - `GET /v1/products?limit=50`: the first page by `created_at desc, sku desc` with each product's
 *   listings aggregated in the same query, timestamps formatted by PostgreSQL.
 * - `POST /v1/products`: one `INSERT … RETURNING` (autocommit) of the posted product.
 */
export function barePgApp(databaseUrl: string, partition: { accountId: string; mode: string }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const at = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column.replace(/^.*\./, '')}`;
  const columns = `sku, title, description, status, kind, gtin, category_code, price::text AS price,
    cost_price::text AS cost_price, currency, tax_rate::text AS tax_rate, weight_kg::float8 AS weight_kg, images, attributes,
    external_ref, ${at('created_at')}, ${at('updated_at')}`;
  const listSql = `SELECT ${columns},
      (SELECT coalesce(json_agg(json_build_object('marketplace', l.marketplace, 'external_id', l.external_id,
         'price', l.price::text, 'quantity', l.quantity, 'status', l.status,
         'last_synced_at', to_char(l.last_synced_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY l.marketplace), '[]')
       FROM product_listings l WHERE l.account_id = p.account_id AND l.mode = p.mode AND l.sku = p.sku) AS listings
    FROM products p WHERE p.account_id = $1 AND p.mode = $2 ORDER BY p.created_at DESC, p.sku DESC LIMIT $3`;
  const insertSql = `INSERT INTO products (account_id, mode, sku, title, description, status, kind, price, currency,
      tax_rate, images, attributes, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, 'draft', 'physical', $6, $7, coalesce($8::numeric, 0), '[]', '{}', now(), now())
    RETURNING ${columns}`;

  const app = new Hono();
  app.get('/v1/products', async (c) => {
    const limit = Math.min(200, Math.max(1, Number(c.req.query('limit') ?? 50) || 50));
    const { rows } = await pool.query(listSql, [partition.accountId, partition.mode, limit + 1]);
    const data = rows.slice(0, limit);
    const last = data.at(-1);
    const next = rows.length > limit && last ? btoa(JSON.stringify([last.created_at, last.sku])) : null;
    return c.json({ data, meta: { limit, next_cursor: next, has_more: next !== null } });
  });
  app.post('/v1/products', async (c) => {
    const b = await c.req.json<{ sku: string; title: string; description?: string; price: string; currency: string; tax_rate?: string }>();
    const { rows } = await pool.query(insertSql, [partition.accountId, partition.mode, b.sku, b.title, b.description ?? null, b.price, b.currency, b.tax_rate ?? null]);
    return c.json({ data: { ...rows[0], listings: [] } }, 201);
  });
  return { app, close: () => pool.end() };
}
