import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { accountsSuite } from './accounts.suite.js';
import { categoriesSuite } from './categories.suite.js';
import { dealersSuite } from './dealers.suite.js';
import { customersSuite } from './customers.suite.js';
import type { StoreHarness } from './harness.js';
import { idempotencySuite } from './idempotency.suite.js';
import { inventorySuite } from './inventory.suite.js';
import { jobsSuite } from './jobs.suite.js';
import { outboxSuite } from './outbox.suite.js';
import { ordersSuite } from './orders.suite.js';
import { productsSuite } from './products.suite.js';
import { serverKeysSuite } from './server-keys.suite.js';
import { webhooksSuite } from './webhooks.suite.js';
import { crossAggregateSuite } from './cross-aggregate.suite.js';

/**
 * Every shared store suite on one adapter, on one store opened for the file and emptied before
 * each test: memory and SQL must pass the same tests, so they cannot drift.
 */
export function storeSuites(name: string, open: () => Promise<StoreHarness>): void {
  describe(`store: ${name}`, () => {
    let harness: StoreHarness;
    const store = () => harness.store();
    beforeAll(async () => {
      harness = await open();
    });
    afterAll(async () => harness?.close());
    beforeEach(async () => harness.reset());

    accountsSuite(store);
    idempotencySuite(store);
    productsSuite(store);
    categoriesSuite(store);
    dealersSuite(store);
    inventorySuite(store);
    customersSuite(store);
    ordersSuite(store);
    jobsSuite(store);
    webhooksSuite(store);
    outboxSuite(store);
    crossAggregateSuite(store);
    serverKeysSuite(store);
  });
}
