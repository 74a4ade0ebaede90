import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Store, StoreOps } from '../../store/port.js';
import { WALLET_TRANSACTION_LIST } from '../../store/customers.js';
import type { WalletEntryInput, WalletRecord, WalletTransactionRecord, WalletTransactionType } from '../../store/customers.js';
import type { Partition } from '../../store/partition.js';
import { emit } from '../events.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, type ListParams } from '../list-page.js';
import { formatMinor, minorUnits } from '../money.js';
import { customerNotFound, customerService } from './service.js';

/** The spec's Wallet. */
export interface Wallet {
  customer_id: string;
  balance: string;
  currency: string;
  updated_at: string;
}

/** The spec's WalletTransaction. */
export type WalletTransaction = Omit<WalletTransactionRecord, 'amount' | 'balance_after'> & { amount: string; balance_after: string };

export interface RechargeInput {
  amount: string;
  reference?: string | null;
  note?: string | null;
}

export type ListWalletTransactionsInput = ListParams<'created_at'> & { type?: WalletTransactionType };

export const WALLET_TRANSACTION_FIELDS = [
  'id', 'customer_id', 'type', 'amount', 'balance_after', 'currency', 'reference', 'note', 'order_id', 'created_at',
] as const;

export const toWallet = (w: WalletRecord): Wallet => ({ ...w, balance: formatMinor(w.balance) });
export const toWalletTransaction = (t: WalletTransactionRecord): WalletTransaction => ({
  ...t,
  amount: formatMinor(t.amount),
  balance_after: formatMinor(t.balance_after),
});

/**
 * Appends one ledger entry inside the caller's transaction; the store moves the balance in the
 * same statement and refuses to overdraw it (409 INSUFFICIENT_FUNDS).
 */
export async function postWalletEntry(
  tx: StoreOps,
  p: Partition,
  entry: Omit<WalletEntryInput, 'id'>,
): Promise<WalletTransactionRecord> {
  const result = await tx.customers.appendWalletEntry(p, { id: newId('wtx'), ...entry });
  if (result === 'no_wallet') throw customerNotFound(entry.customer_id);
  if (result === 'insufficient_funds') {
    throw new ApiError('INSUFFICIENT_FUNDS', `The wallet of customer ${entry.customer_id} does not hold ${formatMinor(-entry.amount)}.`, [
      { field: 'payment_method', issue: 'the wallet balance is lower than the order total' },
    ]);
  }
  return result;
}

/**
 * The Wallets use cases: the balance and its append-only ledger, by customer id or phone.
 *
 * @example
 * const wallets = walletService({ store, clock, cursors });
 * await wallets.recharge(partition, { id: 'cus_…' }, { amount: '500.00' });
 */
export function walletService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const customers = customerService({ store, clock, cursors });
  const resolve = async (p: Partition, who: { id: string } | { phone: string }) =>
    'id' in who ? who.id : (await customers.getByPhone(p, who.phone)).id;

  return {
    async get(p: Partition, who: { id: string } | { phone: string }): Promise<Wallet> {
      const id = await resolve(p, who);
      const wallet = await store.customers.getWallet(p, id);
      if (!wallet) throw customerNotFound(id);
      return toWallet(wallet);
    },

    async recharge(p: Partition, who: { id: string } | { phone: string }, input: RechargeInput): Promise<WalletTransaction> {
      const amount = minorUnits(input.amount);
      // The schema says `not '0.00'`; a zero written another way would be a no-op credit.
      if (amount <= 0) throw ApiError.validation([{ field: 'amount', issue: 'must be greater than 0.00' }]);
      const id = await resolve(p, who);
      return store.transaction(async (tx) => {
        const wallet = await tx.customers.getWallet(p, id);
        if (!wallet) throw customerNotFound(id);
        const entry = await postWalletEntry(tx, p, {
          customer_id: id, type: 'recharge', amount, currency: wallet.currency, reference: input.reference ?? null,
          note: input.note ?? null, order_id: null, created_at: clock.now().toISOString(),
        });
        const transaction = toWalletTransaction(entry);
        await emit(tx, clock, p, 'wallet.recharged', transaction);
        return transaction;
      });
    },

    async transactions(p: Partition, customerId: string, input: ListWalletTransactionsInput) {
      if (!(await store.customers.getWallet(p, customerId))) throw customerNotFound(customerId);
      const filters = input.type ? { type: input.type } : {};
      const page = await listPage(input, filters, {
        noun: 'wallet transaction',
        fields: WALLET_TRANSACTION_FIELDS,
        list: WALLET_TRANSACTION_LIST,
        partition: p, cursors, parent: { customer_id: customerId },
        fetch: (query) => store.customers.listWalletTransactions(p, customerId, query),
      });
      return { ...page, data: page.data.map(formatPartial) };
    },
  };
}

function formatPartial(t: Partial<WalletTransactionRecord>): Partial<WalletTransaction> {
  const { amount, balance_after, ...rest } = t;
  return {
    ...rest,
    ...(amount !== undefined ? { amount: formatMinor(amount) } : {}),
    ...(balance_after !== undefined ? { balance_after: formatMinor(balance_after) } : {}),
  };
}
