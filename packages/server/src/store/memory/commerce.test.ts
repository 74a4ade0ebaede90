import { commerceSuite } from '../commerce-suite.js';
import { createMemoryStore } from './memory-store.js';

commerceSuite('memory', async () => {
  let store = createMemoryStore();
  return {
    store: () => store,
    reset: async () => {
      store = createMemoryStore();
    },
    close: async () => {},
  };
});
