import { PRODUCT_LIST, type InsertResult, type Listing, type Product, type ProductRecord, type ProductsPort } from '../products.js';
import type { Journal } from './journal.js';
import { bucketOf, listSorts, tablePage } from './keyset.js';
import { partKey, Table } from './table.js';

type ListingRow = Listing & { sku: string };

const ALL = Number.POSITIVE_INFINITY;

/**
 * Products and listings in memory: declared tables. Equality filters (status, category, kind)
 * read an index of their own; search, marketplace and `updated_since` are checked row by row as a
 * page fills.
 *
 * @example
 * const products = memoryProducts(journal);
 */
export function memoryProducts(journal: Journal): ProductsPort {
  const products = new Table<ProductRecord>({
    keys: ['sku'],
    unique: { external_ref: (r) => r.external_ref },
    sorts: listSorts(PRODUCT_LIST),
    buckets: { status: (r) => r.status, category_code: (r) => r.category_code, kind: (r) => r.kind },
  }, journal);
  const listings = new Table<ListingRow>({ keys: ['sku', 'marketplace'], sorts: { marketplace: (l) => l.marketplace }, buckets: { sku: (l) => l.sku } }, journal);

  const withListings = (part: string, row: ProductRecord): Product => ({
    ...row,
    listings: listings.page(part, { sort: 'marketplace', order: 'asc', limit: ALL, bucket: ['sku', row.sku] }).items
      .map(({ sku: _sku, ...listing }) => listing),
  });
  const insert = (part: string, product: ProductRecord): InsertResult => {
    const clash = products.insert(part, product);
    return clash === null ? 'created' : clash === 'key' ? 'duplicate_sku' : 'duplicate_external_ref';
  };

  return {
    insert: async (p, product) => insert(partKey(p), product),
    async insertMany(p, rows) {
      const inserted = new Set<string>();
      for (const row of rows) if (insert(partKey(p), row) === 'created') inserted.add(row.sku);
      return inserted;
    },
    async get(p, sku) {
      const row = products.get(partKey(p), sku);
      return row ? withListings(partKey(p), row) : null;
    },
    async getMany(p, skus) {
      const found = new Map<string, Product>();
      for (const sku of skus) {
        const row = products.get(partKey(p), sku);
        if (row) found.set(sku, withListings(partKey(p), row));
      }
      return found;
    },
    findSkuByExternalRef: async (p, externalRef) => products.find(partKey(p), 'external_ref', externalRef)?.sku ?? null,
    async update(p, product) {
      const part = partKey(p);
      if (!products.get(part, product.sku)) return false;
      // SQL's unique index would refuse it; callers check first, under a lock.
      if (products.clash(part, product, false)) throw new Error(`external_ref ${product.external_ref} is taken`);
      products.write(part, product);
      return true;
    },
    async list(p, query) {
      const part = partKey(p);
      const f = query.filters;
      const needle = f.search?.toLowerCase();
      const equal = [['status', f.status], ['category_code', f.category_code], ['kind', f.kind]] as const;
      const bucket = bucketOf(equal);
      // With at most one equality filter and nothing else, the bucket's index is the answer.
      const checked = Boolean(f.updated_since || f.marketplace || needle) || equal.filter(([, v]) => v !== undefined).length > 1;
      const page = tablePage(products, part, PRODUCT_LIST, query, {
        ...(bucket ? { bucket } : {}),
        ...(checked ? { where: (row: ProductRecord) =>
          (!f.status || row.status === f.status) &&
          (!f.kind || row.kind === f.kind) &&
          (!f.category_code || row.category_code === f.category_code) &&
          (!f.updated_since || row.updated_at >= f.updated_since) &&
          (!f.marketplace || listings.get(part, listings.key([row.sku, f.marketplace])) !== undefined) &&
          (!needle || [row.title, row.sku, row.gtin ?? ''].some((v) => v.toLowerCase().includes(needle))) } : {}),
      });
      return { ...page, items: page.items.map((row) => withListings(part, row)) };
    },
    async putListing(p, sku, listing) {
      listings.write(partKey(p), { ...listing, sku });
    },
  };
}
