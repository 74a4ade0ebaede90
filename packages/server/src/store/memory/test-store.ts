import type { StoreHarness } from '../store-suite.js';
import { createMemoryStore } from './memory-store.js';

/** A memory store for the shared store suites; `reset` starts a new one. For test files only. */
export async function memoryHarness(): Promise<StoreHarness> {
  let store = createMemoryStore();
  return {
    store: () => store,
    reset: async () => {
      store = createMemoryStore();
    },
    close: async () => {},
  };
}
