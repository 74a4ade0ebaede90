import type { Partition } from './partition.js';

/**
 * The outbox: domain events written in the transaction of the change they describe. Each has a
 * position, in the order events were written (across partitions), which readers use as a cursor.
 */

export interface OutboxEvent {
  id: string;
  type: string;
  data: unknown;
  created_at: string;
  /** The request that caused the event, when known. */
  request_id?: string;
}

/** An event the webhook dispatcher has not turned into deliveries yet. */
export interface UnpublishedEvent extends Omit<OutboxEvent, 'request_id'> {
  partition: Partition;
  /** Where the event stands in the outbox. */
  position: number;
  /** The request that caused the event, when the emitter recorded it. */
  request_id: string | null;
}

export interface OutboxPort {
  /** Appends events, in this order, in one statement. */
  append(p: Partition, events: OutboxEvent[]): Promise<void>;
  /**
   * The partition's events after position `after` (default: from the start), oldest first, at most
   * `limit`; `position` is where the last one stands (or `after`, when there is none): pass it as
   * `after` to read on.
   */
  read(p: Partition, options?: { after?: number; limit?: number }): Promise<{ events: OutboxEvent[]; position: number }>;
  /** The position of the last event written, in any partition (0 before the first): where a subscription starts. */
  head(): Promise<number>;
  /** The oldest unpublished events across partitions, locked (SKIP LOCKED) until the transaction ends. */
  claimUnpublished(limit: number): Promise<UnpublishedEvent[]>;
  markPublished(ids: string[], at: string): Promise<void>;
  /** `created_at` of the oldest event not yet turned into deliveries (the health check). */
  oldestUnpublishedAt(): Promise<string | null>;
  /** Deletes up to `limit` events published before `before`; resolves with how many. */
  prunePublished(before: string, limit: number): Promise<number>;
}
