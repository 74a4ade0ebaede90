import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../errors.js';
import { customerService } from '../../domain/customers/service.js';
import { productService } from '../../domain/products/service.js';
import { manualClock } from '../../test/harness.js';
import type { WalletTransactionRecord } from '../customers.js';
import type { Store } from '../port.js';
import { LIVE_A, productRecord, TEST_A } from './fixtures.js';
import { cursorSigner } from '../../domain/cursor.js';

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
 * Customers, wallets and ledgers on one adapter: the store operations, and the use cases whose
 * guarantees depend on the store's transactions (unique phones under races, merged PATCHes).
 */
export function customersSuite(store: () => Store): void {
  describe('customers', () => {
    const deps = () => ({ store: store(), clock: manualClock('2026-03-01T10:00:00.000Z'), cursors: cursorSigner(crypto.getRandomValues(new Uint8Array(32))) });

    it('keeps customers per partition with unique phone and external_ref, and opens a wallet', async () => {
      expect(await store().customers.insert(TEST_A, customer('cus_a', { phone: '+911111111111', external_ref: 'E1' }), wallet('cus_a'))).toBe('ok');
      expect(await store().customers.insert(TEST_A, customer('cus_b', { phone: '+911111111111' }), wallet('cus_b'))).toBe('duplicate_phone');
      expect(await store().customers.insert(TEST_A, customer('cus_b', { external_ref: 'E1' }), wallet('cus_b'))).toBe('duplicate_external_ref');
      expect(await store().customers.insert(LIVE_A, customer('cus_b', { phone: '+911111111111' }), wallet('cus_b'))).toBe('ok');
      expect(await store().customers.insert(TEST_A, customer('cus_c'), wallet('cus_c'))).toBe('ok');
      expect((await store().customers.findByPhone(TEST_A, '+911111111111'))?.id).toBe('cus_a');
      expect(await store().customers.getWallet(TEST_A, 'cus_a')).toEqual(wallet('cus_a'));
      expect(await store().customers.getWallet(TEST_A, 'cus_b')).toBeNull();
      expect(await store().customers.update(TEST_A, customer('cus_c', { phone: '+911111111111' }))).toBe('duplicate_phone');
      expect(await store().customers.update(TEST_A, customer('cus_x'))).toBe('not_found');
      expect(await store().customers.update(TEST_A, customer('cus_a', { name: 'Renamed', phone: null }))).toBe('ok');
      expect(await store().customers.findByPhone(TEST_A, '+911111111111')).toBeNull();
      expect((await store().customers.get(TEST_A, 'cus_a'))?.name).toBe('Renamed');
    });

    it('pages customers by case-insensitive name and filters by search and email', async () => {
      for (const [id, n, email] of [['cus_1', 'bob', 'B@x.io'], ['cus_2', 'Alice', null], ['cus_3', 'carol', 'c@x.io'], ['cus_4', 'Bob', 'b@x.io']] as const) {
        await store().customers.insert(TEST_A, customer(id, { name: n, email }), wallet(id));
      }
      const query = { filters: {}, sort: 'name' as const, order: 'asc' as const, limit: 2, includeTotal: true };
      const first = await store().customers.list(TEST_A, query);
      expect(first.items.map((c) => c.id)).toEqual(['cus_2', 'cus_1']);
      expect(first).toMatchObject({ hasMore: true, total: 4 });
      const second = await store().customers.list(TEST_A, { ...query, after: { value: 'bob', keys: ['cus_1'] } });
      expect(second.items.map((c) => c.id)).toEqual(['cus_4', 'cus_3']);
      expect(second.hasMore).toBe(false);
      const byEmail = await store().customers.list(TEST_A, { ...query, filters: { email: 'b@X.io' }, limit: 10 });
      expect(byEmail.items.map((c) => c.id).sort()).toEqual(['cus_1', 'cus_4']);
      const bySearch = await store().customers.list(TEST_A, { ...query, filters: { search: 'AR' }, limit: 10 });
      expect(bySearch.items.map((c) => c.id)).toEqual(['cus_3']);
    });

    it('moves the balance with each ledger entry and never overdraws it', async () => {
      await store().customers.insert(TEST_A, customer('cus_a'), wallet('cus_a'));
      const credit = await store().customers.appendWalletEntry(TEST_A, entry('wtx_1', 'cus_a', 5000));
      expect((credit as WalletTransactionRecord).balance_after).toBe(5000);
      expect(await store().customers.appendWalletEntry(TEST_A, entry('wtx_2', 'cus_a', -5001))).toBe('insufficient_funds');
      expect(await store().customers.appendWalletEntry(TEST_A, entry('wtx_3', 'cus_x', 1))).toBe('no_wallet');
      const debit = await store().customers.appendWalletEntry(TEST_A, entry('wtx_4', 'cus_a', -5000, '2026-01-01T00:00:01.000Z'));
      expect((debit as WalletTransactionRecord).balance_after).toBe(0);
      expect((await store().customers.getWallet(TEST_A, 'cus_a'))?.balance).toBe(0);
      const ledger = await store().customers.listWalletTransactions(TEST_A, 'cus_a', { filters: {}, sort: 'created_at', order: 'desc', limit: 10 });
      expect(ledger.items.map((t) => t.id)).toEqual(['wtx_4', 'wtx_1']);
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
      expect(await store().customers.get(TEST_A, c.id)).toMatchObject({ name: 'After', email: 'after@example.com' });
    });
  });
}
