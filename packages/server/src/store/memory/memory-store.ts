import type { Store, StoreOps } from '../port.js';
import { memoryAccounts } from './accounts.js';
import { memoryCategories } from './categories.js';
import { memoryCustomers } from './customers.js';
import { memoryDealers } from './dealers.js';
import { memoryIdempotency } from './idempotency.js';
import { memoryInventory } from './inventory.js';
import { memoryJobs } from './jobs.js';
import { Journal } from './journal.js';
import { memoryLocks } from './locks.js';
import { memoryOrders } from './orders.js';
import { memoryOutbox } from './outbox.js';
import { memoryProducts } from './products.js';
import { memoryServerKeys } from './server-keys.js';
import { memoryWebhooks } from './webhooks.js';

/**
 * The in-memory store: declared, indexed tables and no Node APIs, so the MSW mock can run it in a
 * browser. Transactions run one at a time and roll back through the journal's undo log.
 *
 * @example
 * const store = createMemoryStore();
 * const app = createApp({ store });
 */
export function createMemoryStore(): Store {
  const journal = new Journal();
  const ports: StoreOps = {
    accounts: memoryAccounts(journal),
    idempotency: memoryIdempotency(journal),
    products: memoryProducts(journal),
    categories: memoryCategories(journal),
    dealers: memoryDealers(journal),
    inventory: memoryInventory(journal),
    customers: memoryCustomers(journal),
    orders: memoryOrders(journal),
    jobs: memoryJobs(journal),
    webhooks: memoryWebhooks(journal),
    outbox: memoryOutbox(journal),
    locks: memoryLocks(),
    serverKeys: memoryServerKeys(),
  };
  return {
    ...alone(ports, journal),
    transaction: (fn) => journal.run(() => fn(ports)),
    serialTransactions: true,
    close: async () => {},
  };
}

/**
 * The ports as called outside `transaction`: each call is a transaction of its own. Inside one,
 * `fn` gets the ports themselves (calling these there would wait for it forever).
 */
function alone(ports: StoreOps, journal: Journal): StoreOps {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, port] of Object.entries(ports)) {
    out[name] = Object.fromEntries(Object.entries(port as object).map(([op, fn]) => [
      op,
      (...args: unknown[]) => journal.run(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]));
  }
  return out as unknown as StoreOps;
}
