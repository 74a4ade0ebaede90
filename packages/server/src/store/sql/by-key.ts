import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';

/** Where a record kind lives: its table, the columns a read selects, the column that names a row. */
export interface KeyedTable {
  table: string;
  columns: string;
  key: string;
}

/**
 * One row of a partition by its key, as the table's `columns` select it; `forUpdate` locks it until
 * the transaction ends.
 *
 * @example
 * const row = await rowByKey(db, { table: 'orders', columns: ORDER_COLUMNS, key: 'id' }, p, id);
 */
export async function rowByKey(db: SqlExecutor, at: KeyedTable, p: Partition, value: string, forUpdate = false) {
  const [row] = await db.query(
    `SELECT ${at.columns} FROM ${at.table} WHERE account_id = $1 AND mode = $2 AND ${at.key} = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [p.accountId, p.mode, value],
  );
  return row;
}

/** The key of the row in a partition that holds `externalRef`, or null. */
export async function keyOfExternalRef(db: SqlExecutor, at: Omit<KeyedTable, 'columns'>, p: Partition, externalRef: string): Promise<string | null> {
  const [row] = await db.query<{ key: string }>(
    `SELECT ${at.key} AS key FROM ${at.table} WHERE account_id = $1 AND mode = $2 AND external_ref = $3`,
    [p.accountId, p.mode, externalRef],
  );
  return row?.key ?? null;
}
