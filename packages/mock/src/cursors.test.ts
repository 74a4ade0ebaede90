import { expect, it } from 'vitest';
import { createMockApi } from './create-mock-api.js';

const page = async (mock: ReturnType<typeof createMockApi>, cursor?: string) => {
  const url = `${mock.baseUrl}/v1/products?limit=2&sort=sku&order=asc${cursor ? `&cursor=${cursor}` : ''}`;
  const res = await mock.fetch(new Request(url, { headers: { authorization: `Bearer ${mock.apiKey}` } }));
  return { status: res.status, body: (await res.json()) as { data: { sku: string }[]; meta: { next_cursor: string | null } } };
};

it('signs cursors with a key fixed by the seed: same seed, same cursors, across resets', async () => {
  const one = createMockApi({ seed: 3, seedSize: { products: 6 } });
  const two = createMockApi({ seed: 3, seedSize: { products: 6 } });
  const first = await page(one);
  expect(first.body.meta.next_cursor).toEqual(expect.any(String));
  expect((await page(two)).body.meta.next_cursor).toBe(first.body.meta.next_cursor);
  // A cursor of one instance pages on the other, and after a reset.
  const next = await page(two, first.body.meta.next_cursor!);
  expect(next.status).toBe(200);
  expect(next.body.data[0]!.sku > first.body.data[1]!.sku).toBe(true);
  await one.reset();
  expect(await page(one, first.body.meta.next_cursor!)).toEqual(next);
  // An edited cursor is refused by the mock as by the server.
  const edited = `${first.body.meta.next_cursor!.slice(0, -2)}${first.body.meta.next_cursor!.endsWith('AA') ? 'BB' : 'AA'}`;
  expect((await page(one, edited)).status).toBe(400);
});
