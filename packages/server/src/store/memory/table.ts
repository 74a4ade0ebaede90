import { frozen } from './frozen.js';
export { partitionKey as partKey } from '../partition.js';
import type { Journal } from './journal.js';
import { bound, insertEntry, removeEntry, sortEntries, type IndexEntry, type SortValue } from './sorted.js';

/** What a table holds and which indexes it keeps; the memory adapters declare one per record kind. */
export interface TableSpec<R> {
  /** The fields that name a row within its partition (the lists' tie-breakers, in order). */
  keys: readonly (keyof R & string)[];
  /** Values unique within a partition besides the key (`null`: the row claims none). */
  unique?: Record<string, (row: R) => string | null>;
  /** Orders rows can be read in, by name. */
  sorts: Record<string, (row: R) => SortValue>;
  /** Equality filters with an index of their own (`null`: the row is in no bucket of that name). */
  buckets?: Record<string, (row: R) => string | null>;
  /** Indexes across every partition, of the rows `when` selects, in `sort`'s order (queues, retention). */
  queues?: Record<string, { when: (row: R) => boolean; sort: string }>;
}

export interface PageOptions<R> {
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  /** Rows strictly after this sort value and key, in `order`. */
  after?: { value: SortValue; key: string };
  /** Only the rows of one bucket: its name and value. */
  bucket?: readonly [name: string, value: string];
  /** Rows the indexes cannot select (search, ranges): checked row by row as the page fills. */
  where?: (row: R) => boolean;
  total?: boolean;
}

export interface Located<R> {
  part: string;
  row: R;
}

interface QueueEntry extends IndexEntry {
  part: string;
  key: string;
}

// Joins a partition and a value in map keys; partitions are ids and modes and never contain it.
const SEP = '\u0001';
// Joins key fields; U+0000 is refused at the edge, and it sorts first, so joined keys compare as tuples.
const KEY_SEP = '\u0000';
const NONE: IndexEntry[] = [];

/**
 * A declared table of the memory store: per partition, rows by key, with unique indexes, and
 * sorted indexes per sort (and per bucket) built on first use and kept up to date by every write.
 * A page is a binary search and `limit` steps; a write touches only its own row's entries. Rows
 * are stored frozen and handed out as they are. Every write records its undo in the journal, so
 * a failed transaction puts rows and indexes back.
 *
 * @example
 * const products = new Table<ProductRecord>({ keys: ['sku'], unique: { external_ref: (r) => r.external_ref }, sorts }, journal);
 * products.insert(part, row); // null, or the name of the unique value that is taken
 */
export class Table<R extends object> {
  readonly #spec: TableSpec<R>;
  readonly #journal: Journal;
  readonly #parts = new Map<string, Map<string, R>>();
  readonly #unique = new Map<string, Map<string, string>>();
  readonly #indexes = new Map<string, Map<string, IndexEntry[]>>();
  readonly #queues = new Map<string, QueueEntry[]>();

  constructor(spec: TableSpec<R>, journal: Journal) {
    this.#spec = spec;
    this.#journal = journal;
    for (const name of Object.keys(spec.unique ?? {})) this.#unique.set(name, new Map());
    for (const name of Object.keys(spec.queues ?? {})) this.#queues.set(name, []);
  }

  /** The key of a row, or of its key fields' values. */
  key(row: R | readonly string[]): string {
    return Array.isArray(row) ? row.join(KEY_SEP) : this.#spec.keys.map((field) => String((row as R)[field])).join(KEY_SEP);
  }

  get(part: string, key: string): R | undefined {
    return this.#parts.get(part)?.get(key);
  }

  /** The row holding a unique value. */
  find(part: string, unique: string, value: string): R | undefined {
    const key = this.#unique.get(unique)!.get(part + SEP + value);
    return key === undefined ? undefined : this.get(part, key);
  }

  /** Every row of a partition, in no particular order. */
  rows(part: string): Iterable<R> {
    return this.#parts.get(part)?.values() ?? [];
  }

  /** Rows of a partition (or of one bucket of it). */
  count(part: string, bucket?: readonly [string, string]): number {
    if (!bucket) return this.#parts.get(part)?.size ?? 0;
    return this.#entries(Object.keys(this.#spec.sorts)[0]!, bucket[0], part, bucket[1]).length;
  }

  /** What a write of `row` would collide with: `'key'` (only `asNew`), a unique name, or null. */
  clash(part: string, row: R, asNew: boolean): string | null {
    const key = this.key(row);
    if (asNew && this.get(part, key)) return 'key';
    for (const [name, value] of Object.entries(this.#spec.unique ?? {})) {
      const claimed = value(row);
      const holder = claimed === null ? undefined : this.#unique.get(name)!.get(part + SEP + claimed);
      if (holder !== undefined && holder !== key) return name;
    }
    return null;
  }

  /** Inserts a new row unless its key or a unique value is taken; answers what collided, or null. */
  insert(part: string, row: R): string | null {
    const clash = this.clash(part, row, true);
    if (clash === null) this.write(part, row);
    return clash;
  }

  /** Stores the row under its key, replacing what was there (callers check `clash` first). */
  write(part: string, row: R): R {
    const stored = frozen(row);
    this.#set(part, this.key(stored), stored, true);
    return stored;
  }

  remove(part: string, key: string): R | undefined {
    const previous = this.get(part, key);
    if (previous) this.#set(part, key, undefined, true);
    return previous;
  }

  /** One page of a partition in a sort's order, from a binary search: about `limit` steps. */
  page(part: string, options: PageOptions<R>): { items: R[]; hasMore: boolean; total?: number } {
    const [bucketName, bucketValue] = options.bucket ?? ['', ''];
    const entries = this.#entries(options.sort, bucketName, part, bucketValue);
    const rows = this.#parts.get(part);
    const { after, where, limit } = options;
    const asc = options.order === 'asc';
    const step = asc ? 1 : -1;
    let i = asc ? (after ? bound(entries, after.value, after.key, true) : 0) : (after ? bound(entries, after.value, after.key, false) : entries.length) - 1;
    const items: R[] = [];
    for (; i >= 0 && i < entries.length && items.length <= limit; i += step) {
      const row = rows!.get(entries[i]!.k)!;
      if (!where || where(row)) items.push(row);
    }
    const hasMore = items.length > limit;
    if (hasMore) items.pop();
    if (!options.total) return { items, hasMore };
    let total = entries.length;
    if (where) total = entries.reduce((n, entry) => n + (where(rows!.get(entry.k)!) ? 1 : 0), 0);
    return { items, hasMore, total };
  }

  /**
   * The rows of a queue across partitions, in its order, while `visit` returns true. Collect what
   * to change first and write after: a write may move rows in or out of the queue.
   */
  scan(queue: string, visit: (found: Located<R>) => boolean): void {
    for (const entry of this.#queues.get(queue)!) {
      if (!visit({ part: entry.part, row: this.get(entry.part, entry.key)! })) return;
    }
  }

  #set(part: string, key: string, next: R | undefined, journal: boolean): void {
    let rows = this.#parts.get(part);
    if (!rows) this.#parts.set(part, (rows = new Map()));
    const previous = rows.get(key);
    if (next) rows.set(key, next);
    else rows.delete(key);
    this.#reindexUnique(part, key, previous, next);
    this.#reindexSorted(part, key, previous, next);
    this.#reindexQueues(part, key, previous, next);
    if (journal) this.#journal.record(() => this.#set(part, key, previous, false));
  }

  #reindexUnique(part: string, key: string, previous: R | undefined, next: R | undefined): void {
    for (const [name, value] of Object.entries(this.#spec.unique ?? {})) {
      const map = this.#unique.get(name)!;
      const before = previous ? value(previous) : null;
      const after = next ? value(next) : null;
      if (before === after) continue;
      if (before !== null && map.get(part + SEP + before) === key) map.delete(part + SEP + before);
      if (after !== null) map.set(part + SEP + after, key);
    }
  }

  #reindexSorted(part: string, key: string, previous: R | undefined, next: R | undefined): void {
    for (const [id, index] of this.#indexes) {
      const [sortName, bucketName] = id.split(SEP) as [string, string];
      const sort = this.#spec.sorts[sortName]!;
      const bucket = bucketName ? this.#spec.buckets![bucketName]! : () => '';
      const before = previous ? bucket(previous) : null;
      const after = next ? bucket(next) : null;
      const oldValue = previous && sort(previous);
      const newValue = next && sort(next);
      if (before === after && oldValue === newValue) continue;
      if (before !== null) removeEntry(index.get(part + SEP + before) ?? [], oldValue!, key);
      if (after !== null) {
        let entries = index.get(part + SEP + after);
        if (!entries) index.set(part + SEP + after, (entries = []));
        insertEntry(entries, { v: newValue!, k: key });
      }
    }
  }

  #reindexQueues(part: string, key: string, previous: R | undefined, next: R | undefined): void {
    for (const [name, { when, sort: sortName }] of Object.entries(this.#spec.queues ?? {})) {
      const entries = this.#queues.get(name)!;
      const sort = this.#spec.sorts[sortName]!;
      const k = key + SEP + part;
      if (previous && when(previous)) removeEntry(entries, sort(previous), k);
      if (next && when(next)) insertEntry(entries, { v: sort(next), k, part, key } as QueueEntry);
    }
  }

  /** A sorted index, built from every partition the first time it is asked for. */
  #entries(sortName: string, bucketName: string, part: string, bucketValue: string): IndexEntry[] {
    const id = sortName + SEP + bucketName;
    let index = this.#indexes.get(id);
    if (!index) {
      index = new Map();
      const sort = this.#spec.sorts[sortName]!;
      const bucket = bucketName ? this.#spec.buckets![bucketName]! : () => '';
      for (const [p, rows] of this.#parts) {
        for (const [key, row] of rows) {
          const value = bucket(row);
          if (value === null) continue;
          let entries = index.get(p + SEP + value);
          if (!entries) index.set(p + SEP + value, (entries = []));
          entries.push({ v: sort(row), k: key });
        }
      }
      for (const entries of index.values()) sortEntries(entries);
      this.#indexes.set(id, index);
    }
    return index.get(part + SEP + bucketValue) ?? NONE;
  }
}

/** The partition a partition key names. */
export function partitionOf(part: string): { accountId: string; mode: 'live' | 'test' } {
  const [accountId, mode] = part.split(KEY_SEP) as [string, 'live' | 'test'];
  return { accountId, mode };
}
