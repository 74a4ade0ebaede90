import { catalogSuite } from './catalog.suite.js';
import { commerceSuite } from './commerce.suite.js';
import type { StoreHarness } from './harness.js';
import { storeSuite } from './store.suite.js';

/** Every shared store suite, on one adapter. */
export function storeSuites(name: string, open: () => Promise<StoreHarness>): void {
  storeSuite(name, open);
  catalogSuite(name, open);
  commerceSuite(name, open);
}
