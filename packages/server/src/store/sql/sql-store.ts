import type { Store, StoreOps } from '../port.js';
import type { Partition } from '../types.js';
import type { Migration, SqlClient, SqlExecutor } from './client.js';
import { migrate } from './migrate.js';
import { sqlCustomers } from './customers.js';
import { sqlOrders } from './orders.js';
import { asyncSqlOps } from './async.js';
import { sqlCategories } from './categories.js';
import { sqlDealers } from './dealers.js';
import { sqlInventory } from './inventory.js';
import { sqlLocks } from './locks.js';
import { sqlAccounts } from './accounts.js';
import { sqlIdempotency } from './idempotency.js';
import { sqlProducts } from './products.js';
import { eventFromRow, jobFromRow, json } from './rows.js';

function ops(db: SqlExecutor): StoreOps {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    ...asyncSqlOps(db),
    accounts: sqlAccounts(db),
    idempotency: sqlIdempotency(db),
    products: sqlProducts(db),
    customers: sqlCustomers(db),
    orders: sqlOrders(db),
    categories: sqlCategories(db),
    dealers: sqlDealers(db),
    inventory: sqlInventory(db),
    locks: sqlLocks(db),

    async appendEvent(p, e) {
      await db.query(
        `INSERT INTO outbox_events (id, account_id, mode, type, data, created_at, request_id)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::timestamptz, $7)`,
        [e.id, ...pk(p), e.type, json(e.data), e.created_at, e.request_id ?? null],
      );
    },
    async appendEvents(p, events) {
      if (events.length === 0) return;
      const params: unknown[] = pk(p);
      // Rows take their seq in VALUES order, which keeps the outbox in the order given.
      const tuples = events.map((e) => {
        const n = params.push(e.id, e.type, json(e.data), e.created_at, e.request_id ?? null);
        return `($${n - 4}, $1, $2, $${n - 3}, $${n - 2}::text::jsonb, $${n - 1}::timestamptz, $${n})`;
      });
      await db.query(`INSERT INTO outbox_events (id, account_id, mode, type, data, created_at, request_id) VALUES ${tuples.join(', ')}`, params);
    },
    async listEvents(p) {
      const rows = await db.query('SELECT * FROM outbox_events WHERE account_id = $1 AND mode = $2 ORDER BY seq', pk(p));
      return rows.map(eventFromRow);
    },
    async createJob(p, j) {
      await db.query(
        `INSERT INTO jobs (account_id, mode, id, type, status, total, request_id, payload, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::timestamptz)`,
        [...pk(p), j.id, j.type, j.status, j.total, j.request_id, json(j.payload), j.created_at],
      );
    },
    async getJob(p, id) {
      const [row] = await db.query('SELECT * FROM jobs WHERE account_id = $1 AND mode = $2 AND id = $3', [...pk(p), id]);
      return row ? jobFromRow(row) : null;
    },
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
