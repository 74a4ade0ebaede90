import type { Store, StoreOps } from '../port.js';
import type { Migration, SqlClient, SqlExecutor } from './client.js';
import { migrate } from './migrate.js';
import { sqlCustomers } from './customers.js';
import { sqlOrders } from './orders.js';
import { sqlJobs } from './jobs.js';
import { sqlOutbox } from './outbox.js';
import { sqlWebhooks } from './webhooks.js';
import { sealedWebhooks } from './sealed-webhooks.js';
import { resealWebhookSecrets } from './reseal-secrets.js';
import { createSecretKeyring, type SecretKeyring } from '../../secrets/keyring.js';
import { sqlCategories } from './categories.js';
import { sqlDealers } from './dealers.js';
import { sqlInventory } from './inventory.js';
import { sqlLocks } from './locks.js';
import { sqlAccounts } from './accounts.js';
import { sqlIdempotency } from './idempotency.js';
import { sqlProducts } from './products.js';
import { sqlServerKeys } from './server-keys.js';

function ops(db: SqlExecutor, secrets: SecretKeyring): StoreOps {
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
    webhooks: sealedWebhooks(sqlWebhooks(db), secrets),
    outbox: sqlOutbox(db),
    serverKeys: sqlServerKeys(db),
  };
}

export interface SqlStoreOptions {
  /** Applied first, in order; those already recorded are skipped. */
  migrations?: Migration[];
  /**
   * The keys webhook signing secrets are sealed with at rest (AES-GCM; the first seals, any opens).
   * On open, secrets that are plain or sealed with another key are sealed with the first.
   * Without it the store seals with a random key of its own, which dies with it: that suits a
   * fresh test database only, so a database that already holds secrets is refused.
   */
  secrets?: SecretKeyring;
}

/**
 * The SQL store over PGlite or PostgreSQL (one dialect). Runs the given migrations first, then
 * seals what is left of webhook secrets with the first key of `secrets`.
 *
 * @example
 * const store = await createSqlStore(await createPgliteClient(), { migrations, secrets: await createSecretKeyring([key]) });
 */
export async function createSqlStore(client: SqlClient, options: SqlStoreOptions = {}): Promise<Store> {
  if (options.migrations) await migrate(client, options.migrations);
  const ring = await keyringOf(client, options.secrets);
  return {
    ...ops(client, ring),
    transaction: (fn) => client.transaction((tx) => fn(ops(tx, ring))),
    serialTransactions: client.serialTransactions === true,
    close: () => client.close(),
  };
}

async function keyringOf(client: SqlClient, given: SecretKeyring | undefined): Promise<SecretKeyring> {
  if (given) {
    await client.transaction((tx) => resealWebhookSecrets(tx, given));
    return given;
  }
  const [held] = await client.query('SELECT 1 FROM webhook_endpoints LIMIT 1');
  if (held) throw new Error('This database holds webhook signing secrets: pass the keys they are sealed with as `secrets`.');
  return createSecretKeyring([crypto.getRandomValues(new Uint8Array(32))]);
}
