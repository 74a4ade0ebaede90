import type { AccountsPort } from '../accounts.js';
import type { SqlExecutor } from './client.js';
import { accountFromRow, apiKeyFromRow, json } from './rows.js';

/**
 * Accounts and API keys in SQL.
 *
 * @example
 * const accounts = sqlAccounts(db);
 */
export function sqlAccounts(db: SqlExecutor): AccountsPort {
  return {
    async create(a) {
      await db.query('INSERT INTO accounts (id, name, created_at) VALUES ($1, $2, $3::timestamptz)', [a.id, a.name, a.created_at]);
    },
    async get(id) {
      const [row] = await db.query('SELECT * FROM accounts WHERE id = $1', [id]);
      return row ? accountFromRow(row) : null;
    },
    async list() {
      return (await db.query('SELECT * FROM accounts ORDER BY created_at, id')).map(accountFromRow);
    },

    async createKey(k) {
      await db.query(
        `INSERT INTO api_keys (id, account_id, mode, prefix, hash, name, scopes, plan, rate_limits,
           batch_limit, expires_at, ip_allowlist, revoked_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9::text::jsonb, $10, $11::timestamptz,
           $12::text::jsonb, $13::timestamptz, $14::timestamptz)`,
        [k.id, k.account_id, k.mode, k.prefix, k.hash, k.name, json(k.scopes), k.plan,
          k.rate_limits ? json(k.rate_limits) : null, k.batch_limit, k.expires_at,
          json(k.ip_allowlist), k.revoked_at, k.created_at],
      );
    },
    async findKeyByPrefix(prefix) {
      const [row] = await db.query('SELECT * FROM api_keys WHERE prefix = $1', [prefix]);
      return row ? apiKeyFromRow(row) : null;
    },
    async listKeys(accountId) {
      const rows = await db.query('SELECT * FROM api_keys WHERE account_id = $1 ORDER BY created_at, id', [accountId]);
      return rows.map(apiKeyFromRow);
    },
    async revokeKey(idOrPrefix, at) {
      const rows = await db.query(
        `UPDATE api_keys SET revoked_at = $2::timestamptz
         WHERE (id = $1 OR prefix = $1) AND revoked_at IS NULL RETURNING id`,
        [idOrPrefix, at],
      );
      return rows.length > 0;
    },
  };
}
