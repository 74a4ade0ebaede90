import type { InsertResult, Store, StoreOps } from '../port.js';
import type {
  JobRecord,
  Listing,
  OutboxEvent,
  Partition,
  Product,
  ProductRecord,
} from '../types.js';
import { PRODUCT_LIST } from '../types.js';
import { keysetPage } from './keyset.js';
import { memoryAccounts } from './accounts.js';
import { memoryIdempotency } from './idempotency.js';
import { Journal } from './journal.js';
import { commerceMemoryOps, createCommerceMemoryState } from './commerce.js';
import { asyncMemoryOps, createAsyncMemoryState } from './async.js';
import { catalogMemoryOps, createCatalogMemoryState } from './catalog.js';

const part = (p: Partition) => `${p.accountId}|${p.mode}`;
// Copies in and out, so callers can never change stored state by mutating what they hold.
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The in-memory store: plain Maps, no Node APIs, so the MSW mock can run it in a browser.
 * Transactions run one at a time and roll back through an undo log.
 *
 * @example
 * const store = createMemoryStore();
 * const app = createApp({ store });
 */
export function createMemoryStore(): Store {
  const products = new Map<string, ProductRecord>();
  const listings = new Map<string, Map<string, Listing>>();
  const events = new Map<string, OutboxEvent[]>();
  const jobs = new Map<string, JobRecord>();
  const journal = new Journal();
  const commerce = createCommerceMemoryState();
  const asyncState = createAsyncMemoryState(jobs, events);
  const catalog = createCatalogMemoryState();

  function ops(): StoreOps {
    const set = <K, V>(map: Map<K, V>, key: K, value: V) => {
      const had = map.has(key);
      const previous = map.get(key);
      map.set(key, value);
      journal.record(() => (had ? map.set(key, previous as V) : map.delete(key)));
    };
    const productRows = (p: Partition) =>
      [...products.entries()].filter(([k]) => k.startsWith(`${part(p)}|`)).map(([, v]) => v);
    const insertProduct = async (p: Partition, product: ProductRecord): Promise<InsertResult> => {
      const id = `${part(p)}|${product.sku}`;
      if (products.has(id)) return 'duplicate_sku';
      if (product.external_ref && productRows(p).some((r) => r.external_ref === product.external_ref)) {
        return 'duplicate_external_ref';
      }
      set(products, id, copy(product));
      return 'created';
    };
    const withListings = (p: Partition) => (row: ProductRecord): Product => ({
      ...copy(row),
      listings: [...(listings.get(`${part(p)}|${row.sku}`)?.values() ?? [])].map(copy),
    });

    return {
      ...commerceMemoryOps(commerce, set),
      ...asyncMemoryOps(asyncState, set),
      ...catalogMemoryOps(catalog, { set, part }),
      accounts: memoryAccounts(journal),
      idempotency: memoryIdempotency(journal),

      insertProduct,
      async insertProducts(p, rows) {
        const inserted = new Set<string>();
        for (const row of rows) if ((await insertProduct(p, row)) === 'created') inserted.add(row.sku);
        return inserted;
      },
      async getProduct(p, sku) {
        const row = products.get(`${part(p)}|${sku}`);
        return row ? withListings(p)(row) : null;
      },
      async getProducts(p, skus) {
        const found = new Map<string, Product>();
        for (const sku of skus) {
          const row = products.get(`${part(p)}|${sku}`);
          if (row) found.set(sku, withListings(p)(row));
        }
        return found;
      },
      async findProductSkuByExternalRef(p, externalRef) {
        return productRows(p).find((r) => r.external_ref === externalRef)?.sku ?? null;
      },
      async updateProduct(p, product) {
        const id = `${part(p)}|${product.sku}`;
        if (!products.has(id)) return false;
        set(products, id, copy(product));
        return true;
      },
      async listProducts(p, query) {
        const f = query.filters;
        const needle = f.search?.toLowerCase();
        const matches = (row: ProductRecord) =>
          (!f.status || row.status === f.status) &&
          (!f.kind || row.kind === f.kind) &&
          (!f.category_code || row.category_code === f.category_code) &&
          (!f.updated_since || row.updated_at >= f.updated_since) &&
          (!f.marketplace || Boolean(listings.get(`${part(p)}|${row.sku}`)?.has(f.marketplace))) &&
          (!needle || [row.title, row.sku, row.gtin ?? ''].some((v) => v.toLowerCase().includes(needle)));
        const page = keysetPage(productRows(p), PRODUCT_LIST, query, matches);
        return { ...page, items: page.items.map(withListings(p)) };
      },
      async putListing(p, sku, listing) {
        const id = `${part(p)}|${sku}`;
        const next = new Map(listings.get(id));
        next.set(listing.marketplace, copy(listing));
        set(listings, id, next);
      },

      async appendEvent(p, event) {
        set(events, part(p), [...(events.get(part(p)) ?? []), copy(event)]);
      },
      async appendEvents(p, added) {
        if (added.length > 0) set(events, part(p), [...(events.get(part(p)) ?? []), ...added.map(copy)]);
      },
      async listEvents(p) {
        return (events.get(part(p)) ?? []).map(copy);
      },
      async createJob(p, job) {
        set(jobs, `${part(p)}|${job.id}`, copy(job));
      },
      async getJob(p, id) {
        const job = jobs.get(`${part(p)}|${id}`);
        return job ? copy(job) : null;
      },
    };
  }

  const inner = ops();
  const transaction = <T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> => journal.run(() => fn(inner));
  return { ...alone(inner, journal), transaction, close: async () => {} } as Store;
}

/**
 * The store's operations called outside `transaction`: each runs as a transaction of its own.
 * Inside one, `fn` gets the operations themselves (calling these there would wait forever).
 */
function alone(inner: StoreOps, journal: Journal): StoreOps {
  const wrap = <T extends object>(ops: T): T => {
    const out: Record<string, unknown> = {};
    for (const [name, op] of Object.entries(ops)) {
      out[name] = typeof op === 'function'
        ? (...args: unknown[]) => journal.run(() => (op as (...a: unknown[]) => Promise<unknown>)(...args))
        : wrap(op as object);
    }
    return out as T;
  };
  return wrap(inner);
}
