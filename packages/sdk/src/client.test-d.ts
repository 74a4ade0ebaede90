import { describe, expectTypeOf, it } from 'vitest';
import { createNexusClient } from './client.js';
import type { ApiError, ConflictError } from './errors.js';
import type { IngestResult } from './ingest.js';
import type { JobHandle } from './jobs.js';
import type { Page, PagePromise } from './pagination.js';
import type { ValidSpec } from './resource-types.js';
import type { NexusResourceTable } from './resources.js';
import type { ClientPaths, Job, Schemas } from './schema.js';
import type { CallOptions } from './transport.js';

const nexus = createNexusClient({ apiKey: 'nxc_test_x' });

describe('resource methods take their types from the spec', () => {
  it('unwraps the data envelope', () => {
    expectTypeOf(nexus.products.get).parameters.toEqualTypeOf<[string, CallOptions?]>();
    expectTypeOf(nexus.products.get('A')).resolves.toEqualTypeOf<Schemas['Product']>();
    expectTypeOf(nexus.jobs.get('job_1')).resolves.toEqualTypeOf<Job>();
    expectTypeOf(nexus.account.get()).resolves.toEqualTypeOf<Schemas['Me']>();
    // Health is not enveloped, so it comes back whole.
    expectTypeOf(nexus.system.health()).resolves.toEqualTypeOf<Schemas['Health']>();
  });

  it('puts path parameters first, in path order', () => {
    expectTypeOf(nexus.webhooks.redeliver).parameters.toEqualTypeOf<[string, string, CallOptions?]>();
    expectTypeOf(nexus.wallets.recharge).parameter(1).toEqualTypeOf<Schemas['WalletRecharge']>();
  });

  it('lists as a PagePromise of items, with query parameters beside call options', () => {
    const list = nexus.products.list({ status: 'active', limit: 10, signal: AbortSignal.timeout(1) });
    // Items have every field: the resource's own type (as a projection with all fields present).
    expectTypeOf(list).toEqualTypeOf<PagePromise<Required<Schemas['ProductProjection']>>>();
    expectTypeOf(list).resolves.toEqualTypeOf<Page<Required<Schemas['ProductProjection']>>>();
    expectTypeOf<Required<Schemas['ProductProjection']>>().toExtend<Schemas['Product']>();
    expectTypeOf<Schemas['Product']>().toExtend<Required<Schemas['ProductProjection']>>();
    expectTypeOf(nexus.wallets.listTransactions('cus_1')).toEqualTypeOf<PagePromise<Required<Schemas['WalletTransactionProjection']>>>();
    // @ts-expect-error: not a status of the spec
    nexus.products.list({ status: 'sold' });
  });

  it('checks bodies', () => {
    nexus.products.create({ sku: 'A', title: 'T', price: '1.00', currency: 'EUR' });
    // @ts-expect-error: price is required
    nexus.products.create({ sku: 'A', title: 'T', currency: 'EUR' });
    nexus.products.update('A', { title: 'New' }, { idempotencyKey: 'k' });
    // @ts-expect-error: a POST with a body needs it
    nexus.orders.create();
  });

  it('returns void for 204 and a JobHandle for 202', () => {
    expectTypeOf(nexus.products.delete('A')).resolves.toBeVoid();
    expectTypeOf(nexus.products.batch({ items: [] })).resolves.toEqualTypeOf<JobHandle>();
    expectTypeOf(nexus.orders.batch).returns.resolves.toEqualTypeOf<JobHandle>();
    expectTypeOf(nexus.jobs.cancel).parameters.toEqualTypeOf<[string, CallOptions?]>();
  });

  it('adds ingest() where there is a batch operation, typed by the batch item', () => {
    expectTypeOf(nexus.products.ingest).parameter(0).toEqualTypeOf<Iterable<Schemas['ProductCreate']> | AsyncIterable<Schemas['ProductCreate']>>();
    expectTypeOf(nexus.inventory.ingest).parameter(0).toEqualTypeOf<Iterable<Schemas['InventoryBatchItem']> | AsyncIterable<Schemas['InventoryBatchItem']>>();
    expectTypeOf(nexus.orders.ingest).returns.resolves.toEqualTypeOf<IngestResult>();
    expectTypeOf(nexus.jobs).not.toHaveProperty('ingest');
  });

  it('types error bodies and error codes from the spec', async () => {
    const { error } = await nexus.raw.POST('/v1/products', { body: { sku: 'A', title: 'T', price: '1.00', currency: 'EUR' } });
    expectTypeOf(error!.request_id).toEqualTypeOf<string>();
    expectTypeOf(error!.error.code).toEqualTypeOf<Schemas['ErrorCode']>();
    expectTypeOf(error!.error.details).toEqualTypeOf<Schemas['ErrorDetail'][]>();
    expectTypeOf<ApiError['code']>().toEqualTypeOf<Schemas['ErrorCode'] | undefined>();
    expectTypeOf<ConflictError['code']>().toEqualTypeOf<Schemas['ErrorCode'] | undefined>();
  });

  it('types raw with optional key headers (the transport adds them)', async () => {
    const { data } = await nexus.raw.POST('/v1/products', { body: { sku: 'A', title: 'T', price: '1.00', currency: 'EUR' } });
    expectTypeOf(data!.data.sku).toEqualTypeOf<string>();
  });
});

describe('the resource table', () => {
  type Lines = { [R in keyof NexusResourceTable]: NexusResourceTable[R][keyof NexusResourceTable[R]] }[keyof NexusResourceTable];

  it('covers every operation of the spec', () => {
    type Missing = Exclude<ValidSpec<ClientPaths>, Lines>;
    expectTypeOf<[Missing] extends [never] ? 'all covered' : Missing>().toEqualTypeOf<'all covered'>();
  });

  it('accepts only lines the spec has, with the right verb', () => {
    expectTypeOf<'LIST /v1/products'>().toExtend<ValidSpec<ClientPaths>>();
    expectTypeOf<'GET /v1/products'>().not.toExtend<ValidSpec<ClientPaths>>(); // paginated: LIST
    expectTypeOf<'POST /v1/jobs/{job_id}/cancel'>().not.toExtend<ValidSpec<ClientPaths>>(); // no body: ACTION
    expectTypeOf<'POST /v1/nothing'>().not.toExtend<ValidSpec<ClientPaths>>();
  });
});
