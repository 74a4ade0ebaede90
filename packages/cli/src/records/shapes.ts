import type { NexusClient } from '@nexuscommerce/sdk';

/** The resources `nexus ingest` feeds, each through its `…/batch` endpoint. */
export const RESOURCES = ['products', 'categories', 'dealers', 'inventory', 'orders'] as const;
export type Resource = (typeof RESOURCES)[number];

/** A record of `resource` as its batch endpoint takes it, from the SDK's types (so, from the spec). */
export type IngestItem<R extends Resource> = Parameters<NexusClient[R]['ingest']>[0] extends Iterable<infer I> | AsyncIterable<infer I> ? I : never;

/**
 * How a CSV cell becomes JSON: a string stays a string (money, GTINs and codes keep their
 * leading zeros and decimals), a number or boolean is read as one, a map (`attributes`) takes any
 * key, an object lists its fields, and `[shape]` is an array of that shape.
 */
export type Shape = 'string' | 'number' | 'boolean' | 'map' | Fields | readonly [Shape];
export interface Fields {
  readonly [field: string]: Shape;
}

type ShapeOf<V> = V extends readonly (infer E)[]
  ? readonly [ShapeOf<E>]
  : V extends string
    ? 'string'
    : V extends number
      ? 'number'
      : V extends boolean
        ? 'boolean'
        : V extends object
          ? string extends keyof V
            ? 'map'
            : FieldsOf<V>
          : never;

/** Every field of `T`, optional or not, with the shape its type calls for. */
export type FieldsOf<T> = { readonly [K in keyof T]-?: ShapeOf<NonNullable<T[K]>> };

/**
 * The fields of each resource's records. `satisfies` makes this table follow the SDK's generated
 * types: a field the spec adds, drops or retypes is a compile error here, not a silently
 * mis-typed CSV column.
 */
export const SHAPES = {
  products: {
    sku: 'string',
    title: 'string',
    description: 'string',
    status: 'string',
    kind: 'string',
    gtin: 'string',
    category_code: 'string',
    price: 'string',
    cost_price: 'string',
    currency: 'string',
    tax_rate: 'string',
    weight_kg: 'number',
    images: ['string'],
    attributes: 'map',
    external_ref: 'string',
  },
  categories: {
    category_code: 'string',
    name: 'string',
    parent_code: 'string',
    description: 'string',
    status: 'string',
    external_ref: 'string',
  },
  dealers: {
    code: 'string',
    name: 'string',
    email: 'string',
    phone: 'string',
    address: { line1: 'string', line2: 'string', city: 'string', state: 'string', postal_code: 'string', country: 'string' },
    status: 'string',
    external_ref: 'string',
  },
  inventory: {
    sku: 'string',
    location_code: 'string',
    on_hand: 'number',
    low_stock_threshold: 'number',
  },
  orders: {
    items: [{ sku: 'string', quantity: 'number', unit_price: 'string' }],
    status: 'string',
    placed_at: 'string',
    cancel_reason: 'string',
    external_ref: 'string',
    customer_id: 'string',
    location_code: 'string',
    marketplace: 'string',
    payment_method: 'string',
  },
} as const satisfies { [R in Resource]: FieldsOf<IngestItem<R>> };
