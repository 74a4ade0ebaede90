import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { StoreOps } from '../store/port.js';
import type { Partition } from '../store/partition.js';

/**
 * Writes a domain event to the outbox inside the caller's transaction, so the event exists
 * exactly when the change does. The webhook dispatcher delivers it later, naming the request that
 * caused it (`p.requestId`) in each delivery.
 *
 * @example
 * await store.transaction(async (tx) => { …; await emit(tx, clock, partition, 'product.created', product); });
 */
export async function emit(tx: StoreOps, clock: Clock, p: Partition, type: string, data: unknown): Promise<void> {
  await tx.outbox.append(p, [outboxEvent(clock, p, type, data)]);
}

/** Several events in one write, in this order (the set-based job processors use it). */
export async function emitAll(tx: StoreOps, clock: Clock, p: Partition, events: { type: string; data: unknown }[]): Promise<void> {
  await tx.outbox.append(p, events.map((e) => outboxEvent(clock, p, e.type, e.data)));
}

function outboxEvent(clock: Clock, p: Partition, type: string, data: unknown) {
  return { id: newId('evt'), type, data, created_at: clock.now().toISOString(), ...(p.requestId ? { request_id: p.requestId } : {}) };
}
