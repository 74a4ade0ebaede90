import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../errors.js';
import { customerService } from '../../domain/customers/service.js';
import { walletService } from '../../domain/customers/wallet.js';
import { inventoryService } from '../../domain/inventory/service.js';
import { importOrderRecord } from '../../domain/orders/import.js';
import { orderService } from '../../domain/orders/service.js';
import { productService } from '../../domain/products/service.js';
import { minorUnits } from '../../domain/money.js';
import { manualClock } from '../../test/harness.js';
import { LIVE_A, productRecord, TEST_A } from './fixtures.js';
import type { Store } from '../port.js';
import type { WalletTransactionRecord } from '../types.js';

const customer = (id: string, over: Record<string, unknown> = {}) => ({
  id, name: `Customer ${id}`, email: null, phone: null, external_ref: null,
  created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...over,
});
const wallet = (id: string) => ({ customer_id: id, balance: 0, currency: 'INR', updated_at: '2026-01-01T00:00:00.000Z' });
const entry = (id: string, customerId: string, amount: number, at = '2026-01-01T00:00:00.000Z') => ({
  id, customer_id: customerId, type: amount >= 0 ? ('recharge' as const) : ('debit' as const), amount, currency: 'INR',
  reference: null, note: null, order_id: null, created_at: at,
});

/**
 * Customers, wallets and orders on one store adapter: the store operations, and the order
 * use cases whose guarantees depend on the store's transactions (races, ledger sums).
 */
export function commerceSuite(store: () => Store): void {
  describe('commerce', () => {
    const deps = () => ({ store: store(), clock: manualClock('2026-03-01T10:00:00.000Z') });

    /** An active physical product with `onHand` units at WH-1, and a customer. */
    async function stocked(onHand: number, price = '100.00', taxRate = '18.00') {
      await store().products.insert(TEST_A, productRecord({ sku: 'LAST', status: 'active', price, tax_rate: taxRate }));
      await inventoryService(deps()).adjust(TEST_A, { sku: 'LAST', location_code: 'WH-1', delta: onHand, reason: 'received' });
      return customerService(deps()).create(TEST_A, { name: 'Asha', phone: '+919812345678' });
    }

    it('keeps customers per partition with unique phone and external_ref, and opens a wallet', async () => {
      expect(await store().insertCustomer(TEST_A, customer('cus_a', { phone: '+911111111111', external_ref: 'E1' }), wallet('cus_a'))).toBe('ok');
      expect(await store().insertCustomer(TEST_A, customer('cus_b', { phone: '+911111111111' }), wallet('cus_b'))).toBe('duplicate_phone');
      expect(await store().insertCustomer(TEST_A, customer('cus_b', { external_ref: 'E1' }), wallet('cus_b'))).toBe('duplicate_external_ref');
      expect(await store().insertCustomer(LIVE_A, customer('cus_b', { phone: '+911111111111' }), wallet('cus_b'))).toBe('ok');
      expect(await store().insertCustomer(TEST_A, customer('cus_c'), wallet('cus_c'))).toBe('ok');
      expect((await store().findCustomerByPhone(TEST_A, '+911111111111'))?.id).toBe('cus_a');
      expect(await store().getWallet(TEST_A, 'cus_a')).toEqual(wallet('cus_a'));
      expect(await store().getWallet(TEST_A, 'cus_b')).toBeNull();
      expect(await store().updateCustomer(TEST_A, customer('cus_c', { phone: '+911111111111' }))).toBe('duplicate_phone');
      expect(await store().updateCustomer(TEST_A, customer('cus_x'))).toBe('not_found');
      expect(await store().updateCustomer(TEST_A, customer('cus_a', { name: 'Renamed', phone: null }))).toBe('ok');
      expect(await store().findCustomerByPhone(TEST_A, '+911111111111')).toBeNull();
      expect((await store().getCustomer(TEST_A, 'cus_a'))?.name).toBe('Renamed');
    });

    it('pages customers by case-insensitive name and filters by search and email', async () => {
      for (const [id, n, email] of [['cus_1', 'bob', 'B@x.io'], ['cus_2', 'Alice', null], ['cus_3', 'carol', 'c@x.io'], ['cus_4', 'Bob', 'b@x.io']] as const) {
        await store().insertCustomer(TEST_A, customer(id, { name: n, email }), wallet(id));
      }
      const query = { filters: {}, sort: 'name' as const, order: 'asc' as const, limit: 2, includeTotal: true };
      const first = await store().listCustomers(TEST_A, query);
      expect(first.items.map((c) => c.id)).toEqual(['cus_2', 'cus_1']);
      expect(first).toMatchObject({ hasMore: true, total: 4 });
      const second = await store().listCustomers(TEST_A, { ...query, after: { value: 'bob', keys: ['cus_1'] } });
      expect(second.items.map((c) => c.id)).toEqual(['cus_4', 'cus_3']);
      expect(second.hasMore).toBe(false);
      const byEmail = await store().listCustomers(TEST_A, { ...query, filters: { email: 'b@X.io' }, limit: 10 });
      expect(byEmail.items.map((c) => c.id).sort()).toEqual(['cus_1', 'cus_4']);
      const bySearch = await store().listCustomers(TEST_A, { ...query, filters: { search: 'AR' }, limit: 10 });
      expect(bySearch.items.map((c) => c.id)).toEqual(['cus_3']);
    });

    it('moves the balance with each ledger entry and never overdraws it', async () => {
      await store().insertCustomer(TEST_A, customer('cus_a'), wallet('cus_a'));
      const credit = await store().appendWalletEntry(TEST_A, entry('wtx_1', 'cus_a', 5000));
      expect((credit as WalletTransactionRecord).balance_after).toBe(5000);
      expect(await store().appendWalletEntry(TEST_A, entry('wtx_2', 'cus_a', -5001))).toBe('insufficient_funds');
      expect(await store().appendWalletEntry(TEST_A, entry('wtx_3', 'cus_x', 1))).toBe('no_wallet');
      const debit = await store().appendWalletEntry(TEST_A, entry('wtx_4', 'cus_a', -5000, '2026-01-01T00:00:01.000Z'));
      expect((debit as WalletTransactionRecord).balance_after).toBe(0);
      expect((await store().getWallet(TEST_A, 'cus_a'))?.balance).toBe(0);
      const ledger = await store().listWalletTransactions(TEST_A, 'cus_a', { filters: {}, sort: 'created_at', order: 'desc', limit: 10 });
      expect(ledger.items.map((t) => t.id)).toEqual(['wtx_4', 'wtx_1']);
    });

    it('numbers orders sequentially per partition and year, and rolls a number back with its order', async () => {
      expect(await store().nextOrderSequence(TEST_A, 2026)).toBe(1);
      expect(await store().nextOrderSequence(TEST_A, 2026)).toBe(2);
      expect(await store().nextOrderSequence(LIVE_A, 2026)).toBe(1);
      expect(await store().nextOrderSequence(TEST_A, 2027)).toBe(1);
      await expect(store().transaction(async (tx) => {
        await tx.nextOrderSequence(TEST_A, 2026);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(await store().nextOrderSequence(TEST_A, 2026)).toBe(3);
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
      const list = await store().listOrders(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 });
      expect(list.items).toHaveLength(1);
    });

    it('two PATCHes claiming the same phone, or the same product external_ref, at once: one wins, the other is a 400', async () => {
      const customers = customerService(deps());
      const a = await customers.create(TEST_A, { name: 'A' });
      const b = await customers.create(TEST_A, { name: 'B' });
      const phones = await Promise.allSettled([a, b].map((c) => customers.update(TEST_A, c.id, { phone: '+919800000001' })));
      expect(phones.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = phones.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason as ApiError;
      expect([lost.code, lost.details[0]?.field]).toEqual(['VALIDATION_FAILED', 'phone']);

      await store().products.insert(TEST_A, productRecord({ sku: 'P-1' }));
      await store().products.insert(TEST_A, productRecord({ sku: 'P-2' }));
      const products = productService(deps());
      const refs = await Promise.allSettled(['P-1', 'P-2'].map((sku) => products.update(TEST_A, sku, { external_ref: 'ERP-1' })));
      expect(refs.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = refs.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason as ApiError;
      expect([refused.code, refused.details[0]?.field]).toEqual(['VALIDATION_FAILED', 'external_ref']);
    });

    it('two PATCHes of different fields of one customer at once: both changes stick', async () => {
      const customers = customerService(deps());
      const c = await customers.create(TEST_A, { name: 'Before', email: 'before@example.com' });
      await Promise.all([customers.update(TEST_A, c.id, { name: 'After' }), customers.update(TEST_A, c.id, { email: 'after@example.com' })]);
      expect(await store().getCustomer(TEST_A, c.id)).toMatchObject({ name: 'After', email: 'after@example.com' });
    });

    it('finds the open order holding a SKU, and none once it is completed or cancelled', async () => {
      await stocked(3);
      const orders = orderService(deps());
      const open = await orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'cash' });
      expect(await store().openOrderIdForSku(TEST_A, 'LAST')).toBe(open.id);
      expect(await store().openOrderIdForSku(TEST_A, 'LAS')).toBeNull();
      expect(await store().openOrderIdForSku(LIVE_A, 'LAST')).toBeNull();
      await orders.update(TEST_A, open.id, { status: 'cancelled' });
      expect(await store().openOrderIdForSku(TEST_A, 'LAST')).toBeNull();
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

      const ledger = await store().listWalletTransactions(TEST_A, buyer.id, { filters: {}, sort: 'created_at', order: 'asc', limit: 200 });
      const sum = ledger.items.reduce((total, t) => total + t.amount, 0);
      const balance = (await store().getWallet(TEST_A, buyer.id))!.balance;
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
      expect((await store().getWallet(TEST_A, buyer.id))?.balance).toBe(5000);
      const placed = await orders.create(TEST_A, { location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 1 }], payment_method: 'cash' });
      expect(placed.order_number).toBe('ORD-2026-000001');
    });

    it('imports history without moving stock or money, once per external_ref', async () => {
      const buyer = await stocked(3);
      const record = {
        customer_id: buyer.id, location_code: 'WH-1', items: [{ sku: 'LAST', quantity: 2, unit_price: '90.00' }],
        payment_method: 'wallet', external_ref: 'POS-1', status: 'cancelled', cancel_reason: 'declined', placed_at: '2025-12-14T11:20:00Z',
      };
      const context = { clock: manualClock('2026-03-01T10:00:00.000Z'), requestId: 'req_1', jobId: 'job_1' };
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, record, context))).toBeUndefined();
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, record, context))).toMatchObject({ field: 'external_ref' });
      expect(await store().transaction((tx) => importOrderRecord(tx, TEST_A, { ...record, external_ref: 'POS-2', items: [{ sku: 'NOPE', quantity: 1 }] }, context)))
        .toMatchObject({ code: 'VALIDATION_FAILED', field: 'items.0.sku' });
      const [order] = (await store().listOrders(TEST_A, { filters: {}, sort: 'created_at', order: 'asc', limit: 10 })).items;
      expect(order).toMatchObject({
        status: 'cancelled', order_number: 'ORD-2026-000001', created_at: '2025-12-14T11:20:00.000Z',
        cancelled_at: '2025-12-14T11:20:00.000Z', total: '212.40', license_keys: [],
      });
      expect(await store().inventory.getLevel(TEST_A, 'LAST', 'WH-1')).toMatchObject({ reserved: 0, available: 3 });
      expect((await store().getWallet(TEST_A, buyer.id))?.balance).toBe(0);
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
