import type { Clock } from '../../clock.js';
import type { ServerConfig } from '../../config.js';
import type { CursorSigner } from '../cursor.js';
import { listPage } from '../list-page.js';
import { ApiError } from '../../errors.js';
import { newId } from '../../ids.js';
import { DELIVERY_LIST, WEBHOOK_LIST, type DeliveryStatus, type WebhookEndpointRecord } from '../../store/webhooks.js';
import type { Store } from '../../store/port.js';
import type { Partition } from '../../store/partition.js';
import { eventBody } from './event-body.js';
import { newWebhookSecret } from './signing.js';
import { subscriptionPositions } from './subscriptions.js';
import { webhookUrlProblem } from './targets.js';
import { deliveryView, endpointView, newDelivery, type WebhookDeliveryView, type WebhookEndpointView } from './views.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EndpointInput {
  url?: string;
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

interface ListInput {
  limit: number;
  cursor?: string;
  order: 'asc' | 'desc';
  fields?: string;
  include_total?: boolean;
}

const ENDPOINT_FIELDS = ['id', 'url', 'events', 'description', 'enabled', 'disabled_reason', 'created_at', 'updated_at'] as const;
const DELIVERY_FIELDS = ['id', 'event_id', 'event_type', 'attempt', 'status', 'status_code', 'duration_ms', 'request_id', 'next_retry_at', 'delivered_at', 'created_at'] as const;

/**
 * The Webhooks use cases: endpoints, secret rotation, pings, the delivery log and redelivery.
 *
 * @example
 * const webhooks = webhookService({ store, clock, config, cursors });
 * const { secret } = await webhooks.create(partition, { url: 'https://…', events: ['order.created'] });
 */
export function webhookService({ store, clock, config, cursors }: { store: Store; clock: Clock; config: ServerConfig; cursors: CursorSigner }) {
  const now = () => clock.now().toISOString();
  const notFound = (id: string) => ApiError.notFound(`No webhook endpoint ${id}.`);
  const checkUrl = (p: Partition, url: string) => {
    const problem = webhookUrlProblem(url, p.mode, config.allowPrivateWebhookTargets);
    if (problem) throw ApiError.validation([{ field: 'url', issue: problem }]);
  };
  const mustGet = async (p: Partition, id: string) => (await store.webhooks.getEndpoint(p, id)) ?? Promise.reject(notFound(id));

  return {
    list(p: Partition, input: ListInput & { sort: 'created_at' | 'updated_at' }) {
      return listPage(input, {}, {
        list: WEBHOOK_LIST, noun: 'webhook endpoint', fields: ENDPOINT_FIELDS, view: endpointView,
        partition: p, cursors,
        fetch: (query) => store.webhooks.listEndpoints(p, query),
      });
    },

    async get(p: Partition, id: string): Promise<WebhookEndpointView> {
      return endpointView(await mustGet(p, id));
    },

    async create(p: Partition, input: EndpointInput & { url: string; events: string[] }) {
      checkUrl(p, input.url);
      const at = now();
      const enabled = input.enabled ?? true;
      const endpoint = await store.transaction(async (tx) => {
        await tx.webhooks.lockSubscriptions(p, 'change');
        const created: WebhookEndpointRecord = {
          id: newId('whk'), url: input.url, events: input.events, description: input.description ?? null, enabled,
          disabled_reason: enabled ? null : 'manual', secret: newWebhookSecret(), previous_secret: null,
          previous_secret_expires_at: null, event_positions: subscriptionPositions(null, { events: input.events, enabled }, await tx.outbox.head()),
          created_at: at, updated_at: at,
        };
        await tx.webhooks.insertEndpoint(p, created);
        return created;
      });
      return { ...endpointView(endpoint), secret: endpoint.secret };
    },

    async update(p: Partition, id: string, patch: EndpointInput): Promise<WebhookEndpointView> {
      if (patch.url !== undefined) checkUrl(p, patch.url);
      return store.transaction(async (tx) => {
        // Before the row lock, as fan-out takes them: subscription lock, then endpoint rows.
        await tx.webhooks.lockSubscriptions(p, 'change');
        const current = await tx.webhooks.getEndpoint(p, id, { forUpdate: true });
        if (!current) throw notFound(id);
        const changed: Omit<WebhookEndpointRecord, 'event_positions'> = {
          ...current,
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events: patch.events } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled, disabled_reason: patch.enabled ? null : 'manual' } : {}),
          updated_at: now(),
        };
        const next: WebhookEndpointRecord = { ...changed, event_positions: subscriptionPositions(current, changed, await tx.outbox.head()) };
        await tx.webhooks.updateEndpoint(p, next);
        return endpointView(next);
      });
    },

    async remove(p: Partition, id: string): Promise<void> {
      if (!(await store.webhooks.deleteEndpoint(p, id))) throw notFound(id);
    },

    /** A new secret; the previous one keeps signing for 24 h (an older previous one retires now). */
    async rotate(p: Partition, id: string) {
      return store.transaction(async (tx) => {
        const current = await tx.webhooks.getEndpoint(p, id, { forUpdate: true });
        if (!current) throw notFound(id);
        const at = clock.now();
        const expires = new Date(at.getTime() + DAY_MS).toISOString();
        const next = { ...current, secret: newWebhookSecret(), previous_secret: current.secret, previous_secret_expires_at: expires, updated_at: at.toISOString() };
        await tx.webhooks.updateEndpoint(p, next);
        return { endpoint_id: id, secret: next.secret, previous_secret_expires_at: expires };
      });
    },

    /** Queues a `ping` to the endpoint, subscribed or not, enabled or not. */
    async ping(p: Partition, id: string): Promise<WebhookDeliveryView> {
      return store.transaction(async (tx) => {
        const endpoint = await tx.webhooks.getEndpoint(p, id);
        if (!endpoint) throw notFound(id);
        const at = now();
        const event = { id: newId('evt'), type: 'ping', created_at: at, data: { endpoint_id: id, message: 'Hello from NexusCommerce: this endpoint receives events.' } };
        const delivery = newDelivery(endpoint, { id: event.id, type: 'ping', payload: eventBody(event) }, p.requestId ?? '', at);
        await tx.webhooks.insertDelivery(p, delivery);
        return deliveryView(delivery);
      });
    },

    async deliveries(p: Partition, id: string, input: ListInput & { sort: 'created_at'; status?: DeliveryStatus; event_type?: string }) {
      await mustGet(p, id);
      const filters = { ...(input.status !== undefined ? { status: input.status } : {}), ...(input.event_type !== undefined ? { event_type: input.event_type } : {}) };
      // The cursor is bound to the filters the client gave and to the endpoint of the path.
      return listPage(input, filters, {
        list: DELIVERY_LIST, noun: 'delivery', fields: DELIVERY_FIELDS, view: deliveryView,
        partition: p, cursors, parent: { endpoint_id: id },
        fetch: (query) => store.webhooks.listDeliveries(p, { ...query, filters: { endpoint_id: id, ...query.filters } }),
      });
    },

    /** The same event (payload and `webhook-id`) as a new delivery; the original stays as it is. */
    async redeliver(p: Partition, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
      return store.transaction(async (tx) => {
        const endpoint = await tx.webhooks.getEndpoint(p, id);
        if (!endpoint) throw notFound(id);
        const original = await tx.webhooks.getDelivery(p, id, deliveryId);
        if (!original) throw ApiError.notFound(`No delivery ${deliveryId} of webhook endpoint ${id}.`);
        const delivery = newDelivery(endpoint, { id: original.event_id, type: original.event_type, payload: original.payload }, p.requestId ?? '', now());
        await tx.webhooks.insertDelivery(p, delivery);
        return deliveryView(delivery);
      });
    },
  };
}
