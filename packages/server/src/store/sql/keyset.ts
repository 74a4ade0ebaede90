import type { ListQuery, ListSpec, Page, SortKind } from '../list.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';

type Row = Record<string, unknown>;

const CASTS: Record<SortKind, string> = { text: '', timestamp: '::timestamptz', integer: '::integer', bigint: '::bigint' };

/** The conditions of a list query, built up with numbered parameters. */
export interface Conditions {
  where: string[];
  params: unknown[];
  /** Adds a parameter and returns its placeholder (`$3`). */
  add(value: unknown): string;
}

/**
 * Conditions starting with the partition (`account_id = $1 AND mode = $2`), which every
 * partner-visible table has.
 *
 * @example
 * const c = inPartition(p);
 * if (filters.status) c.where.push(`status = ${c.add(filters.status)}`);
 */
export function inPartition(p: Partition): Conditions {
  const params: unknown[] = [p.accountId, p.mode];
  return { where: ['account_id = $1', 'mode = $2'], params, add: (value) => `$${params.push(value)}` };
}

/** `%text%` for ILIKE, with the pattern characters of `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One keyset page of any list: `WHERE (sort, key…) > ($v, $k…) ORDER BY sort, key… LIMIT n + 1`,
 * with the column, cast and keys read from the list's spec, so the `(account_id, mode, sort, key…)`
 * indexes answer it as a range scan whatever the page's depth.
 *
 * @example
 * return keysetPage(db, PRODUCT_LIST, query, { table: 'products', columns: PRODUCT_JSON, conditions, fromRow: productFromJson });
 */
export async function keysetPage<R, S extends string>(
  db: SqlExecutor,
  list: ListSpec<R, S>,
  query: ListQuery<unknown, S>,
  source: { table: string; columns: string; conditions: Conditions; fromRow: (row: Row) => R },
): Promise<Page<R>> {
  const { column, kind } = list.sorts[query.sort];
  const { table, columns, conditions, fromRow } = source;
  // The count reuses the filters and exactly their parameters, without the position.
  const filters = [...conditions.where];
  const filterParams = [...conditions.params];
  const where = [...conditions.where];
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const ordered = [column, ...list.keys];
  if (query.after) {
    const values = [`${conditions.add(query.after.value)}${CASTS[kind]}`, ...query.after.keys.map((key) => conditions.add(key))];
    where.push(`(${ordered.join(', ')}) ${query.order === 'asc' ? '>' : '<'} (${values.join(', ')})`);
  }
  const rows = await db.query(
    `SELECT ${columns} FROM ${table} WHERE ${where.join(' AND ')}
     ORDER BY ${ordered.map((c) => `${c} ${direction}`).join(', ')} LIMIT ${conditions.add(query.limit + 1)}`,
    conditions.params,
  );
  const page: Page<R> = { items: rows.slice(0, query.limit).map(fromRow), hasMore: rows.length > query.limit };
  if (query.includeTotal) {
    const [count] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table} WHERE ${filters.join(' AND ')}`, filterParams);
    page.total = Number(count?.n ?? 0);
  }
  return page;
}
