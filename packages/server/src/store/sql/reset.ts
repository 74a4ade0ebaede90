import type { SqlExecutor } from './client.js';

/**
 * Empties every table but `schema_migrations`: tests share one database per file and start
 * each test from nothing, which is much cheaper than booting PGlite again.
 */
export async function truncateAll(db: SqlExecutor): Promise<void> {
  await db.exec(`TRUNCATE accounts, api_keys, idempotency_keys, products, product_listings,
    outbox_events, jobs, customers, wallets, wallet_transactions, orders, order_counters,
    webhook_endpoints, webhook_deliveries, categories, dealers, inventory_levels, license_keys
    RESTART IDENTITY CASCADE`);
}
