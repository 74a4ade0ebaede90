import { storeSuite } from '../store-suite.js';
import { createMemoryStore } from './memory-store.js';

storeSuite('memory', async () => {
  let store = createMemoryStore();
  return {
    store: () => store,
    reset: async () => {
      store = createMemoryStore();
    },
    close: async () => {},
  };
});
