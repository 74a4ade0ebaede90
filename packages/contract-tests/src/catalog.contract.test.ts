import { describe, expect, it } from 'vitest';
import { contractSuite, covers } from './step.js';

const suite = contractSuite();
const dealer = { code: 'DLR-1', name: 'Sharma Traders', phone: '+912226543210', address: { line1: '1 Road', city: 'Mumbai', postal_code: '400053', country: 'IN' } };

describe('categories', () => {
  covers('createCategory', 'getCategory', 'updateCategory', 'listCategories');

  it('builds a tree, refuses unknown parents, cycles and duplicates, pages to the end', async () => {
    const s = await suite.trial();
    expect(await s.step('create root', (c) => c.categories.create({ category_code: 'apparel', name: 'Apparel' }))).toMatchObject({ category_code: 'apparel' });
    await s.step('create child', (c) => c.categories.create({ category_code: 'tees', name: 'Tees', parent_code: 'apparel' }));
    expect((await s.step('get', (c) => c.categories.get('tees'))).parent_code).toBe('apparel');
    expect((await s.stepError('unknown parent', (c) => c.categories.create({ category_code: 'x', name: 'X', parent_code: 'nope' }))).status).toBe(400);
    const duplicate = await s.stepError('duplicate', (c) => c.categories.create({ category_code: 'tees', name: 'Again' }));
    expect([duplicate.status, duplicate.code, duplicate.details[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'category_code']);
    const cycle = await s.stepError('cycle', (c) => c.categories.update('apparel', { parent_code: 'tees' }));
    expect([cycle.status, cycle.code, cycle.details[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'parent_code']);
    expect((await s.step('rename', (c) => c.categories.update('tees', { name: 'T-shirts' }))).name).toBe('T-shirts');
    expect((await s.stepError('get unknown', (c) => c.categories.get('nope'))).code).toBe('NOT_FOUND');
    expect((await s.stepError('patch unknown', (c) => c.categories.update('nope', { name: 'N' }))).code).toBe('NOT_FOUND');
    for (let i = 0; i < 3; i++) await s.step(`create c${i}`, (c) => c.categories.create({ category_code: `c${i}`, name: `C${i}` }));
    const codes = await s.step('all pages', async (c) => {
      const pages: string[][] = [];
      for await (const p of (await c.categories.list({ limit: 2, sort: 'category_code', order: 'asc' } as never)).pages()) pages.push(p.data.map((x) => x.category_code));
      return pages;
    });
    expect(codes).toEqual([['apparel', 'c0'], ['c1', 'c2'], ['tees']]);
  });
});

describe('dealers', () => {
  covers('createDealer', 'getDealer', 'updateDealer', 'listDealers');

  it('creates, reads, updates and lists dealers; 422 INVALID_PHONE; pages to the end', async () => {
    const s = await suite.trial();
    expect(await s.step('create', (c) => c.dealers.create(dealer))).toMatchObject({ code: 'DLR-1', status: 'active' });
    const phone = await s.stepError('bad phone', (c) => c.dealers.create({ ...dealer, code: 'DLR-2', phone: '+91 22 2654 3210' }));
    expect([phone.status, phone.code, phone.details[0]?.field]).toEqual([422, 'INVALID_PHONE', 'phone']);
    const duplicate = await s.stepError('duplicate', (c) => c.dealers.create(dealer));
    expect([duplicate.status, duplicate.code, duplicate.details[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'code']);
    const nested = await s.stepError('nested field', (c) => c.dealers.create({ ...dealer, code: 'DLR-9', address: { ...dealer.address, city: 7 } } as never));
    expect(nested.details.map((d) => d.field)).toContain('address.city');
    expect((await s.step('update', (c) => c.dealers.update('DLR-1', { status: 'suspended' } as never))).status).toBe('suspended');
    expect((await s.step('get', (c) => c.dealers.get('DLR-1'))).name).toBe('Sharma Traders');
    expect((await s.stepError('get unknown', (c) => c.dealers.get('NOPE'))).code).toBe('NOT_FOUND');
    for (const code of ['DLR-2', 'DLR-3', 'DLR-4', 'DLR-5']) await s.step(`create ${code}`, (c) => c.dealers.create({ code, name: code }));
    const pages = await s.step('all pages', async (c) => {
      const out: string[][] = [];
      for await (const p of (await c.dealers.list({ limit: 2, sort: 'code', order: 'asc' } as never)).pages()) out.push(p.data.map((d) => d.code));
      return out;
    });
    expect(pages).toEqual([['DLR-1', 'DLR-2'], ['DLR-3', 'DLR-4'], ['DLR-5']]);
  });
});
