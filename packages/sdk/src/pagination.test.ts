import { describe, expect, it } from 'vitest';
import { type FetchPage, Page, paginate } from './pagination.js';

/** A list of `total` numbers served `limit` at a time, recording the cursors asked for. */
function numbers(total: number, limit: number) {
  const cursors: (string | undefined)[] = [];
  const fetchPage: FetchPage<number> = async (cursor) => {
    cursors.push(cursor);
    const start = cursor ? Number(cursor.slice(2)) : 0;
    const data = Array.from({ length: Math.min(limit, total - start) }, (_, i) => start + i);
    const more = start + limit < total;
    return { data, meta: { limit, has_more: more, next_cursor: more ? `c:${start + limit}` : null } };
  };
  return { fetchPage, cursors };
}

describe('paginate', () => {
  it('iterates every item of every page with for await', async () => {
    const list = numbers(7, 3);
    const seen: number[] = [];
    for await (const n of paginate(list.fetchPage)) seen.push(n);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(list.cursors).toEqual([undefined, 'c:3', 'c:6']);
  });

  it('awaits to the first page only', async () => {
    const list = numbers(7, 3);
    const page = await paginate(list.fetchPage);
    expect(page).toBeInstanceOf(Page);
    expect(page.data).toEqual([0, 1, 2]);
    expect(page.meta).toEqual({ limit: 3, has_more: true, next_cursor: 'c:3' });
    expect(list.cursors).toEqual([undefined]);
  });

  it('fetches nothing until used, and the first page once', async () => {
    const list = numbers(5, 5);
    const promise = paginate(list.fetchPage);
    expect(list.cursors).toEqual([]);
    await promise;
    await promise;
    expect(list.cursors).toEqual([undefined]);
  });

  it('walks pages one at a time, fetching the next only when asked', async () => {
    const list = numbers(10, 3);
    const sizes: number[] = [];
    for await (const page of paginate(list.fetchPage).pages()) {
      sizes.push(page.data.length);
      // Streaming: while page k is in hand, page k+1 has not been fetched.
      expect(list.cursors).toHaveLength(sizes.length);
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
  });

  it('steps with nextPage() and ends with null', async () => {
    const list = numbers(4, 2);
    const first = await paginate(list.fetchPage);
    const second = await first.nextPage();
    expect(second?.data).toEqual([2, 3]);
    expect(second?.hasNextPage()).toBe(false);
    expect(await second?.nextPage()).toBeNull();
  });

  it('caps toArray at max and stops fetching there', async () => {
    const list = numbers(1_000, 10);
    expect(await paginate(list.fetchPage).toArray({ max: 25 })).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(list.cursors).toEqual([undefined, 'c:10', 'c:20']);
    expect(await paginate(numbers(3, 2).fetchPage).toArray({ max: 50 })).toEqual([0, 1, 2]);
    expect(await paginate(list.fetchPage).toArray({ max: 0 })).toEqual([]);
  });

  it('stops when the server says has_more without a cursor', async () => {
    const fetchPage: FetchPage<number> = async () => ({ data: [1], meta: { limit: 1, has_more: true, next_cursor: null } });
    expect(await paginate(fetchPage).toArray({ max: 10 })).toEqual([1]);
  });

  it('rejects the iteration when a page fails', async () => {
    const fetchPage: FetchPage<number> = async (cursor) => {
      if (cursor) throw new Error('page 2 failed');
      return { data: [1], meta: { limit: 1, has_more: true, next_cursor: 'x' } };
    };
    await expect(paginate(fetchPage).toArray({ max: 10 })).rejects.toThrow('page 2 failed');
  });
});
