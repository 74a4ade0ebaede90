import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import { createAccount, issueApiKey, type NewKeyOptions } from '../domain/accounts.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { Store } from '../store/port.js';
import { assertMatchesSpec } from './spec-responses.js';

/** A clock tests can move. */
export function manualClock(start = '2026-01-01T00:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/**
 * An app on the memory store with one account and a test key holding every scope, plus
 * helpers to call it like a client would.
 */
export async function setup(config: Partial<ServerConfig> = {}, store: Store = createMemoryStore()) {
  const clock = manualClock();
  const app = createApp({ store, clock, config });
  const account = await createAccount(store, clock, 'Acme');
  const { secret: key } = await issueApiKey(store, clock, { accountId: account.id, mode: 'test' });
  let counter = 0;

  const newKey = async (options: Partial<NewKeyOptions> = {}) =>
    (await issueApiKey(store, clock, { accountId: account.id, mode: 'test', ...options })).secret;

  /** Calls the app; POST/PATCH get a fresh Idempotency-Key unless one is given (or null). */
  async function call(
    method: string,
    path: string,
    options: {
      body?: unknown;
      raw?: BodyInit;
      key?: string | null;
      headers?: Record<string, string>;
      idempotencyKey?: string | null;
    } = {},
  ) {
    const headers = new Headers(options.headers);
    const apiKey = options.key === undefined ? key : options.key;
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
    if ((method === 'POST' || method === 'PATCH') && options.idempotencyKey !== null) {
      headers.set('idempotency-key', options.idempotencyKey ?? `idem-${++counter}`);
    }
    let body: BodyInit | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const res = await app.fetch(new Request(`http://localhost${path}`, { method, headers, body }));
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    assertMatchesSpec(method, path, res.status, parsed, res.headers);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  return { app, store, clock, account, key, newKey, call };
}

/** A valid create body. */
export function productBody(overrides: Record<string, unknown> = {}) {
  return { sku: 'TSHIRT-1', title: 'T-shirt', price: '799.00', currency: 'INR', ...overrides };
}
