import type { Clock } from '../../clock.js';
import { partitionKey } from '../../store/partition.js';
import type { StoreOps } from '../../store/port.js';
import { eventBody } from './event-body.js';
import { newDelivery } from './views.js';

/**
 * Turns up to `limit` unpublished outbox events into deliveries, in the caller's transaction: one
 * per endpoint subscribed to the event's type *before* the event was written (the endpoint's
 * position for that type is below the event's). The partitions' subscriptions are locked for
 * fan-out first, so an endpoint created or changed meanwhile is either not yet subscribed or
 * visible with its position: an event is never assigned to an endpoint that came after it.
 *
 * @example
 * const events = await store.transaction((tx) => fanOut(tx, clock, 50));
 */
export async function fanOut(tx: StoreOps, clock: Clock, limit: number): Promise<number> {
  const events = await tx.outbox.claimUnpublished(limit);
  const partitions = new Map(events.map((e) => [partitionKey(e.partition), e.partition]));
  // In one order, so two dispatchers locking the same partitions cannot deadlock.
  for (const key of [...partitions.keys()].sort()) await tx.webhooks.lockSubscriptions(partitions.get(key)!, 'fanOut');
  const now = clock.now().toISOString();
  for (const event of events) {
    const endpoints = await tx.webhooks.subscribedEndpoints(event.partition, event.type, event.position);
    const payload = eventBody(event);
    const requestId = event.request_id ?? (event.data as { request_id?: unknown } | null)?.request_id;
    for (const endpoint of endpoints) {
      const delivery = newDelivery(endpoint, { id: event.id, type: event.type, payload }, typeof requestId === 'string' ? requestId : '', now);
      await tx.webhooks.insertDelivery(event.partition, delivery);
    }
  }
  await tx.outbox.markPublished(events.map((e) => e.id), now);
  return events.length;
}
