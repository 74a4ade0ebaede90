/** A sort value: text compares by code unit (SQL's COLLATE "C" for ASCII), numbers as numbers. */
export type SortValue = string | number;

/** One row in a sorted index: its sort value, then its key (unique within the index). */
export interface IndexEntry {
  v: SortValue;
  k: string;
}

const cmp = (a: SortValue, b: SortValue) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The index of the first entry after `(v, k)` (`after`), or at or after it, in entries sorted by
 * `(v, k)`: a binary search.
 *
 * @example
 * bound([{ v: 1, k: 'a' }, { v: 2, k: 'a' }], 1, 'a', true); // 1
 */
export function bound(entries: readonly IndexEntry[], v: SortValue, k: string, after: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = entries[mid]!;
    const c = cmp(entry.v, v) || cmp(entry.k, k);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts in order (a binary search, then one splice). */
export function insertEntry(entries: IndexEntry[], entry: IndexEntry): void {
  entries.splice(bound(entries, entry.v, entry.k, false), 0, entry);
}

/** Removes the entry `(v, k)` if it is there. */
export function removeEntry(entries: IndexEntry[], v: SortValue, k: string): void {
  const at = bound(entries, v, k, false);
  const entry = entries[at];
  if (entry && entry.v === v && entry.k === k) entries.splice(at, 1);
}

/** Sorts freshly collected entries (an index built at once). */
export function sortEntries(entries: IndexEntry[]): IndexEntry[] {
  return entries.sort((a, b) => cmp(a.v, b.v) || cmp(a.k, b.k));
}
