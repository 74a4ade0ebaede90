import { AuthenticationError, PermissionError } from '@nexuscommerce/sdk';
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
});
