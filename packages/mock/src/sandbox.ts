import { ALL_SCOPES, createAccount, issueApiKey, type Clock, type Partition, type Store } from '@nexuscommerce/server';
import { createRandom } from './prng.js';

/** The sandbox identity a seed always produces: same seed, same account, key and webhook secret. */
export interface SandboxIdentity {
  accountId: string;
  keyId: string;
  /** `nxc_test_…`, all scopes. */
  apiKey: string;
  /** `whsec_…`, signs recorded webhooks unless the seed created an endpoint with its own secret. */
  webhookSecret: string;
  /** Signs list cursors: the same seed gives the same cursors, so recorded answers stay byte-for-byte stable. */
  cursorSecret: string;
  partition: Partition;
}

const TEST_PREFIX = 'nxc_test_';
// Must match the server's key format: the public prefix is the mode prefix plus 8 secret characters.
const PREFIX_SECRET_CHARS = 8;

/**
 * Derives the sandbox identity from a seed. Pure and synchronous, so `mock.apiKey` is known
 * before the store is filled.
 *
 * @example
 * sandboxIdentity(1).apiKey; // 'nxc_test_…', the same on every run
 */
export function sandboxIdentity(seed: number): SandboxIdentity {
  const random = createRandom(seed).fork('sandbox');
  const accountId = `acct_${random.base62(12)}`;
  const keyId = `key_${random.base62(16)}`;
  const apiKey = `${TEST_PREFIX}${random.base62(32)}`;
  const secretBytes = Uint8Array.from({ length: 32 }, () => random.int(0, 255));
  return {
    accountId,
    keyId,
    apiKey,
    webhookSecret: `whsec_${btoa(String.fromCharCode(...secretBytes))}`,
    // Its own fork: drawing it shifts nothing else the seed makes.
    cursorSecret: `mock-cursors-${createRandom(seed).fork('cursor').base62(43)}`,
    partition: { accountId, mode: 'test' },
  };
}

/**
 * Creates the sandbox account and its key with the server's own helpers. Those draw random ids
 * and secrets, so the records are pinned to the seeded identity on their way into the store;
 * every other field (scopes, limits, defaults) is the server's.
 */
export async function createSandbox(store: Store, clock: Clock, identity: SandboxIdentity): Promise<void> {
  const hash = await sha256Hex(identity.apiKey);
  const pinned: Store = {
    ...store,
    accounts: {
      ...store.accounts,
      create: (account) => store.accounts.create({ ...account, id: identity.accountId }),
      createKey: (record) =>
        store.accounts.createKey({
          ...record,
          id: identity.keyId,
          prefix: identity.apiKey.slice(0, TEST_PREFIX.length + PREFIX_SECRET_CHARS),
          hash,
        }),
    },
  };
  await createAccount(pinned, clock, 'NexusCommerce sandbox');
  await issueApiKey(pinned, clock, {
    accountId: identity.accountId,
    mode: 'test',
    name: 'sandbox',
    scopes: [...ALL_SCOPES],
    // The highest plan, so a test suite does not trip limits by accident; `rateLimited()` forces them.
    plan: 'enterprise',
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
