import { DEALER_LIST, type DealersPort } from '../dealers.js';
import { codedTable } from './coded.js';
import type { Journal } from './journal.js';

/**
 * Dealers in memory: a declared table with a status index; search is checked row by row.
 *
 * @example
 * const dealers = memoryDealers(journal);
 */
export function memoryDealers(journal: Journal): DealersPort {
  return codedTable(journal, { list: DEALER_LIST, bucket: 'status', searched: (r) => [r.name, r.code, r.email, r.phone] });
}
