import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';
import { LIVE_A, TEST_A } from './fixtures.js';

const event = (id: string) => ({ id, type: 'ping', data: { id }, created_at: '2026-01-01T00:00:00.000Z' });

/** The outbox: positions in write order across partitions, reads after a position, claims. */
export function outboxSuite(store: () => Store): void {
  describe('outbox', () => {
    it('reads a partition after a position, in write order, and says where it stopped', async () => {
      expect(await store().outbox.head()).toBe(0);
      expect(await store().outbox.read(TEST_A)).toEqual({ events: [], position: 0 });
      await store().outbox.append(TEST_A, [event('evt_1'), event('evt_2')]);
      await store().outbox.append(LIVE_A, [event('evt_3')]);
      await store().outbox.append(TEST_A, [event('evt_4')]);
      const head = await store().outbox.head();
      const all = await store().outbox.read(TEST_A);
      expect(all.events.map((e) => e.id)).toEqual(['evt_1', 'evt_2', 'evt_4']);
      expect(all.position).toBe(head);
      const first = await store().outbox.read(TEST_A, { limit: 1 });
      expect(first.events.map((e) => e.id)).toEqual(['evt_1']);
      const rest = await store().outbox.read(TEST_A, { after: first.position });
      expect(rest.events.map((e) => e.id)).toEqual(['evt_2', 'evt_4']);
      expect(await store().outbox.read(TEST_A, { after: head })).toEqual({ events: [], position: head });
      expect((await store().outbox.read(LIVE_A)).events).toEqual([event('evt_3')]);
    });

    it('hands unpublished events out oldest first, with their partition and position, until published', async () => {
      await store().outbox.append(LIVE_A, [event('evt_1')]);
      await store().outbox.append(TEST_A, [{ ...event('evt_2'), request_id: 'req_1' }]);
      const claimed = await store().outbox.claimUnpublished(10);
      expect(claimed.map((e) => [e.id, e.partition.accountId, e.partition.mode, e.request_id])).toEqual([
        ['evt_1', 'acct_A', 'live', null], ['evt_2', 'acct_A', 'test', 'req_1'],
      ]);
      expect(claimed[0]!.position).toBeLessThan(claimed[1]!.position);
      expect(claimed[1]!.position).toBe(await store().outbox.head());
      await store().outbox.markPublished(['evt_1'], '2026-01-01T00:01:00.000Z');
      expect((await store().outbox.claimUnpublished(10)).map((e) => e.id)).toEqual(['evt_2']);
    });

    it('moves its position forward even when a transaction that wrote events rolls back', async () => {
      await store().outbox.append(TEST_A, [event('evt_1')]);
      const before = await store().outbox.head();
      await expect(store().transaction(async (tx) => {
        await tx.outbox.append(TEST_A, [event('evt_2')]);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      await store().outbox.append(TEST_A, [event('evt_3')]);
      const { events, position } = await store().outbox.read(TEST_A, { after: before });
      expect(events.map((e) => e.id)).toEqual(['evt_3']);
      // A sequence, not a count: the rolled-back event's position is not handed out again.
      expect(position).toBeGreaterThan(before + 1);
    });
  });
}
