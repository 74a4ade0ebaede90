import { describe, expect, it } from 'vitest';
import { contractSuite, covers } from './step.js';

const suite = contractSuite();
const product = (sku: string, extra: Record<string, unknown> = {}) => ({ sku, title: sku, price: '100.00', currency: 'INR', ...extra });

describe('inventory', () => {
  covers('adjustInventory', 'getInventoryForSku', 'listInventory', 'addLicenses', 'getLicenseCounts');

  it('adjusts stock by delta and set, never below zero, lists and pages locations', async () => {
    const s = await suite.trial();
    await s.step('product', (c) => c.products.create(product('TEE')));
    const first = await s.step('receive', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: 10, reason: 'received' } as never));
    expect(first).toMatchObject({ on_hand: 10, available: 10 });
    expect(await s.step('damaged', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: -3, reason: 'damaged' } as never))).toMatchObject({ on_hand: 7 });
    const tooMuch = await s.stepError('below zero', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', delta: -8, reason: 'sold' } as never));
    expect(tooMuch.code).toBe('INSUFFICIENT_STOCK');
    expect(await s.step('count', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', set: 4, reason: 'count' } as never))).toMatchObject({ on_hand: 4 });
    expect((await s.stepError('both delta and set', (c) => c.inventory.adjust({ sku: 'TEE', location_code: 'WH-1', set: 4, delta: 1, reason: 'count' } as never))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('unknown sku', (c) => c.inventory.adjust({ sku: 'NOPE', location_code: 'WH-1', delta: 1, reason: 'received' } as never))).status).toBe(404);
    for (const loc of ['WH-2', 'WH-3', 'WH-4']) await s.step(`stock ${loc}`, (c) => c.inventory.adjust({ sku: 'TEE', location_code: loc, delta: 2, reason: 'received' } as never));
    expect((await s.step('per sku', (c) => c.inventory.get('TEE'))) as unknown).toBeTruthy();
    const pages = await s.step('all pages', async (c) => {
      const out: string[][] = [];
      for await (const p of (await c.inventory.list({ sku: 'TEE', limit: 2 } as never)).pages()) out.push(p.data.map((r) => r.location_code));
      return out;
    });
    expect(pages.flat().sort()).toEqual(['WH-1', 'WH-2', 'WH-3', 'WH-4']);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect((await s.stepError('inventory of unknown sku', (c) => c.inventory.get('NOPE'))).code).toBe('NOT_FOUND');
  });

  it('counts license keys of a digital product, never showing them', async () => {
    const s = await suite.trial();
    await s.step('digital product', (c) => c.products.create(product('EBOOK', { kind: 'digital' })));
    await s.step('physical product', (c) => c.products.create(product('TEE')));
    await s.step('add keys', (c) => c.inventory.addLicenses({ sku: 'EBOOK', keys: ['K-1', 'K-2', 'K-1'] } as never));
    await s.step('add more', (c) => c.inventory.addLicenses({ sku: 'EBOOK', keys: ['K-2', 'K-3'] } as never));
    const counts = await s.step('counts', (c) => c.inventory.getLicenseCounts({ sku: 'EBOOK' } as never));
    expect(JSON.stringify(counts)).not.toContain('K-1');
    expect(counts).toMatchObject({ available: 3 });
    expect((await s.stepError('keys for a physical product', (c) => c.inventory.addLicenses({ sku: 'TEE', keys: ['A'] } as never))).code).toBe('VALIDATION_FAILED');
    expect((await s.stepError('counts of unknown sku', (c) => c.inventory.getLicenseCounts({ sku: 'NOPE' } as never))).status).toBe(404);
  });
});
