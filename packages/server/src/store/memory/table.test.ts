import { describe, expect, it } from 'vitest';
import { Journal } from './journal.js';
import { Table } from './table.js';

interface Row {
  id: string;
  group: string | null;
  rank: number;
  ref: string | null;
}

const A = 'acct_A\u0000test';
const B = 'acct_B\u0000test';

function table() {
  const journal = new Journal();
  const rows = new Table<Row>({
    keys: ['id'],
    unique: { ref: (r) => r.ref },
    sorts: { rank: (r) => r.rank, id: (r) => r.id },
    buckets: { group: (r) => r.group },
    queues: { grouped: { when: (r) => r.group !== null, sort: 'rank' } },
  }, journal);
  const tx = <T>(fn: () => T) => journal.run(async () => fn());
  return { rows, tx };
}

const ids = (page: { items: Row[] }) => page.items.map((r) => r.id);

describe('memory table', () => {
  it('keeps its sorted and bucket indexes in step with inserts, updates and removals', async () => {
    const { rows, tx } = table();
    // A page first, so that the indexes exist before the writes below.
    expect(rows.page(A, { sort: 'rank', order: 'asc', limit: 10 }).items).toEqual([]);
    expect(rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'g'] }).items).toEqual([]);
    await tx(() => {
      for (const [id, rank, group] of [['r1', 5, 'g'], ['r2', 1, null], ['r3', 5, 'g'], ['r4', 3, 'h']] as const) {
        rows.write(A, { id, rank, group, ref: null });
      }
      rows.write(B, { id: 'r1', rank: 0, group: 'g', ref: null });
    });
    expect(ids(rows.page(A, { sort: 'rank', order: 'asc', limit: 10 }))).toEqual(['r2', 'r4', 'r1', 'r3']);
    expect(ids(rows.page(A, { sort: 'rank', order: 'desc', limit: 10 }))).toEqual(['r3', 'r1', 'r4', 'r2']);
    expect(ids(rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'g'] }))).toEqual(['r1', 'r3']);
    // Moving a row to another bucket and sort value moves its entries, in every index.
    await tx(() => rows.write(A, { id: 'r1', rank: 0, group: 'h', ref: null }));
    expect(ids(rows.page(A, { sort: 'rank', order: 'asc', limit: 10 }))).toEqual(['r1', 'r2', 'r4', 'r3']);
    expect(ids(rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'g'] }))).toEqual(['r3']);
    expect(ids(rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'h'] }))).toEqual(['r1', 'r4']);
    await tx(() => rows.remove(A, 'r4'));
    expect(rows.count(A)).toBe(3);
    expect(rows.count(A, ['group', 'h'])).toBe(1);
    // An index asked for late is built from what is there.
    expect(ids(rows.page(A, { sort: 'id', order: 'desc', limit: 10 }))).toEqual(['r3', 'r2', 'r1']);
    expect(ids(rows.page(B, { sort: 'rank', order: 'asc', limit: 10 }))).toEqual(['r1']);
  });

  it('pages from a position in both orders, filters, counts, and says when there is more', async () => {
    const { rows, tx } = table();
    await tx(() => {
      for (let n = 0; n < 10; n++) rows.write(A, { id: `r${n}`, rank: n % 3, group: null, ref: null });
    });
    await tx(() => {
      const first = rows.page(A, { sort: 'rank', order: 'asc', limit: 4, total: true });
      expect(first).toMatchObject({ hasMore: true, total: 10 });
      expect(ids(first)).toEqual(['r0', 'r3', 'r6', 'r9']);
      const next = rows.page(A, { sort: 'rank', order: 'asc', limit: 4, after: { value: 0, key: 'r9' } });
      expect(ids(next)).toEqual(['r1', 'r4', 'r7', 'r2']);
      const back = rows.page(A, { sort: 'rank', order: 'desc', limit: 3, after: { value: 1, key: 'r4' } });
      expect(ids(back)).toEqual(['r1', 'r9', 'r6']);
      const odd = rows.page(A, { sort: 'rank', order: 'asc', limit: 2, where: (r) => Number(r.id.slice(1)) % 2 === 1, total: true });
      expect(odd).toMatchObject({ hasMore: true, total: 5 });
      expect(ids(odd)).toEqual(['r3', 'r9']);
    });
  });

  it('reports key and unique collisions per partition, and finds rows by a unique value', async () => {
    const { rows, tx } = table();
    await tx(() => {
      expect(rows.insert(A, { id: 'r1', rank: 1, group: null, ref: 'X' })).toBeNull();
      expect(rows.insert(A, { id: 'r1', rank: 2, group: null, ref: null })).toBe('key');
      expect(rows.insert(A, { id: 'r2', rank: 2, group: null, ref: 'X' })).toBe('ref');
      expect(rows.insert(B, { id: 'r2', rank: 2, group: null, ref: 'X' })).toBeNull();
      expect(rows.clash(A, { id: 'r1', rank: 3, group: null, ref: 'X' }, false)).toBeNull();
      rows.write(A, { id: 'r1', rank: 3, group: null, ref: 'Y' });
    });
    expect(rows.find(A, 'ref', 'X')).toBeUndefined();
    expect(rows.find(A, 'ref', 'Y')?.id).toBe('r1');
    expect(rows.find(B, 'ref', 'X')?.id).toBe('r2');
  });

  it('rolls every write back, indexes included, when the transaction throws', async () => {
    const { rows, tx } = table();
    await tx(() => rows.write(A, { id: 'keep', rank: 1, group: 'g', ref: 'K' }));
    const before = rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'g'] });
    await expect(tx(() => {
      rows.write(A, { id: 'keep', rank: 9, group: 'h', ref: 'Z' });
      rows.write(A, { id: 'new', rank: 0, group: 'g', ref: 'K2' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(rows.page(A, { sort: 'rank', order: 'asc', limit: 10, bucket: ['group', 'g'] })).toEqual(before);
    expect(rows.count(A, ['group', 'h'])).toBe(0);
    expect(rows.find(A, 'ref', 'K')?.id).toBe('keep');
    expect(rows.find(A, 'ref', 'Z')).toBeUndefined();
    expect(rows.get(A, 'new')).toBeUndefined();
  });

  it('keeps queues across partitions, and stores rows frozen', async () => {
    const { rows, tx } = table();
    await tx(() => {
      rows.write(B, { id: 'b', rank: 2, group: 'g', ref: null });
      rows.write(A, { id: 'a', rank: 1, group: 'g', ref: null });
      rows.write(A, { id: 'c', rank: 0, group: null, ref: null });
    });
    const seen: string[] = [];
    rows.scan('grouped', ({ part, row }) => seen.push(`${part === A ? 'A' : 'B'}:${row.id}`) > 0);
    expect(seen).toEqual(['A:a', 'B:b']);
    await tx(() => rows.write(B, { id: 'b', rank: 2, group: null, ref: null }));
    const left: string[] = [];
    rows.scan('grouped', ({ row }) => left.push(row.id) > 0);
    expect(left).toEqual(['a']);
    expect(Object.isFrozen(rows.get(A, 'a'))).toBe(true);
    expect(() => rows.write(A, { id: 'x', rank: 0, group: null, ref: null })).toThrow(/outside a transaction/);
  });
});
