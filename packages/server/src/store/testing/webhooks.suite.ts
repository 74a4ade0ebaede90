import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';
import { endpointRecord, LIVE_A, TEST_A } from './fixtures.js';

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Webhook endpoints, their subscriptions by outbox position, and deliveries, on every adapter. */
export function webhooksSuite(store: () => Store): void {
  describe('webhooks', () => {
    it('finds the endpoints that receive an event: enabled, subscribed to its type before it was written', async () => {
      const endpoint = (id: string, positions: Record<string, number>, over = {}) =>
        endpointRecord({ id, events: Object.keys(positions), event_positions: positions, ...over });
      await store().webhooks.insertEndpoint(TEST_A, endpoint('whk_0000000000000001', { 'order.created': 0, 'order.updated': 7 }, { created_at: at(1) }));
      await store().webhooks.insertEndpoint(TEST_A, endpoint('whk_0000000000000002', { 'order.created': 5 }, { created_at: at(2) }));
      await store().webhooks.insertEndpoint(TEST_A, endpoint('whk_0000000000000003', { 'order.created': 0 }, { enabled: false, disabled_reason: 'manual' }));
      await store().webhooks.insertEndpoint(LIVE_A, endpoint('whk_0000000000000004', { 'order.created': 0 }));
      const receivers = async (type: string, position: number) =>
        (await store().webhooks.subscribedEndpoints(TEST_A, type, position)).map((e) => e.id);
      expect(await receivers('order.created', 5)).toEqual(['whk_0000000000000001']);
      expect(await receivers('order.created', 6)).toEqual(['whk_0000000000000001', 'whk_0000000000000002']);
      expect(await receivers('order.updated', 7)).toEqual([]);
      expect(await receivers('order.updated', 8)).toEqual(['whk_0000000000000001']);
      expect(await receivers('product.created', 100)).toEqual([]);
      // Positions round-trip with the record.
      expect((await store().webhooks.getEndpoint(TEST_A, 'whk_0000000000000001'))?.event_positions).toEqual({ 'order.created': 0, 'order.updated': 7 });
    });

    it('deletes an endpoint with its deliveries, and hands out due deliveries once until their lock ends', async () => {
      await store().webhooks.insertEndpoint(TEST_A, endpointRecord());
      const delivery = (id: string, due: string | null) => ({
        id, endpoint_id: 'whk_0000000000000001', url: 'https://partner.example.com/h', event_id: `evt_${id}`, event_type: 'ping', payload: '{}',
        attempt: 0, status: 'pending' as const, status_code: null, duration_ms: null, request_id: 'r', next_retry_at: due, delivered_at: null,
        locked_until: null, created_at: at(0),
      });
      await store().webhooks.insertDelivery(TEST_A, delivery('dlv_0000000000000002', at(2)));
      await store().webhooks.insertDelivery(TEST_A, delivery('dlv_0000000000000001', at(1)));
      await store().webhooks.insertDelivery(TEST_A, delivery('dlv_0000000000000003', at(9)));
      const claim = (now: string) => store().webhooks.claimDue({ now, lockUntil: at(5), limit: 10 });
      expect((await claim(at(3))).map((d) => [d.id, d.partition.mode, d.locked_until])).toEqual([
        ['dlv_0000000000000001', 'test', at(5)], ['dlv_0000000000000002', 'test', at(5)],
      ]);
      expect(await claim(at(4))).toEqual([]);
      expect((await claim(at(5))).map((d) => d.id)).toEqual(['dlv_0000000000000001', 'dlv_0000000000000002']);
      expect(await store().webhooks.deleteEndpoint(TEST_A, 'whk_0000000000000001')).toBe(true);
      expect(await store().webhooks.getDelivery(TEST_A, 'whk_0000000000000001', 'dlv_0000000000000001')).toBeNull();
      expect(await claim(at(10))).toEqual([]);
      expect(await store().webhooks.deleteEndpoint(TEST_A, 'whk_0000000000000001')).toBe(false);
    });
  });
}
