import { ApiError, AuthenticationError, PermissionError, RateLimitError } from '@nexuscommerce/sdk';
import { describe, expect, it } from 'vitest';
import { contractSuite, covers } from './step.js';

const suite = contractSuite();
const product = (sku: string, price = '1.00') => ({ sku, title: sku, price, currency: 'INR' });

describe('system, account, auth and idempotency', () => {
  covers('getHealth', 'getMe');

  it('answers health without a key and describes the calling key', async () => {
    const s = await suite.trial();
    expect((await s.step('health', (c) => c.system.health())).status).toBeTruthy();
    const me = await s.step('me', (c) => c.account.get());
    expect(me).toMatchObject({ mode: 'test' });
  });

  it('401 for an unknown key, 403 SCOPE_DENIED naming the scope for a key with fewer scopes, 403 TENANT_MISMATCH', async () => {
    const s = await suite.trial();
    const unknown = await s.stepError('unknown key', (_c, run) => run.clientWithKey('nxc_test_00000000000000000000000000000000').products.list());
    expect(unknown).toBeInstanceOf(AuthenticationError);
    expect(unknown.code).toBe('UNAUTHORIZED');
    await s.each(async (run) => (run.vars.readOnly = await run.target.issueKey!(run.accountId, { scopes: ['products:read'] })));
    const denied = await s.stepError('write with a read-only key', (_c, run) => run.clientWithKey(run.vars.readOnly).products.create(product('X')));
    expect(denied).toBeInstanceOf(PermissionError);
    expect(denied.code).toBe('SCOPE_DENIED');
    expect(JSON.stringify(denied.details)).toContain('products:write');
    expect((await s.step('read with it', (_c, run) => run.clientWithKey(run.vars.readOnly).products.list())).data).toEqual([]);
    const tenant = await s.stepError('other tenant', (c) => c.products.list({ headers: { 'X-Tenant-ID': 'acct_someoneelse00' } }));
    expect(tenant.code).toBe('TENANT_MISMATCH');
  });

  it('keeps live and test data apart', async () => {
    const s = await suite.trial();
    await s.step('create in test', (c) => c.products.create(product('T-1')));
    await s.each(async (run) => (run.vars.live = await run.target.issueKey!(run.accountId, { mode: 'live' })));
    expect((await s.step('live sees nothing', (_c, run) => run.clientWithKey(run.vars.live).products.list())).data).toEqual([]);
  });

  it('replays an idempotent create, refuses the same key with another body, (the SDK always sends Idempotency-Key, so IDEMPOTENCY_KEY_REQUIRED cannot be provoked through it)', async () => {
    const s = await suite.trial();
    const first = await s.step('create', (c) => c.products.create(product('I-1'), { idempotencyKey: 'create-i-1' }));
    const again = await s.step('replay', (c) => c.products.create(product('I-1'), { idempotencyKey: 'create-i-1' }));
    expect(again).toEqual(first);
    const headers = await s.each(async (run) => run.exchanges.at(-1)!.headers['idempotent-replayed']);
    expect(headers).toEqual(headers.map(() => 'true'));
    const conflict = await s.stepError('other body', (c) => c.products.create(product('I-1', '2.00'), { idempotencyKey: 'create-i-1' }));
    expect([conflict.status, conflict.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('409 IDEMPOTENCY_IN_PROGRESS with Retry-After: 1 while the first request with the key still runs; then it answers, and the key replays it', async () => {
    const s = await suite.trial();
    const seen = await s.step('two requests, one key, the first held before it answers', async (c, run) => {
      const hold = run.target.holdAnswer!('same-key');
      const first = c.products.create(product('IP-1'), { idempotencyKey: 'same-key' });
      await Promise.race([hold.reached, first.then(() => Promise.reject(new Error('the first request answered without being held')))]);
      const second = await c.products.create(product('IP-1'), { idempotencyKey: 'same-key' }).then(
        () => 'created twice',
        (e: unknown) => (e instanceof ApiError ? `${e.status} ${e.code}` : String(e)),
      );
      hold.release();
      return { second, first: (await first).sku };
    });
    expect(seen).toEqual({ second: '409 IDEMPOTENCY_IN_PROGRESS', first: 'IP-1' });
    const retryAfter = await s.each(async (run) => run.exchanges.find((e) => e.status === 409)?.headers['retry-after']);
    expect(retryAfter).toEqual(retryAfter.map(() => '1'));
    expect((await s.step('the same key afterwards', (c) => c.products.create(product('IP-1'), { idempotencyKey: 'same-key' }))).sku).toBe('IP-1');
    const replayed = await s.each(async (run) => run.exchanges.at(-1)!.headers['idempotent-replayed']);
    expect(replayed).toEqual(replayed.map(() => 'true'));
  });

  it('429 RATE_LIMITED with Retry-After once a key has spent its per-minute limit', async () => {
    const s = await suite.trial();
    // A key with a tiny override: the limit is reached on purpose, not by racing the clock.
    await s.each(async (run) => (run.vars.limited = await run.target.issueKey!(run.accountId, { rateLimits: { per_minute: 2, per_hour: 100 } })));
    for (const n of [1, 2]) await s.step(`request ${n} of 2`, (_c, run) => run.clientWithKey(run.vars.limited).products.list());
    const limits = await s.each(async (run) => run.exchanges.at(-1)!.headers['x-ratelimit-limit']);
    expect(limits).toEqual(limits.map(() => '2'));
    const refused = await s.stepError('the third', (_c, run) => run.clientWithKey(run.vars.limited).products.list());
    expect(refused).toBeInstanceOf(RateLimitError);
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
    const retryAfter = await s.each(async (run) => Number(run.exchanges.at(-1)!.headers['retry-after']));
    expect(retryAfter.every((seconds) => seconds >= 1 && seconds <= 60)).toBe(true);
    // Another key of the same account is not affected: limits are per key.
    await s.step('the account\'s other key', (c) => c.products.list());
  });
});
