import type { Job } from '@nexuscommerce/sdk';
import { describe, expect, it } from 'vitest';
import { contractSuite, covers } from './step.js';

const suite = contractSuite();
const product = (sku: string, extra: Record<string, unknown> = {}) => ({ sku, title: sku, price: '10.00', currency: 'INR', ...extra });

describe('batch jobs', () => {
  covers('batchUpsertProducts', 'batchUpsertCategories', 'batchUpsertDealers', 'batchSetInventory', 'batchImportOrders', 'syncProduct');
  covers('getJob', 'listJobs', 'cancelJob');

  it('accepts every batch operation with 202 + Location, and rejects shape errors and oversize batches whole', async () => {
    const s = await suite.trial();
    await s.step('product', (c) => c.products.create(product('TEE')));
    const ids = await s.step('submit one batch of each kind', async (c) => [
      (await c.products.batch({ items: [product('NEW-1')] } as never)).id,
      (await c.categories.batch({ items: [{ category_code: 'a', name: 'A' }] } as never)).id,
      (await c.dealers.batch({ items: [{ code: 'DLR-1', name: 'D' }] } as never)).id,
      (await c.inventory.batch({ items: [{ sku: 'TEE', location_code: 'WH-1', on_hand: 3 }] } as never)).id,
      (await c.orders.batch({ items: [{ location_code: 'WH-1', items: [{ sku: 'TEE', quantity: 1 }], payment_method: 'cash', external_ref: 'POS-1', placed_at: '2025-12-14T11:20:00Z' }] } as never)).id,
      (await c.products.sync('TEE', { marketplaces: ['amazon'] } as never)).id,
    ]);
    expect(ids.every((id) => /^job_/.test(id))).toBe(true);
    const over = await s.stepError('51 items', (c) => c.categories.batch({ items: Array.from({ length: 51 }, (_, i) => ({ category_code: `c${i}`, name: 'C' })) } as never));
    expect(over.code).toBe('VALIDATION_FAILED');
    const shape = await s.stepError('shape error', (c) => c.products.batch({ items: [product('OK-1'), { sku: 'X', price: 5 }] } as never));
    expect(shape.details.some((d) => d.field.startsWith('items.1.'))).toBe(true);
    expect((await s.stepError('sync unknown sku', (c) => c.products.sync('NOPE', {} as never))).code).toBe('NOT_FOUND');
    expect((await s.stepError('unknown job', (c) => c.jobs.get('job_0000000000000000000'))).code).toBe('NOT_FOUND');
  });

  it('runs a products batch from 202 to partially_failed with per-record errors', async () => {
    const s = await suite.trial();
    await s.step('existing product', (c) => c.products.create(product('OLD-1')));
    await s.step('submit', async (c, run) => {
      const job = await c.products.batch({ items: [product('OLD-1', { price: '12.00' }), product('NEW-1'), product('BAD-1', { gtin: '4006381333932' })] } as never);
      run.vars.job = job.id;
    });
    const done = await s.step('wait until finished', async (c, run) => {
      const job: Job = await c.job(run.vars.job).wait({ timeoutMs: 20_000 });
      return { status: job.status, progress: job.progress, errors: job.errors, finished: job.finished_at !== null };
    }, { compare: 'outcome' });
    expect(done).toMatchObject({ status: 'partially_failed', progress: { total: 3, processed: 3, succeeded: 2, failed: 1 }, finished: true });
    expect(done.errors).toEqual([expect.objectContaining({ index: 2, code: 'INVALID_GTIN', field: 'gtin' })]);
    expect((await s.step('upserted', (c) => c.products.get('OLD-1'))).price).toBe('12.00');
    expect((await s.stepError('failed record not created', (c) => c.products.get('BAD-1'))).status).toBe(404);
    const listed = await s.step('list jobs', (c) => c.jobs.list({ type: 'products.batch' } as never));
    expect(listed.data.map((j) => j.status)).toEqual(['partially_failed']);
    const again = await s.stepError('cancel a finished job', (c, run) => c.jobs.cancel(run.vars.job));
    expect(again.status).toBe(409);
  });

  it('(msw only: the mock can hold jobs, so cancelling a queued one is deterministic) cancels a queued job', async () => {
    const s = await suite.trial((t) => t.name === 'msw');
    const jobs = suite.targets().find((t) => t.name === 'msw')!.mock!.jobs;
    jobs.mode = 'manual';
    try {
      await s.step('submit', async (c, run) => (run.vars.job = (await c.products.batch({ items: [product('C-1')] } as never)).id));
      expect((await s.step('get', (c, run) => c.jobs.get(run.vars.job))).status).toBe('queued');
      expect((await s.step('cancel', (c, run) => c.jobs.cancel(run.vars.job))).status).toBe('cancelled');
      expect((await s.stepError('cancel again', (c, run) => c.jobs.cancel(run.vars.job))).status).toBe(409);
      expect(await jobs.step(10)).toBe(0);
      expect((await s.stepError('never applied', (c) => c.products.get('C-1'))).status).toBe(404);
    } finally {
      jobs.mode = 'auto';
    }
  });
});
