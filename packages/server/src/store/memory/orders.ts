import { ORDER_LIST, type OrderRecord, type OrdersPort } from '../orders.js';
import type { Journal } from './journal.js';
import { bucketOf, listSorts, tablePage } from './keyset.js';
import { partKey, Table } from './table.js';

const OPEN = ['pending', 'confirmed'] as const;

/**
 * Orders and their counters in memory: declared tables, with indexes per status, customer and
 * marketplace; the `created_from`/`created_to` range is checked row by row as a page fills.
 *
 * @example
 * const orders = memoryOrders(journal);
 */
export function memoryOrders(journal: Journal): OrdersPort {
  const orders = new Table<OrderRecord>({
    keys: ['id'],
    unique: { external_ref: (o) => o.external_ref },
    sorts: listSorts(ORDER_LIST),
    buckets: { status: (o) => o.status, customer_id: (o) => o.customer_id, marketplace: (o) => o.marketplace },
  }, journal);
  const counters = new Table<{ year: number; value: number }>({ keys: ['year'], sorts: {} }, journal);

  return {
    async nextSequence(p, year) {
      const value = (counters.get(partKey(p), String(year))?.value ?? 0) + 1;
      counters.write(partKey(p), { year, value });
      return value;
    },
    async insert(p, order) {
      return orders.insert(partKey(p), order) === null ? 'created' : 'duplicate_external_ref';
    },
    get: async (p, id) => orders.get(partKey(p), id) ?? null,
    findIdByExternalRef: async (p, ref) => orders.find(partKey(p), 'external_ref', ref)?.id ?? null,
    async update(p, order) {
      if (!orders.get(partKey(p), order.id)) return false;
      orders.write(partKey(p), order);
      return true;
    },
    async list(p, query) {
      const f = query.filters;
      const equal = [['status', f.status], ['customer_id', f.customer_id], ['marketplace', f.marketplace]] as const;
      const bucket = bucketOf(equal);
      const checked = Boolean(f.created_from || f.created_to) || equal.filter(([, v]) => v !== undefined).length > 1;
      return tablePage(orders, partKey(p), ORDER_LIST, query, {
        ...(bucket ? { bucket } : {}),
        ...(checked
          ? {
              where: (o: OrderRecord) =>
                (!f.status || o.status === f.status) &&
                (!f.marketplace || o.marketplace === f.marketplace) &&
                (!f.customer_id || o.customer_id === f.customer_id) &&
                (!f.created_from || o.created_at >= f.created_from) &&
                (!f.created_to || o.created_at < f.created_to),
            }
          : {}),
      });
    },
    async openOrderIdForSku(p, sku) {
      for (const status of OPEN) {
        const open = orders.page(partKey(p), { sort: 'created_at', order: 'asc', limit: 1, bucket: ['status', status], where: (o) => o.items.some((item) => item.sku === sku) });
        if (open.items[0]) return open.items[0].id;
      }
      return null;
    },
  };
}
