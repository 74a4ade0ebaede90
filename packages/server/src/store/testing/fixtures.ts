import type { ApiKeyRecord } from '../accounts.js';
import type { WebhookEndpointRecord } from '../webhooks.js';
import type { Partition } from '../partition.js';
import type { ProductRecord } from '../products.js';

/** Records for tests, complete and valid, with overrides. */

/** A record maker: fresh defaults on every call, then the caller's overrides. */
const fixture = <R>(defaults: () => R) => (overrides: Partial<R> = {}): R => ({ ...defaults(), ...overrides });

export const LIVE_A: Partition = { accountId: 'acct_A', mode: 'live' };
export const TEST_A: Partition = { accountId: 'acct_A', mode: 'test' };
export const LIVE_B: Partition = { accountId: 'acct_B', mode: 'live' };

export const productRecord = fixture<ProductRecord>(() => ({
  sku: 'SKU-1',
  title: 'A product',
  description: null,
  status: 'draft',
  kind: 'physical',
  gtin: null,
  category_code: null,
  price: '10.00',
  cost_price: null,
  currency: 'INR',
  tax_rate: '0.00',
  weight_kg: null,
  images: [],
  attributes: {},
  external_ref: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
}));

export const apiKeyRecord = fixture<ApiKeyRecord>(() => ({
  id: 'key_1',
  account_id: 'acct_A',
  mode: 'test',
  prefix: 'nxc_test_abcd1234',
  hash: 'ff'.repeat(32),
  name: 'default',
  scopes: ['products:read'],
  plan: 'starter',
  rate_limits: null,
  batch_limit: 50,
  expires_at: null,
  ip_allowlist: [],
  revoked_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
}));

export const endpointRecord = fixture<WebhookEndpointRecord>(() => ({
  id: 'whk_0000000000000001',
  url: 'https://partner.example.com/h',
  events: ['ping'],
  description: null,
  enabled: true,
  disabled_reason: null,
  secret: 'whsec_x',
  previous_secret: null,
  previous_secret_expires_at: null,
  event_positions: { ping: 0 },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
}));
