import { DEALER_LIST, type DealerRecord, type DealersPort } from '../dealers.js';
import type { Journal } from './journal.js';
import { listSorts, tablePage } from './keyset.js';
import { codedWrites } from './coded.js';
import { partKey, Table } from './table.js';

const lower = (s: string | null) => (s ?? '').toLowerCase();

/**
 * Dealers in memory: a declared table with a status index; search is checked row by row.
 *
 * @example
 * const dealers = memoryDealers(journal);
 */
export function memoryDealers(journal: Journal): DealersPort {
  const dealers = new Table<DealerRecord>({
    keys: ['code'],
    unique: { external_ref: (r) => r.external_ref },
    sorts: listSorts(DEALER_LIST),
    buckets: { status: (r) => r.status },
  }, journal);
  return {
    ...codedWrites(dealers, 'code'),
    async list(p, query) {
      const { status, search } = query.filters;
      const needle = search?.toLowerCase();
      return tablePage(dealers, partKey(p), DEALER_LIST, query, {
        ...(status ? { bucket: ['status', status] as const } : {}),
        ...(needle ? { where: (r: DealerRecord) => [r.name, r.code, r.email, r.phone].some((v) => lower(v).includes(needle)) } : {}),
      });
    },
  };
}
