import { BY_AGE, listSpec, sortBy, type ListQuery, type Page } from './list.js';
import type { Partition } from './partition.js';

/** Webhook endpoints and their deliveries (one per endpoint and event, with its attempts). */

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabled_reason: 'manual' | 'gone' | null;
  /** `whsec_…`, plain here: the SQL store seals it at rest (`sql/sealed-webhooks.ts`, migration 007). */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  /**
   * Per subscribed event type, the outbox position it was subscribed at (creation, the PATCH
   * that added the type, or the one that enabled the endpoint again): it receives the events of
   * that type written after it, never older ones.
   */
  event_positions: Record<string, number>;
  created_at: string;
  updated_at: string;
}

export type WebhookListQuery = ListQuery<Record<string, never>, 'created_at' | 'updated_at'>;
export const WEBHOOK_LIST = listSpec<WebhookEndpointRecord>()({
  name: 'webhooks',
  keys: ['id'],
  sorts: BY_AGE,
});

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryRecord {
  id: string;
  endpoint_id: string;
  url: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body of every attempt. */
  payload: string;
  attempt: number;
  status: DeliveryStatus;
  status_code: number | null;
  duration_ms: number | null;
  request_id: string;
  next_retry_at: string | null;
  delivered_at: string | null;
  /** While an attempt is in flight, other dispatchers skip the delivery until then. */
  locked_until: string | null;
  created_at: string;
}

export type DeliveryListQuery = ListQuery<{ endpoint_id: string; status?: DeliveryStatus; event_type?: string }, 'created_at'>;
export const DELIVERY_LIST = listSpec<WebhookDeliveryRecord>()({ name: 'webhook_deliveries', keys: ['id'], sorts: { created_at: sortBy('timestamp', 'created_at') } });

export interface DueDelivery extends WebhookDeliveryRecord {
  partition: Partition;
}

export interface WebhooksPort {
  insertEndpoint(p: Partition, endpoint: WebhookEndpointRecord): Promise<void>;
  /** `forUpdate` locks the row until the transaction ends (SQL). */
  getEndpoint(p: Partition, id: string, options?: { forUpdate?: boolean }): Promise<WebhookEndpointRecord | null>;
  updateEndpoint(p: Partition, endpoint: WebhookEndpointRecord): Promise<boolean>;
  /** Deletes the endpoint and its deliveries; false when it does not exist. */
  deleteEndpoint(p: Partition, id: string): Promise<boolean>;
  listEndpoints(p: Partition, query: WebhookListQuery): Promise<Page<WebhookEndpointRecord>>;
  /**
   * The enabled endpoints of the partition that receive an event of this type written at this
   * outbox position (subscribed to the type at an earlier position), oldest first.
   */
  subscribedEndpoints(p: Partition, eventType: string, position: number): Promise<WebhookEndpointRecord[]>;
  /**
   * Orders subscription changes against fan-out until the transaction ends: `change` (creating or
   * changing an endpoint's subscriptions) excludes every other holder in the partition, `fanOut`
   * excludes only `change`. So an event is fanned out either before a subscription taken at a
   * later position exists, or after it is committed and visible: never past it.
   */
  lockSubscriptions(p: Partition, mode: 'change' | 'fanOut'): Promise<void>;
  insertDelivery(p: Partition, delivery: WebhookDeliveryRecord): Promise<void>;
  getDelivery(p: Partition, endpointId: string, id: string): Promise<WebhookDeliveryRecord | null>;
  updateDelivery(p: Partition, delivery: WebhookDeliveryRecord): Promise<void>;
  listDeliveries(p: Partition, query: DeliveryListQuery): Promise<Page<WebhookDeliveryRecord>>;
  /**
   * Locks up to `limit` pending deliveries due at `now` (not in flight elsewhere) until
   * `lockUntil`, and returns them, across partitions. SQL uses `FOR UPDATE SKIP LOCKED`.
   */
  claimDue(input: { now: string; lockUntil: string; limit: number }): Promise<DueDelivery[]>;
  /** Deletes up to `limit` deliveries created before `before`; resolves with how many. */
  pruneDeliveries(before: string, limit: number): Promise<number>;
}
