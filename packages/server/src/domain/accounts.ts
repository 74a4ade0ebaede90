import { generateApiKey, hashApiKey, parseApiKey } from '../auth/api-keys.js';
import type { Clock } from '../clock.js';
import { newId, randomBase62 } from '../ids.js';
import type { Store } from '../store/port.js';
import type { Account, ApiKeyRecord, Plan, RateLimits } from '../store/accounts.js';
import type { Mode } from '../store/partition.js';

/**
 * Every scope of the contract; new keys get all of them unless told otherwise.
 *
 * @example
 * await issueApiKey(store, clock, { accountId, mode: 'test', scopes: ALL_SCOPES.filter((s) => s.endsWith(':read')) });
 */
export const ALL_SCOPES = [
  'products:read', 'products:write', 'categories:read', 'categories:write', 'dealers:read',
  'dealers:write', 'customers:read', 'customers:write', 'orders:read', 'orders:write',
  'inventory:read', 'inventory:write', 'wallet:read', 'wallet:write', 'jobs:read', 'webhooks:manage',
];

export interface NewKeyOptions {
  accountId: string;
  mode: Mode;
  name?: string;
  scopes?: string[];
  plan?: Plan;
  rateLimits?: RateLimits | null;
  batchLimit?: number;
  expiresAt?: string | null;
  ipAllowlist?: string[];
}

/**
 * Creates an account (`acct_…`).
 *
 * @example
 * const account = await createAccount(store, clock, 'Sandbox');
 */
export async function createAccount(store: Store, clock: Clock, name: string): Promise<Account> {
  const account = { id: newId('acct', 12), name, created_at: clock.now().toISOString() };
  await store.accounts.create(account);
  return account;
}

/**
 * Issues an API key. The secret is returned once, here; only its hash is stored.
 *
 * @example
 * const { secret } = await issueApiKey(store, clock, { accountId: account.id, mode: 'test' });
 */
export async function issueApiKey(
  store: Store,
  clock: Clock,
  options: NewKeyOptions,
): Promise<{ secret: string; record: ApiKeyRecord }> {
  // Prefixes are unique; a collision (1 in 62^8) just draws again.
  for (;;) {
    const secret = generateApiKey(options.mode);
    const { prefix } = parseApiKey(secret)!;
    if (await store.accounts.findKeyByPrefix(prefix)) continue;
    const record: ApiKeyRecord = {
      id: `key_${randomBase62(16)}`,
      account_id: options.accountId,
      mode: options.mode,
      prefix,
      hash: await hashApiKey(secret),
      name: options.name ?? 'default',
      scopes: options.scopes ?? ALL_SCOPES,
      plan: options.plan ?? 'starter',
      rate_limits: options.rateLimits ?? null,
      batch_limit: options.batchLimit ?? 50,
      expires_at: options.expiresAt ?? null,
      ip_allowlist: options.ipAllowlist ?? [],
      revoked_at: null,
      created_at: clock.now().toISOString(),
    };
    await store.accounts.createKey(record);
    return { secret, record };
  }
}
