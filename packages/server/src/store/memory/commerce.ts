import type { CommerceStoreOps } from '../commerce-port.js';
import { CUSTOMER_LIST, ORDER_LIST, WALLET_TRANSACTION_LIST } from '../commerce-types.js';
import type {
  CustomerRecord,
  OrderRecord,
  Partition,
  WalletRecord,
  WalletTransactionRecord,
} from '../types.js';
import { keysetPage } from './keyset.js';

/** The tables of customers, wallets and orders, kept by the memory store. */
export interface CommerceMemoryState {
  customers: Map<string, CustomerRecord>;
  wallets: Map<string, WalletRecord>;
  ledgers: Map<string, WalletTransactionRecord[]>;
  orders: Map<string, OrderRecord>;
  counters: Map<string, number>;
}

export function createCommerceMemoryState(): CommerceMemoryState {
  return { customers: new Map(), wallets: new Map(), ledgers: new Map(), orders: new Map(), counters: new Map() };
}

type Setter = <K, V>(map: Map<K, V>, key: K, value: V) => void;

const part = (p: Partition) => `${p.accountId}|${p.mode}`;
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The memory store's customer, wallet and order operations. `set` records undo steps, so they
 * roll back with the surrounding transaction.
 */
export function commerceMemoryOps(state: CommerceMemoryState, set: Setter): CommerceStoreOps {
  const rowsOf = <T>(map: Map<string, T>, p: Partition) =>
    [...map.entries()].filter(([k]) => k.startsWith(`${part(p)}|`)).map(([, v]) => v);
  const clash = (p: Partition, c: CustomerRecord) => {
    const others = rowsOf(state.customers, p).filter((r) => r.id !== c.id);
    if (c.phone && others.some((r) => r.phone === c.phone)) return 'duplicate_phone' as const;
    if (c.external_ref && others.some((r) => r.external_ref === c.external_ref)) return 'duplicate_external_ref' as const;
    return null;
  };

  return {
    async insertCustomer(p, customer, wallet) {
      const problem = clash(p, customer);
      if (problem) return problem;
      set(state.customers, `${part(p)}|${customer.id}`, copy(customer));
      set(state.wallets, `${part(p)}|${customer.id}`, copy(wallet));
      return 'ok';
    },
    async getCustomer(p, id) {
      const row = state.customers.get(`${part(p)}|${id}`);
      return row ? copy(row) : null;
    },
    async findCustomerByPhone(p, phone) {
      const row = rowsOf(state.customers, p).find((r) => r.phone === phone);
      return row ? copy(row) : null;
    },
    async updateCustomer(p, customer) {
      const id = `${part(p)}|${customer.id}`;
      if (!state.customers.has(id)) return 'not_found';
      const problem = clash(p, customer);
      if (problem) return problem;
      set(state.customers, id, copy(customer));
      return 'ok';
    },
    async listCustomers(p, query) {
      const { search, email, phone } = query.filters;
      const needle = search?.toLowerCase();
      const matching = rowsOf(state.customers, p).filter(
        (r) =>
          (!email || r.email?.toLowerCase() === email.toLowerCase()) &&
          (!phone || r.phone === phone) &&
          (!needle || [r.name, r.email ?? '', r.phone ?? ''].some((v) => v.toLowerCase().includes(needle))),
      );
      const page = keysetPage(matching, CUSTOMER_LIST, query);
      return { ...page, items: page.items.map(copy) };
    },

    async getWallet(p, customerId) {
      const row = state.wallets.get(`${part(p)}|${customerId}`);
      return row ? copy(row) : null;
    },
    async appendWalletEntry(p, entry) {
      const id = `${part(p)}|${entry.customer_id}`;
      const wallet = state.wallets.get(id);
      if (!wallet) return 'no_wallet';
      const balance = wallet.balance + entry.amount;
      if (balance < 0) return 'insufficient_funds';
      const record: WalletTransactionRecord = { ...copy(entry), balance_after: balance };
      set(state.wallets, id, { ...wallet, balance, updated_at: entry.created_at });
      set(state.ledgers, id, [...(state.ledgers.get(id) ?? []), record]);
      return copy(record);
    },
    async listWalletTransactions(p, customerId, query) {
      const type = query.filters.type;
      const matching = (state.ledgers.get(`${part(p)}|${customerId}`) ?? []).filter((r) => !type || r.type === type);
      const page = keysetPage(matching, WALLET_TRANSACTION_LIST, query);
      return { ...page, items: page.items.map(copy) };
    },

    async nextOrderSequence(p, year) {
      const id = `${part(p)}|${year}`;
      const next = (state.counters.get(id) ?? 0) + 1;
      set(state.counters, id, next);
      return next;
    },
    async insertOrder(p, order) {
      if (order.external_ref && rowsOf(state.orders, p).some((r) => r.external_ref === order.external_ref)) {
        return 'duplicate_external_ref';
      }
      set(state.orders, `${part(p)}|${order.id}`, copy(order));
      return 'created';
    },
    async getOrder(p, id) {
      const row = state.orders.get(`${part(p)}|${id}`);
      return row ? copy(row) : null;
    },
    async findOrderIdByExternalRef(p, externalRef) {
      return rowsOf(state.orders, p).find((r) => r.external_ref === externalRef)?.id ?? null;
    },
    async updateOrder(p, order) {
      const id = `${part(p)}|${order.id}`;
      if (!state.orders.has(id)) return false;
      set(state.orders, id, copy(order));
      return true;
    },
    async openOrderIdForSku(p, sku) {
      const open = rowsOf(state.orders, p).find(
        (r) => (r.status === 'pending' || r.status === 'confirmed') && r.items.some((item) => item.sku === sku),
      );
      return open?.id ?? null;
    },
    async listOrders(p, query) {
      const f = query.filters;
      const matching = rowsOf(state.orders, p).filter(
        (r) =>
          (!f.status || r.status === f.status) &&
          (!f.marketplace || r.marketplace === f.marketplace) &&
          (!f.customer_id || r.customer_id === f.customer_id) &&
          (!f.created_from || r.created_at >= f.created_from) &&
          (!f.created_to || r.created_at < f.created_to),
      );
      const page = keysetPage(matching, ORDER_LIST, query);
      return { ...page, items: page.items.map(copy) };
    },
  };
}
