import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import { createAccount, issueApiKey } from '../domain/accounts.js';
import type { RateLimiter } from '../rate-limit/port.js';
import { seedSandbox, type SeedReport } from '../seed/index.js';
import type { Plan } from '../store/accounts.js';
import type { Store } from '../store/port.js';

/**
 * The plan of the key the first start prints: growth (300 requests a minute, 10,000 an hour)
 * lets the READMEs' walkthroughs and the SDK's 5,000-record ingest finish without waiting on
 * the limits, which a starter key (60 a minute) would make them do. Decision 044.
 */
export const SANDBOX_KEY_PLAN: Plan = 'growth';
/** The mock's default seed: the same demo data in both. */
export const SANDBOX_SEED = 1;

export interface Sandbox {
  accountId: string;
  secret: string;
  /** What the seed created; absent with `--empty`. */
  seeded?: SeedReport;
}

// The seed sends some 900 requests at once; they are the server's own, not the key's budget.
const unlimited: RateLimiter = {
  consume: async (_key, windows) => windows.map((w) => ({ allowed: true, limit: w.points, remaining: w.points, resetInMs: w.durationSeconds * 1000 })),
};

/**
 * On a store without accounts (a fresh data folder, every memory start): a sandbox account, a
 * test key holding every scope, and unless `empty` the mock's demo data, written through the API
 * itself so every record is valid by construction. Null when the store has accounts already.
 */
export async function prepareSandbox(store: Store, clock: Clock, options: { empty: boolean; onSeed?: () => void }): Promise<Sandbox | null> {
  if ((await store.accounts.list()).length > 0) return null;
  const account = await createAccount(store, clock, 'Sandbox');
  const { secret } = await issueApiKey(store, clock, { accountId: account.id, mode: 'test', name: 'first start', plan: SANDBOX_KEY_PLAN });
  if (options.empty) return { accountId: account.id, secret };
  options.onSeed?.();
  const app = createApp({ store, clock, config: { rateLimiter: unlimited } });
  const seeded = await seedSandbox({
    fetch: (request) => Promise.resolve(app.fetch(request)),
    baseUrl: 'http://sandbox.local',
    apiKey: secret,
    seed: SANDBOX_SEED,
    // Its host exists only inside the mock: a real server would retry deliveries to it forever.
    webhookEndpoint: false,
  });
  return { accountId: account.id, secret, seeded };
}
