import { newId } from '../../ids.js';
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../../store/webhooks.js';

/** An endpoint as the API shows it: the record without its signing secrets. */
export type WebhookEndpointView = Omit<WebhookEndpointRecord, 'secret' | 'previous_secret' | 'previous_secret_expires_at' | 'event_positions'>;

/** A delivery as the API shows it: the record without the dispatcher's own bookkeeping. */
export type WebhookDeliveryView = Omit<WebhookDeliveryRecord, 'endpoint_id' | 'url' | 'payload' | 'locked_until'>;

export function endpointView(e: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: e.id, url: e.url, events: e.events, description: e.description, enabled: e.enabled,
    disabled_reason: e.disabled_reason, created_at: e.created_at, updated_at: e.updated_at,
  };
}

export function deliveryView(d: WebhookDeliveryRecord): WebhookDeliveryView {
  return {
    id: d.id, event_id: d.event_id, event_type: d.event_type, attempt: d.attempt, status: d.status,
    status_code: d.status_code, duration_ms: d.duration_ms, request_id: d.request_id,
    next_retry_at: d.next_retry_at, delivered_at: d.delivered_at, created_at: d.created_at,
  };
}

/** A pending delivery of an event, due now. */
export function newDelivery(
  endpoint: WebhookEndpointRecord,
  event: { id: string; type: string; payload: string },
  requestId: string,
  now: string,
): WebhookDeliveryRecord {
  return {
    id: newId('dlv'), endpoint_id: endpoint.id, url: endpoint.url, event_id: event.id, event_type: event.type,
    payload: event.payload, attempt: 0, status: 'pending', status_code: null, duration_ms: null, request_id: requestId,
    next_retry_at: now, delivered_at: null, locked_until: null, created_at: now,
  };
}
