import type { Account, ApiKeyRecord } from '../accounts.js';
import type { JobRecord } from '../jobs.js';
import type { OutboxEvent } from '../outbox.js';
import type { Product, ProductRecord } from '../products.js';

/**
 * Conversions between SQL rows and records. Both drivers hand timestamptz over as the API's ISO
 * string (`timestamptzText`, registered as their parser for the type), never as a `Date`.
 */
type Row = Record<string, unknown>;

/** The type id of timestamptz, whose text both clients convert with `timestamptzText`. */
export const TIMESTAMPTZ_OID = 1184;

// PostgreSQL's text for a UTC timestamptz (`2026-01-01 00:00:01.5+00`, DateStyle ISO) and its
// JSON form inside json_agg (`2026-01-01T00:00:01.5+00:00`).
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::00)?|Z)$/;

/**
 * A timestamptz as PostgreSQL writes it, as the API's ISO 8601 string with milliseconds
 * (`2026-01-01T00:00:01.500Z`, what `Date#toISOString` gives) without building a `Date`: parsing
 * and formatting dates was a measurable share of a list request. Other offsets (a session not in
 * UTC) take the slow, equally correct path.
 *
 * @example
 * timestamptzText('2026-01-01 00:00:01.5+00'); // '2026-01-01T00:00:01.500Z'
 */
export function timestamptzText(text: string): string {
  const m = UTC_TEXT.exec(text);
  if (!m) return new Date(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
  const ms = m[3] ? `${m[3]}00`.slice(0, 3) : '000';
  return `${m[1]}T${m[2]}.${ms}Z`;
}

export const iso = (value: unknown): string => (typeof value === 'string' ? value : (value as Date).toISOString());
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
/** jsonb goes in as text so both drivers send the same thing; cast with `$n::text::jsonb`. */
export const json = (value: unknown): string => JSON.stringify(value);

/** The product's columns in insert order, matching `$3 … $19` after account_id and mode. */
export function productParams(p: ProductRecord): unknown[] {
  return [
    p.sku, p.title, p.description, p.status, p.kind, p.gtin, p.category_code, p.price,
    p.cost_price, p.currency, p.tax_rate, p.weight_kg, json(p.images), json(p.attributes),
    p.external_ref, p.created_at, p.updated_at,
  ];
}

/**
 * A product with its listings as one JSON object column (`product`) in the API's shape, so a
 * product or a whole page of them is one query, and each row is one JSON text for the driver to
 * parse instead of eighteen typed columns (about a third of a page's time on PGlite). Decimals
 * are strings; a JSON number would lose them.
 */
export const PRODUCT_JSON = `json_build_object('sku', sku, 'title', title, 'description', description, 'status', status,
  'kind', kind, 'gtin', gtin, 'category_code', category_code, 'price', price::text, 'cost_price', cost_price::text,
  'currency', currency, 'tax_rate', tax_rate::text, 'weight_kg', weight_kg, 'images', images, 'attributes', attributes,
  'external_ref', external_ref, 'created_at', created_at, 'updated_at', updated_at,
  'listings', (SELECT coalesce(json_agg(json_build_object('marketplace', l.marketplace, 'external_id', l.external_id,
    'price', l.price::text, 'quantity', l.quantity, 'status', l.status,
    'last_synced_at', to_char(l.last_synced_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY l.marketplace), '[]')
  FROM product_listings l WHERE l.account_id = products.account_id AND l.mode = products.mode AND l.sku = products.sku)) AS product`;

/** A product selected as `PRODUCT_JSON`; its times arrive in JSON's form of timestamptz. */
export function productFromJson(row: Row): Product {
  const product = row.product as Product;
  product.created_at = timestamptzText(product.created_at);
  product.updated_at = timestamptzText(product.updated_at);
  return product;
}

export function accountFromRow(row: Row): Account {
  return { id: row.id as string, name: row.name as string, created_at: iso(row.created_at) };
}

export function apiKeyFromRow(row: Row): ApiKeyRecord {
  return {
    id: row.id as string,
    account_id: row.account_id as string,
    mode: row.mode as ApiKeyRecord['mode'],
    prefix: row.prefix as string,
    hash: row.hash as string,
    name: row.name as string,
    scopes: row.scopes as string[],
    plan: row.plan as ApiKeyRecord['plan'],
    rate_limits: (row.rate_limits as ApiKeyRecord['rate_limits']) ?? null,
    batch_limit: Number(row.batch_limit),
    expires_at: isoOrNull(row.expires_at),
    ip_allowlist: row.ip_allowlist as string[],
    revoked_at: isoOrNull(row.revoked_at),
    created_at: iso(row.created_at),
  };
}

export function eventFromRow(row: Row): OutboxEvent {
  const event: OutboxEvent = { id: row.id as string, type: row.type as string, data: row.data, created_at: iso(row.created_at) };
  if (typeof row.request_id === 'string') event.request_id = row.request_id;
  return event;
}

export function jobFromRow(row: Row): JobRecord {
  return {
    id: row.id as string,
    type: row.type as string,
    status: row.status as JobRecord['status'],
    total: Number(row.total),
    request_id: (row.request_id as string | null) ?? null,
    payload: row.payload,
    created_at: iso(row.created_at),
  };
}
