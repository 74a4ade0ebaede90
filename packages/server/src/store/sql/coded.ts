import type { CodedPort } from '../coded.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { keyOfExternalRef, rowByKey } from './by-key.js';

/** How a coded record kind is stored: its table, its code column, and its other columns in order. */
export interface CodedTable<R> {
  table: string;
  code: keyof R & string;
  /** Every column after the code, each with the cast its parameter needs; `created_at` never changes. */
  columns: readonly (readonly [name: string, cast: string])[];
  /** The code, then the columns' values, in that order. */
  params(record: R): unknown[];
  fromRow(row: Record<string, unknown>): R;
}

/**
 * The plain writes of a coded record kind in SQL: what categories and dealers share. Inserts use
 * `ON CONFLICT DO NOTHING`, which covers both the key and the external_ref index without
 * aborting the surrounding transaction.
 *
 * @example
 * const writes = codedWrites(db, CATEGORY_TABLE);
 */
export function codedWrites<R>(db: SqlExecutor, spec: CodedTable<R>): Omit<CodedPort<R, never>, 'list'> {
  const pk = (p: Partition) => [p.accountId, p.mode];
  const { table, code } = spec;
  const names = spec.columns.map(([name]) => name);
  const select = [code, ...names].join(', ');
  // $1, $2: the partition; $3: the code; then the columns.
  const values = spec.columns.map(([, cast], i) => `$${i + 4}${cast}`);
  // An update leaves created_at out, parameter and all (PostgreSQL refuses a parameter it cannot type).
  const kept = spec.columns.filter(([name]) => name !== 'created_at');
  const changed = kept.map(([name, cast], i) => `${name} = $${i + 4}${cast}`);
  const updateParams = (record: R) => {
    const [key, ...rest] = spec.params(record);
    return [key, ...rest.filter((_, i) => spec.columns[i]![0] !== 'created_at')];
  };
  return {
    async insert(p, record) {
      const rows = await db.query(
        `INSERT INTO ${table} (account_id, mode, ${select}) VALUES ($1, $2, $3, ${values.join(', ')}) ON CONFLICT DO NOTHING RETURNING ${code}`,
        [...pk(p), ...spec.params(record)],
      );
      if (rows.length > 0) return 'created';
      const [taken] = await db.query(`SELECT 1 FROM ${table} WHERE account_id = $1 AND mode = $2 AND ${code} = $3`, [...pk(p), spec.params(record)[0]]);
      return taken ? 'duplicate_code' : 'duplicate_external_ref';
    },
    async get(p, key, options) {
      const row = await rowByKey(db, { table, columns: select, key: code }, p, key, options?.forUpdate);
      return row ? spec.fromRow(row) : null;
    },
    findCodeByExternalRef: (p, ref) => keyOfExternalRef(db, { table, key: code }, p, ref),
    async update(p, record) {
      const rows = await db.query(
        `UPDATE ${table} SET ${changed.join(', ')} WHERE account_id = $1 AND mode = $2 AND ${code} = $3 RETURNING ${code}`,
        [...pk(p), ...updateParams(record)],
      );
      return rows.length > 0;
    },
  };
}
