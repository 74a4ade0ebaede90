import type { Mode } from './partition.js';

/** Accounts and their API keys. Neither belongs to a partition: a key opens one. */

export type Plan = 'starter' | 'growth' | 'enterprise';

export interface Account {
  id: string;
  name: string;
  created_at: string;
}

export interface RateLimits {
  per_minute: number;
  per_hour: number;
}

export interface ApiKeyRecord {
  id: string;
  account_id: string;
  mode: Mode;
  /** The first characters of the key, shown to people and used to find the record. */
  prefix: string;
  /** Hex SHA-256 of the whole key; the key itself is never stored. */
  hash: string;
  name: string;
  scopes: string[];
  plan: Plan;
  /** Per-key override of the plan's limits. */
  rate_limits: RateLimits | null;
  batch_limit: number;
  expires_at: string | null;
  /** CIDRs; empty means any address. */
  ip_allowlist: string[];
  revoked_at: string | null;
  created_at: string;
}

export interface AccountsPort {
  create(account: Account): Promise<void>;
  get(id: string): Promise<Account | null>;
  /** Oldest first. */
  list(): Promise<Account[]>;
  createKey(key: ApiKeyRecord): Promise<void>;
  findKeyByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  /** Oldest first. */
  listKeys(accountId: string): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked; false when no such key (or already revoked). */
  revokeKey(idOrPrefix: string, at: string): Promise<boolean>;
}
