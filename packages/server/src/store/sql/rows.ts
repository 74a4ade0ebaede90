import type { Account, ApiKeyRecord } from '../accounts.js';
import type { JobRecord } from '../jobs.js';
import type { OutboxEvent } from '../outbox.js';
import type { Listing, ProductRecord } from '../products.js';

/** Conversions between SQL rows and records. Both drivers return timestamptz as Date. */
type Row = Record<string, unknown>;

export const iso = (value: unknown): string => (value as Date).toISOString();
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
/** jsonb goes in as text so both drivers send the same thing; cast with `$n::text::jsonb`. */
export const json = (value: unknown): string => JSON.stringify(value);

export const PRODUCT_COLUMNS = `sku, title, description, status, kind, gtin, category_code,
  price::text AS price, cost_price::text AS cost_price, currency, tax_rate::text AS tax_rate,
  weight_kg, images, attributes, external_ref, created_at, updated_at`;

export function productFromRow(row: Row): ProductRecord {
  return {
    sku: row.sku as string,
    title: row.title as string,
    description: (row.description as string | null) ?? null,
    status: row.status as ProductRecord['status'],
    kind: row.kind as ProductRecord['kind'],
    gtin: (row.gtin as string | null) ?? null,
    category_code: (row.category_code as string | null) ?? null,
    price: row.price as string,
    cost_price: (row.cost_price as string | null) ?? null,
    currency: row.currency as string,
    tax_rate: row.tax_rate as string,
    weight_kg: row.weight_kg == null ? null : Number(row.weight_kg),
    images: row.images as string[],
    attributes: row.attributes as Record<string, string>,
    external_ref: (row.external_ref as string | null) ?? null,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The product's columns in insert order, matching `$3 … $19` after account_id and mode. */
export function productParams(p: ProductRecord): unknown[] {
  return [
    p.sku, p.title, p.description, p.status, p.kind, p.gtin, p.category_code, p.price,
    p.cost_price, p.currency, p.tax_rate, p.weight_kg, json(p.images), json(p.attributes),
    p.external_ref, p.created_at, p.updated_at,
  ];
}

export const LISTING_COLUMNS = `sku, marketplace, external_id, price::text AS price, quantity, status, last_synced_at`;

export function listingFromRow(row: Row): Listing {
  return {
    marketplace: row.marketplace as string,
    external_id: row.external_id as string,
    price: row.price as string,
    quantity: Number(row.quantity),
    status: row.status as string,
    last_synced_at: isoOrNull(row.last_synced_at),
  };
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
