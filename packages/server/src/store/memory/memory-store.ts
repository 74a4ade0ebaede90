import type { Store, StoreOps } from '../port.js';
import type { JobRecord, OutboxEvent, Partition } from '../types.js';
import { memoryAccounts } from './accounts.js';
import { memoryIdempotency } from './idempotency.js';
import { memoryProducts } from './products.js';
import { Journal } from './journal.js';
import { memoryCustomers } from './customers.js';
import { memoryOrders } from './orders.js';
import { asyncMemoryOps, createAsyncMemoryState } from './async.js';
import { memoryCategories } from './categories.js';
import { memoryDealers } from './dealers.js';
import { memoryInventory } from './inventory.js';
import { memoryLocks } from './locks.js';

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
  const events = new Map<string, OutboxEvent[]>();
  const jobs = new Map<string, JobRecord>();
  const journal = new Journal();
  const asyncState = createAsyncMemoryState(jobs, events);

  function ops(): StoreOps {
    const set = <K, V>(map: Map<K, V>, key: K, value: V) => {
      const had = map.has(key);
      const previous = map.get(key);
      map.set(key, value);
      journal.record(() => (had ? map.set(key, previous as V) : map.delete(key)));
    };
    return {
      ...asyncMemoryOps(asyncState, set),
      accounts: memoryAccounts(journal),
      idempotency: memoryIdempotency(journal),
      products: memoryProducts(journal),
      customers: memoryCustomers(journal),
      orders: memoryOrders(journal),
      categories: memoryCategories(journal),
      dealers: memoryDealers(journal),
      inventory: memoryInventory(journal),
      locks: memoryLocks(),

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
