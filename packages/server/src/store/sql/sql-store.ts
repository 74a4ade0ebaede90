import type { Store, StoreOps } from '../port.js';
import type { Migration, SqlClient, SqlExecutor } from './client.js';
import { migrate } from './migrate.js';
import { sqlCustomers } from './customers.js';
import { sqlOrders } from './orders.js';
import { sqlJobs } from './jobs.js';
import { sqlOutbox } from './outbox.js';
import { sqlWebhooks } from './webhooks.js';
import { sqlCategories } from './categories.js';
import { sqlDealers } from './dealers.js';
import { sqlInventory } from './inventory.js';
import { sqlLocks } from './locks.js';
import { sqlAccounts } from './accounts.js';
import { sqlIdempotency } from './idempotency.js';
import { sqlProducts } from './products.js';
import { sqlServerKeys } from './server-keys.js';

function ops(db: SqlExecutor): StoreOps {
  return {
    accounts: sqlAccounts(db),
    idempotency: sqlIdempotency(db),
    products: sqlProducts(db),
    customers: sqlCustomers(db),
    orders: sqlOrders(db),
    categories: sqlCategories(db),
    dealers: sqlDealers(db),
    inventory: sqlInventory(db),
    locks: sqlLocks(db),
    jobs: sqlJobs(db),
    webhooks: sqlWebhooks(db),
    outbox: sqlOutbox(db),
    serverKeys: sqlServerKeys(db),
  };
}

/**
 * The SQL store over PGlite or PostgreSQL (one dialect). Runs the given migrations first.
 *
 * @example
 * const store = await createSqlStore(await createPgliteClient(), { migrations });
 */
export async function createSqlStore(
  client: SqlClient,
  options: { migrations?: Migration[] } = {},
): Promise<Store> {
  if (options.migrations) await migrate(client, options.migrations);
  return {
    ...ops(client),
    transaction: (fn) => client.transaction((tx) => fn(ops(tx))),
    close: () => client.close(),
  };
}
