import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../errors.js';
import { customerService } from '../../domain/customers/service.js';
import { walletService } from '../../domain/customers/wallet.js';
import { inventoryService } from '../../domain/inventory/service.js';
import { importOrderRecord } from '../../domain/orders/import.js';
import { orderService } from '../../domain/orders/service.js';
import { minorUnits } from '../../domain/money.js';
import { manualClock } from '../../test/harness.js';
import type { Store } from '../port.js';
import { LIVE_A, productRecord, TEST_A } from './fixtures.js';
import { cursorSigner } from '../../domain/cursor.js';

/**
 * Orders on one adapter: numbering, and the order use cases whose guarantees depend on the
 * store's transactions (races for the last unit, wallet sums, late failures rolled back).
 */
export function ordersSuite(store: () => Store): void {
  describe('orders', () => {
    const deps = () => ({ store: store(), clock: manualClock('2026-03-01T10:00:00.000Z'), cursors: cursorSigner(crypto.getRandomValues(new Uint8Array(32))) });

    /** An active physical product with `onHand` units at WH-1, and a customer. */
    async function stocked(onHand: number, price = '100.00', taxRate = '18.00') {
      await store().products.insert(TEST_A, productRecord({ sku: 'LAST', status: 'active', price, tax_rate: taxRate }));
      await inventoryService(deps()).adjust(TEST_A, { sku: 'LAST', location_code: 'WH-1', delta: onHand, reason: 'received' });
      return customerService(deps()).create(TEST_A, { name: 'Asha', phone: '+919812345678' });
    }

    it('numbers orders sequentially per partition and year, and rolls a number back with its order', async () => {
      expect(await store().orders.nextSequence(TEST_A, 2026)).toBe(1);
      expect(await store().orders.nextSequence(TEST_A, 2026)).toBe(2);
      expect(await store().orders.nextSequence(LIVE_A, 2026)).toBe(1);
      expect(await store().orders.nextSequence(TEST_A, 2027)).toBe(1);
      await expect(store().transaction(async (tx) => {
        await tx.orders.nextSequence(TEST_A, 2026);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(await store().orders.nextSequence(TEST_A, 2026)).toBe(3);
    });

    it('two orders racing for the last unit: exactly one succeeds', async () => {
      await stocked(1);
      const orders = orderService(deps());
      const place = () => orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'cash' });
      const results = await Promise.allSettled([place(), place()]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0]!.reason as ApiError).code).toBe('INSUFFICIENT_STOCK');
      const level = await store().inventory.getLevel(TEST_A, 'LAST', 'WH-1');
      expect(level).toMatchObject({ on_hand: 1, reserved: 1, available: 0 });
      const list = await store().orders.list(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 });
      expect(list.items).toHaveLength(1);
    });

    it('finds the open order holding a SKU, and none once it is completed or cancelled', async () => {
      await stocked(3);
      const orders = orderService(deps());
      const open = await orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'cash' });
      expect(await store().orders.openOrderIdForSku(TEST_A, 'LAST')).toBe(open.id);
      expect(await store().orders.openOrderIdForSku(TEST_A, 'LAS')).toBeNull();
      expect(await store().orders.openOrderIdForSku(LIVE_A, 'LAST')).toBeNull();
      await orders.update(TEST_A, open.id, { status: 'cancelled' });
      expect(await store().orders.openOrderIdForSku(TEST_A, 'LAST')).toBeNull();
    });

    it('gives concurrent orders distinct consecutive numbers', async () => {
      await stocked(10);
      const orders = orderService(deps());
      const placed = await Promise.all(
        Array.from({ length: 5 }, () => orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'card' })),
      );
      expect(placed.map((o) => o.order_number).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `ORD-2026-00000${n}`));
    });

    it('wallet balance equals ledger sum after recharges, orders and cancels', async () => {
      const buyer = await stocked(20, '100.00', '18.00');
      const d = deps();
      const wallets = walletService(d);
      const orders = orderService(d);
      await wallets.recharge(TEST_A, { id: buyer.id }, { amount: '500.00' });
      await wallets.recharge(TEST_A, { phone: '+919812345678' }, { amount: '0.50', reference: 'UPI-1' });
      const walletOrder = (quantity: number) =>
        orders.create(TEST_A, { customer_id: buyer.id, location_code: 'WH-1', items: [{ sku: 'LAST', quantity }], payment_method: 'wallet' });
      const first = await walletOrder(2); // 200.00 + 36.00 tax
      expect(first).toMatchObject({ subtotal: '200.00', tax_total: '36.00', total: '236.00' });
      // Concurrent orders: whatever interleaving, none may overdraw.
      const results = await Promise.allSettled([walletOrder(1), walletOrder(1), walletOrder(1)]);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => (r.reason as ApiError).code)).toEqual(['INSUFFICIENT_FUNDS']);
      await expect(walletOrder(1)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
      await orders.update(TEST_A, first.id, { status: 'cancelled', cancel_reason: 'changed mind' });
      await expect(orders.update(TEST_A, first.id, { status: 'confirmed' })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });

      const ledger = await store().customers.listWalletTransactions(TEST_A, buyer.id, { filters: {}, sort: 'created_at', order: 'asc', limit: 200 });
      const sum = ledger.items.reduce((total, t) => total + t.amount, 0);
      const balance = (await store().customers.getWallet(TEST_A, buyer.id))!.balance;
      expect(balance).toBe(sum);
      // 500.50 − 236.00 − 2 × 118.00 + 236.00
      expect(balance).toBe(minorUnits('264.50'));
      expect(ledger.items.map((t) => t.type).sort()).toEqual(['debit', 'debit', 'debit', 'recharge', 'recharge', 'refund']);
      expect(ledger.items.every((t) => t.balance_after >= 0)).toBe(true);
      // The cancelled order's 2 units are back; the two paid orders still hold theirs.
      expect(await store().inventory.getLevel(TEST_A, 'LAST', 'WH-1')).toMatchObject({ on_hand: 20, reserved: 2, available: 18 });
    });

    it('rolls back every step of an order that fails late', async () => {
      const buyer = await stocked(5);
      await walletService(deps()).recharge(TEST_A, { id: buyer.id }, { amount: '50.00' });
      const orders = orderService(deps());
      await expect(orders.create(TEST_A, {
        customer_id: buyer.id, location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'wallet',
      })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
      expect(await store().inventory.getLevel(TEST_A, 'LAST', 'WH-1')).toMatchObject({ reserved: 0, available: 5 });
      expect((await store().customers.getWallet(TEST_A, buyer.id))?.balance).toBe(5000);
      const placed = await orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'cash' });
      expect(placed.order_number).toBe('ORD-2026-000001');
    });

    it('imports history without moving stock or money, once per external_ref', async () => {
      const buyer = await stocked(3);
      const record = {
        customer_id: buyer.id, location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 2, unit_price: '90.00' }],
        payment_method: 'wallet', external_ref: 'POS-1', status: 'cancelled', cancel_reason: 'declined', placed_at: '2025-12-14T11:20:00Z',
      };
      const context = { clock: manualClock('2026-03-01T10:00:00.000Z'), jobId: 'job_1' };
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, record, context))).toBeUndefined();
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, record, context))).toMatchObject({ field: 'external_ref' });
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, { ...record, external_ref: 'POS-2', items: [{ sku: 'NOPE', quantity: 1 }] }, context)))
        .toMatchObject({ code: 'VALIDATION_FAILED', field: 'items.0.sku' });
      const [order] = (await store().orders.list(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 })).items;
      expect(order).toMatchObject({
        status: 'cancelled', order_number: 'ORD-2026-000001', created_at: '2025-12-14T11:20:00.000Z',
        cancelled_at: '2025-12-14T11:20:00.000Z', total: '212.40', license_keys: [],
      });
      expect(await store().inventory.getLevel(TEST_A, 'LAST', 'WH-1')).toMatchObject({ reserved: 0, available: 3 });
      expect((await store().customers.getWallet(TEST_A, buyer.id))?.balance).toBe(0);
    });

    it('pages orders by total with a numeric keyset', async () => {
      await stocked(50, '1.00', '0.00');
      const orders = orderService(deps());
      for (const quantity of [9, 10, 2]) {
        await orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity }], payment_method: 'cash' });
      }
      const page = await orders.list(TEST_A, { limit: 2, sort: 'total', order: 'desc' });
      expect(page.data.map((o) => o.total)).toEqual(['10.00', '9.00']);
      const rest = await orders.list(TEST_A, { limit: 2, sort: 'total', order: 'desc', cursor: page.meta.next_cursor! });
      expect(rest.data.map((o) => o.total)).toEqual(['2.00']);
    });
  });
}
