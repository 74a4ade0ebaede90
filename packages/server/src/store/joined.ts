import type { Store, StoreOps } from './port.js';

/**
 * A store whose every call, `transaction` included, runs in `tx`, a transaction already open:
 * what a request's handler gets when the whole request is one transaction (its idempotency
 * record, its change, its events and its stored answer commit together, or none of them does).
 *
 * @example
 * await store.transaction(async (tx) => handler(joinedStore(store, tx)));
 */
export function joinedStore(base: Store, tx: StoreOps): Store {
  return { ...tx, transaction: (fn) => fn(tx), close: () => base.close() };
}
