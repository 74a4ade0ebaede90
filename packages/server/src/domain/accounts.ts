import { generateApiKey, hashApiKey, parseApiKey } from '../auth/api-keys.js';
import type { Clock } from '../clock.js';
import { newId, randomBase62 } from '../ids.js';
import type { Store } from '../store/port.js';
import type { Account, ApiKeyRecord, Plan } from '../store/accounts.js';
import type { Mode } from '../store/partition.js';
import { ALL_SCOPES, InvalidKeySettingsError, keySettingProblems, parseIsoInstant, type KeySettings } from './key-options.js';

export { ALL_SCOPES } from './key-options.js';

export interface NewKeyOptions extends KeySettings {
  accountId: string;
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
 * Issues an API key. The secret is returned once, here; only its hash is stored. Settings with
 * which the key could not work are refused with `InvalidKeySettingsError`, before anything is stored.
 *
 * @example
 * const { secret } = await issueApiKey(store, clock, { accountId: account.id, mode: 'test' });
 */
export async function issueApiKey(
  store: Store,
  clock: Clock,
  options: NewKeyOptions,
): Promise<{ secret: string; record: ApiKeyRecord }> {
  const problems = keySettingProblems(options, clock.now());
  if (problems.length > 0) throw new InvalidKeySettingsError(problems);
  const expiresAt = options.expiresAt ? parseIsoInstant(options.expiresAt)!.toISOString() : null;
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
      scopes: options.scopes ?? [...ALL_SCOPES],
      plan: options.plan ?? 'starter',
      rate_limits: options.rateLimits ?? null,
      batch_limit: options.batchLimit ?? 50,
      expires_at: expiresAt,
      ip_allowlist: options.ipAllowlist ?? [],
      revoked_at: null,
      created_at: clock.now().toISOString(),
    };
    await store.accounts.createKey(record);
    return { secret, record };
  }
}

/** Thrown when a key is asked for on an account that does not exist. */
export class UnknownAccountError extends Error {
  readonly accountId: string;
  constructor(accountId: string) {
    super(`No account ${accountId}.`);
    this.accountId = accountId;
    this.name = 'UnknownAccountError';
  }
}

/**
 * Issues a key on `accountId`, or on the oldest account when none is named (a fresh store gets a
 * `Sandbox` account first): what `nexus-server keys create` does, in or out of a running server.
 *
 * @example
 * const { secret, record } = await issueKeyOnAccount(store, clock, { mode: 'test', plan: 'growth' });
 */
export async function issueKeyOnAccount(
  store: Store,
  clock: Clock,
  options: KeySettings & { accountId?: string },
): Promise<{ secret: string; record: ApiKeyRecord }> {
  const problems = keySettingProblems(options, clock.now());
  if (problems.length > 0) throw new InvalidKeySettingsError(problems);
  const accountId = options.accountId ?? (await store.accounts.list())[0]?.id ?? (await createAccount(store, clock, 'Sandbox')).id;
  if (!(await store.accounts.get(accountId))) throw new UnknownAccountError(accountId);
  return issueApiKey(store, clock, { ...options, accountId });
}

/** A key as people see it: never the secret or its hash. */
export interface KeySummary {
  id: string;
  /** As shown: the public prefix followed by `…`; `revokeApiKey` takes it back as it is. */
  prefix: string;
  account_id: string;
  name: string;
  mode: Mode;
  plan: Plan;
  state: 'active' | 'revoked' | 'expired';
  scopes: string[];
  expires_at: string | null;
}

/**
 * The keys of one account, or of every account, oldest first.
 *
 * @example
 * for (const key of await listKeySummaries(store, clock)) console.log(key.prefix, key.state);
 */
export async function listKeySummaries(store: Store, clock: Clock, accountId?: string): Promise<KeySummary[]> {
  const accounts = accountId ? [accountId] : (await store.accounts.list()).map((a) => a.id);
  const now = clock.now().toISOString();
  const summaries: KeySummary[] = [];
  for (const id of accounts) {
    for (const k of await store.accounts.listKeys(id)) {
      const state = k.revoked_at ? 'revoked' : k.expires_at && k.expires_at <= now ? 'expired' : 'active';
      summaries.push({ id: k.id, prefix: `${k.prefix}…`, account_id: id, name: k.name, mode: k.mode, plan: k.plan, state, scopes: k.scopes, expires_at: k.expires_at });
    }
  }
  return summaries;
}

/**
 * Revokes a key named by its id (`key_…`) or its prefix, also as listed (`nxc_test_AbCd1234…`,
 * or with three dots). False when no active key has that name.
 *
 * @example
 * await revokeApiKey(store, clock, 'nxc_test_AbCd1234…');
 */
export function revokeApiKey(store: Store, clock: Clock, idOrPrefix: string): Promise<boolean> {
  const name = idOrPrefix.trim().replace(/(…|\.\.\.)$/, '');
  return store.accounts.revokeKey(name, clock.now().toISOString());
}
