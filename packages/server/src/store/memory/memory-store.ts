import type { InsertResult, Store, StoreOps } from '../port.js';
import type {
  Account,
  ApiKeyRecord,
  IdempotencyClaim,
  JobRecord,
  Listing,
  OutboxEvent,
  Partition,
  Product,
  ProductRecord,
  StoredResponse,
} from '../types.js';
import { PRODUCT_LIST } from '../types.js';
import { keysetPage } from './keyset.js';
import { Mutex } from './mutex.js';
import { commerceMemoryOps, createCommerceMemoryState } from './commerce.js';
import { asyncMemoryOps, createAsyncMemoryState } from './async.js';
import { catalogMemoryOps, createCatalogMemoryState } from './catalog.js';

interface IdempotencyRow {
  fingerprint: string;
  response: StoredResponse | null;
  expiresAt: string;
  lockedUntil: string;
}

type Undo = () => void;

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
  const accounts = new Map<string, Account>();
  const keys = new Map<string, ApiKeyRecord>();
  const idempotency = new Map<string, IdempotencyRow>();
  const products = new Map<string, ProductRecord>();
  const listings = new Map<string, Map<string, Listing>>();
  const events = new Map<string, OutboxEvent[]>();
  const jobs = new Map<string, JobRecord>();
  const mutex = new Mutex();
  const commerce = createCommerceMemoryState();
  const asyncState = createAsyncMemoryState(jobs, events);
  const catalog = createCatalogMemoryState();

  function ops(log: Undo[]): StoreOps {
    const set = <K, V>(map: Map<K, V>, key: K, value: V) => {
      const had = map.has(key);
      const previous = map.get(key);
      map.set(key, value);
      log.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
    };
    const remove = <K, V>(map: Map<K, V>, key: K) => {
      if (!map.has(key)) return;
      const previous = map.get(key) as V;
      map.delete(key);
      log.push(() => map.set(key, previous));
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
      async createAccount(account) {
        set(accounts, account.id, copy(account));
      },
      async getAccount(id) {
        const account = accounts.get(id);
        return account ? copy(account) : null;
      },
      async listAccounts() {
        return [...accounts.values()].map(copy).sort((a, b) => a.created_at.localeCompare(b.created_at));
      },
      async createApiKey(key) {
        set(keys, key.id, copy(key));
      },
      async findApiKeyByPrefix(prefix) {
        const key = [...keys.values()].find((k) => k.prefix === prefix);
        return key ? copy(key) : null;
      },
      async listApiKeys(accountId) {
        return [...keys.values()].filter((k) => k.account_id === accountId).map(copy);
      },
      async revokeApiKey(idOrPrefix, at) {
        const key = [...keys.values()].find((k) => k.id === idOrPrefix || k.prefix === idOrPrefix);
        if (!key || key.revoked_at) return false;
        set(keys, key.id, { ...key, revoked_at: at });
        return true;
      },

      async claimIdempotencyKey(p, input): Promise<IdempotencyClaim> {
        const id = `${part(p)}|${input.key}`;
        const row = idempotency.get(id);
        const fresh = { fingerprint: input.fingerprint, response: null, expiresAt: input.expiresAt, lockedUntil: input.lockedUntil };
        if (!row || row.expiresAt <= input.now) {
          set(idempotency, id, fresh);
          return { outcome: 'claimed' };
        }
        if (row.fingerprint !== input.fingerprint) return { outcome: 'conflict' };
        if (row.response) return { outcome: 'replay', response: copy(row.response) };
        if (row.lockedUntil > input.now) return { outcome: 'in_progress' };
        set(idempotency, id, { ...fresh, expiresAt: row.expiresAt });
        return { outcome: 'claimed' };
      },
      async completeIdempotencyKey(p, key, response) {
        const id = `${part(p)}|${key}`;
        const row = idempotency.get(id);
        if (row) set(idempotency, id, { ...row, response: copy(response) });
      },
      async releaseIdempotencyKey(p, key) {
        remove(idempotency, `${part(p)}|${key}`);
      },

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

  async function transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
    return mutex.run(async () => {
      const log: Undo[] = [];
      try {
        return await fn(ops(log));
      } catch (error) {
        for (const undo of log.reverse()) undo();
        throw error;
      }
    });
  }

  // Each call outside a transaction is a transaction of its own.
  const single = ops([]);
  const store = { transaction, close: async () => {} } as Store;
  for (const name of Object.keys(single) as (keyof StoreOps)[]) {
    (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      transaction((tx) => (tx[name] as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return store;
}
