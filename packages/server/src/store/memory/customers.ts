import { CUSTOMER_LIST, WALLET_TRANSACTION_LIST, type CustomerRecord, type CustomersPort, type WalletRecord, type WalletTransactionRecord } from '../customers.js';
import type { Journal } from './journal.js';
import { bucketOf, listSorts, searchable, tablePage } from './keyset.js';
import { partKey, Table } from './table.js';

/**
 * Customers, wallets and ledgers in memory: declared tables. The wallet guard (a balance never
 * below zero) is "check, then write", safe because transactions run one at a time.
 *
 * @example
 * const customers = memoryCustomers(journal);
 */
export function memoryCustomers(journal: Journal): CustomersPort {
  const customers = new Table<CustomerRecord>({
    keys: ['id'],
    // Phone first: a customer taking both a phone and an external_ref hears about the phone.
    unique: { phone: (c) => c.phone, external_ref: (c) => c.external_ref },
    sorts: listSorts(CUSTOMER_LIST),
    buckets: { email: (c) => (c.email === null ? null : c.email.toLowerCase()), phone: (c) => c.phone },
  }, journal);
  const wallets = new Table<WalletRecord>({ keys: ['customer_id'], sorts: {} }, journal);
  const ledger = new Table<WalletTransactionRecord>({
    keys: ['id'],
    sorts: listSorts(WALLET_TRANSACTION_LIST),
    buckets: { customer_id: (t) => t.customer_id },
  }, journal);
  const clash = (part: string, customer: CustomerRecord) => {
    const taken = customers.clash(part, customer, false);
    return taken === 'phone' ? ('duplicate_phone' as const) : taken ? ('duplicate_external_ref' as const) : null;
  };

  return {
    async insert(p, customer, wallet) {
      const part = partKey(p);
      const problem = customers.get(part, customer.id) ? 'duplicate_external_ref' : clash(part, customer);
      if (problem) return problem;
      customers.write(part, customer);
      wallets.write(part, wallet);
      return 'ok';
    },
    get: async (p, id) => customers.get(partKey(p), id) ?? null,
    findByPhone: async (p, phone) => customers.find(partKey(p), 'phone', phone) ?? null,
    async update(p, customer) {
      const part = partKey(p);
      if (!customers.get(part, customer.id)) return 'not_found';
      const problem = clash(part, customer);
      if (problem) return problem;
      customers.write(part, customer);
      return 'ok';
    },
    async list(p, query) {
      const { search, email, phone } = query.filters;
      const bucket = bucketOf([['email', email?.toLowerCase()], ['phone', phone]]);
      const matches = searchable(search, (c: CustomerRecord) => [c.name, c.email, c.phone]);
      return tablePage(customers, partKey(p), CUSTOMER_LIST, query, {
        ...(bucket ? { bucket } : {}),
        ...(matches || (email && phone)
          ? { where: (c: CustomerRecord) => (!phone || c.phone === phone) && (!matches || matches(c)) }
          : {}),
      });
    },

    getWallet: async (p, customerId) => wallets.get(partKey(p), customerId) ?? null,
    async appendWalletEntry(p, entry) {
      const part = partKey(p);
      const wallet = wallets.get(part, entry.customer_id);
      if (!wallet) return 'no_wallet';
      const balance = wallet.balance + entry.amount;
      if (balance < 0) return 'insufficient_funds';
      wallets.write(part, { ...wallet, balance, updated_at: entry.created_at });
      return ledger.write(part, { ...entry, balance_after: balance });
    },
    async listWalletTransactions(p, customerId, query) {
      const { type } = query.filters;
      return tablePage(ledger, partKey(p), WALLET_TRANSACTION_LIST, query, {
        bucket: ['customer_id', customerId],
        ...(type ? { where: (t: WalletTransactionRecord) => t.type === type } : {}),
      });
    },
  };
}
