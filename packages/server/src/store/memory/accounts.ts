import type { Account, AccountsPort, ApiKeyRecord } from '../accounts.js';
import type { Journal } from './journal.js';
import { Table } from './table.js';

// Accounts and keys belong to no partition: one shared one holds them.
const ALL = '';
const byAge = { created_at: (row: { created_at: string }) => row.created_at };

/**
 * Accounts and API keys in memory: declared tables, no rules of their own.
 *
 * @example
 * const accounts = memoryAccounts(journal);
 */
export function memoryAccounts(journal: Journal): AccountsPort {
  const accounts = new Table<Account>({ keys: ['id'], sorts: byAge }, journal);
  const keys = new Table<ApiKeyRecord>({
    keys: ['id'],
    unique: { prefix: (k) => k.prefix },
    sorts: byAge,
    buckets: { account: (k) => k.account_id },
  }, journal);
  const all = { sort: 'created_at', order: 'asc', limit: Number.POSITIVE_INFINITY } as const;
  return {
    async create(account) {
      accounts.write(ALL, account);
    },
    get: async (id) => accounts.get(ALL, id) ?? null,
    list: async () => accounts.page(ALL, all).items,
    async createKey(key) {
      keys.write(ALL, key);
    },
    findKeyByPrefix: async (prefix) => keys.find(ALL, 'prefix', prefix) ?? null,
    listKeys: async (accountId) => keys.page(ALL, { ...all, bucket: ['account', accountId] }).items,
    async revokeKey(idOrPrefix, at) {
      const key = keys.get(ALL, idOrPrefix) ?? keys.find(ALL, 'prefix', idOrPrefix);
      if (!key || key.revoked_at) return false;
      keys.write(ALL, { ...key, revoked_at: at });
      return true;
    },
  };
}
