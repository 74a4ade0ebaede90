import { createAccount, createMemoryStore, issueApiKey, systemClock } from '@nexuscommerce/server';
import { startServer } from '@nexuscommerce/server/node';

/**
 * The reference server on the memory store, on a free loopback port, with a test key for a fresh
 * account: what the SDK on another Node talks to.
 *
 * @example
 * const target = await startSdkTarget();
 * await target.close();
 */
export async function startSdkTarget(): Promise<{ baseUrl: string; apiKey: string; close(): Promise<void> }> {
  const store = createMemoryStore();
  const account = await createAccount(store, systemClock, 'Package check');
  const { secret } = await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test', plan: 'enterprise' });
  const running = await startServer({ store, port: 0 });
  return { baseUrl: running.url, apiKey: secret, close: () => running.close() };
}
