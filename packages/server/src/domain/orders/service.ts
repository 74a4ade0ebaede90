import type { Clock } from '../../clock.js';
import { ApiError, type ErrorDetail } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Store, StoreOps } from '../../store/port.js';
import { ORDER_LIST } from '../../store/orders.js';
import type { OrderFilters, OrderRecord, OrderSort, OrderStatus, PaymentMethod } from '../../store/orders.js';
import type { Partition } from '../../store/partition.js';
import { postWalletEntry } from '../customers/wallet.js';
import { emit } from '../events.js';
import { stockWithEvents } from '../inventory/stock.js';
import { submitBatch, type JobAccepted } from '../jobs/submit.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, normaliseInstant, type ListParams } from '../list-page.js';
import { ACCOUNT_CURRENCY, minorUnits } from '../money.js';
import { nextOrderNumber, orderFields, priceOrder, type OrderLineInput } from './pricing.js';

/** The spec's OrderCreate. */
export interface OrderCreateInput {
  customer_id?: string | null;
  location_code: string;
  marketplace?: string | null;
  items: OrderLineInput[];
  payment_method: PaymentMethod;
  external_ref?: string | null;
}

export interface OrderUpdateInput {
  status: 'confirmed' | 'completed' | 'cancelled';
  cancel_reason?: string;
}

export type ListOrdersInput = ListParams<OrderSort> & Omit<OrderFilters, 'status'> & { status?: OrderStatus };

export const ORDER_FIELDS = [
  'id', 'order_number', 'status', 'customer_id', 'location_code', 'marketplace', 'items', 'subtotal',
  'tax_total', 'total', 'currency', 'payment_method', 'license_keys', 'external_ref', 'cancel_reason',
  'created_at', 'updated_at', 'confirmed_at', 'completed_at', 'cancelled_at',
] as const;

/** Allowed moves: target status → the statuses it may come from. */
const TRANSITIONS: Record<OrderUpdateInput['status'], OrderStatus[]> = {
  confirmed: ['pending'],
  completed: ['confirmed'],
  cancelled: ['pending', 'confirmed'],
};

const notFound = (id: string) => ApiError.notFound(`No order ${id}.`);

/**
 * Checks the references of an order that the schema cannot: the customer, the uniqueness of
 * `external_ref`. Returns the problems, each naming its field.
 */
export async function checkOrderReferences(
  tx: StoreOps,
  p: Partition,
  input: { customer_id?: string | null; external_ref?: string | null },
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  if (input.customer_id && !(await tx.customers.get(p, input.customer_id))) {
    problems.push({ field: 'customer_id', issue: `no customer ${input.customer_id}` });
  }
  if (input.external_ref && (await tx.orders.findIdByExternalRef(p, input.external_ref))) {
    problems.push({ field: 'external_ref', issue: 'is already used by another order' });
  }
  return problems;
}

/** A location exists once stock has been recorded there (there is no separate locations resource). */
async function isKnownLocation(tx: StoreOps, p: Partition, locationCode: string): Promise<boolean> {
  const page = await tx.inventory.list(p, { filters: { location_code: locationCode }, sort: 'sku', order: 'asc', limit: 1 });
  return page.items.length > 0;
}

/** Digital lines are those that received license keys; every other line holds reserved stock. */
const physicalItems = (order: OrderRecord) => {
  const digital = new Set(order.license_keys.map((k) => k.sku));
  return order.items.filter((item) => !digital.has(item.sku)).sort((a, b) => (a.sku < b.sku ? -1 : 1));
};

/**
 * The Orders use cases. Creating an order reserves stock, hands out license keys, debits the
 * wallet and takes the next order number in one transaction: any failure undoes all of it.
 *
 * @example
 * const orders = orderService({ store, clock, cursors });
 * await orders.create(partition, { location_code: 'WH-1', items: [{ sku: 'A', quantity: 1 }], payment_method: 'cash' });
 */
export function orderService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();

  return {
    async get(p: Partition, id: string): Promise<OrderRecord> {
      return (await store.orders.get(p, id)) ?? Promise.reject(notFound(id));
    },

    async create(p: Partition, input: OrderCreateInput): Promise<OrderRecord> {
      if (input.payment_method === 'wallet' && !input.customer_id) {
        throw ApiError.validation([{ field: 'customer_id', issue: 'is required when payment_method is wallet' }]);
      }
      return store.transaction(async (tx) => {
        const problems = await checkOrderReferences(tx, p, input);
        if (!(await isKnownLocation(tx, p, input.location_code))) {
          problems.push({ field: 'location_code', issue: `is not a location of this account: no stock was ever recorded at ${input.location_code}` });
        }
        const priced = await priceOrder(tx, p, input.items, { requireActive: true });
        if (Array.isArray(priced)) problems.push(...priced);
        if (problems.length > 0 || Array.isArray(priced)) throw ApiError.validation(problems);

        const id = newId('ord');
        const at = now();
        // Lines in SKU order, so concurrent orders lock stock rows in one order and never deadlock.
        const lines = priced.items.map((item, i) => ({ ...item, kind: priced.kinds[i]!, index: input.items.findIndex((l) => l.sku === item.sku) }));
        lines.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
        const stock = stockWithEvents(tx, clock);
        const short: ErrorDetail[] = [];
        const licenseKeys: OrderRecord['license_keys'] = [];
        for (const line of lines) {
          if (line.kind === 'digital') {
            const keys = await stock.assignLicenseKeys(p, line.sku, line.quantity, id);
            if (keys === 'insufficient') short.push({ field: `items.${line.index}.quantity`, issue: `not enough license keys for ${line.sku}` });
            else licenseKeys.push(...keys.map((key) => ({ sku: line.sku, key })));
          } else if ((await stock.reserve(p, line.sku, input.location_code, line.quantity)) === 'insufficient') {
            short.push({ field: `items.${line.index}.quantity`, issue: `not enough ${line.sku} available at ${input.location_code}` });
          }
        }
        if (short.length > 0) {
          short.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
          throw new ApiError('INSUFFICIENT_STOCK', 'Not enough stock for every line of the order.', short);
        }

        if (input.payment_method === 'wallet' && minorUnits(priced.total) > 0) {
          await postWalletEntry(tx, p, {
            customer_id: input.customer_id!, type: 'debit', amount: -minorUnits(priced.total), currency: ACCOUNT_CURRENCY,
            reference: null, note: null, order_id: id, created_at: at,
          });
        }

        const order: OrderRecord = {
          id,
          order_number: await nextOrderNumber(tx, p, at),
          status: 'pending',
          ...orderFields(input, priced),
          license_keys: licenseKeys,
          cancel_reason: null,
          created_at: at,
          updated_at: at,
          confirmed_at: null,
          completed_at: null,
          cancelled_at: null,
        };
        if ((await tx.orders.insert(p, order)) === 'duplicate_external_ref') {
          throw ApiError.validation([{ field: 'external_ref', issue: 'is already used by another order' }]);
        }
        await emit(tx, clock, p, 'order.created', order);
        return order;
      });
    },

    async update(p: Partition, id: string, input: OrderUpdateInput): Promise<OrderRecord> {
      if (input.cancel_reason !== undefined && input.status !== 'cancelled') {
        throw ApiError.validation([{ field: 'cancel_reason', issue: 'is allowed only with status cancelled' }]);
      }
      return store.transaction(async (tx) => {
        const current = await tx.orders.get(p, id, { forUpdate: true });
        if (!current) throw notFound(id);
        if (!TRANSITIONS[input.status].includes(current.status)) {
          throw new ApiError('INVALID_STATE_TRANSITION', `An order cannot move from ${current.status} to ${input.status}.`, [
            { field: 'status', issue: `cannot move from ${current.status} to ${input.status}` },
          ]);
        }
        const at = now();
        const stock = stockWithEvents(tx, clock);
        const next: OrderRecord = { ...current, status: input.status, updated_at: at };
        if (input.status === 'confirmed') next.confirmed_at = at;
        if (input.status === 'completed') {
          next.completed_at = at;
          for (const item of physicalItems(current)) await stock.consume(p, item.sku, current.location_code, item.quantity);
        }
        if (input.status === 'cancelled') {
          next.cancelled_at = at;
          next.cancel_reason = input.cancel_reason ?? null;
          for (const item of physicalItems(current)) await stock.release(p, item.sku, current.location_code, item.quantity);
          if (current.payment_method === 'wallet' && current.customer_id && minorUnits(current.total) > 0) {
            await postWalletEntry(tx, p, {
              customer_id: current.customer_id, type: 'refund', amount: minorUnits(current.total), currency: current.currency,
              reference: null, note: null, order_id: current.id, created_at: at,
            });
          }
        }
        await tx.orders.update(p, next);
        await emit(tx, clock, p, 'order.updated', next);
        if (input.status !== 'confirmed') await emit(tx, clock, p, `order.${input.status}`, next);
        return next;
      });
    },

    async list(p: Partition, input: ListOrdersInput) {
      const filters: OrderFilters = {};
      if (input.status) filters.status = input.status;
      if (input.marketplace) filters.marketplace = input.marketplace;
      if (input.customer_id) filters.customer_id = input.customer_id;
      if (input.created_from) filters.created_from = normaliseInstant(input.created_from);
      if (input.created_to) filters.created_to = normaliseInstant(input.created_to);
      return listPage(input, filters, {
        noun: 'order',
        fields: ORDER_FIELDS,
        list: ORDER_LIST,
        partition: p, cursors,
        fetch: (query) => store.orders.list(p, query),
      });
    },

    /** Stores the import job; a worker records the orders (`orders.batch` processor). */
    batch(p: Partition, items: unknown[], batchLimit: number): Promise<JobAccepted> {
      return submitBatch(store, clock, p, 'orders.batch', items, batchLimit);
    },
  };
}

export type OrderService = ReturnType<typeof orderService>;
