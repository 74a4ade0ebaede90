import { DELIVERY_LIST, WEBHOOK_LIST, type WebhookDeliveryRecord, type WebhookEndpointRecord, type WebhooksPort } from '../webhooks.js';
import type { Journal } from './journal.js';
import { listSorts, tablePage } from './keyset.js';
import { partitionOf, partKey, Table, type Located } from './table.js';

const ALL = Number.POSITIVE_INFINITY;

/**
 * Webhook endpoints and deliveries in memory: declared tables; due deliveries are a queue across
 * partitions in `next_retry_at` order, and retention reads another in `created_at` order.
 *
 * @example
 * const webhooks = memoryWebhooks(journal);
 */
export function memoryWebhooks(journal: Journal): WebhooksPort {
  const endpoints = new Table<WebhookEndpointRecord>({ keys: ['id'], sorts: listSorts(WEBHOOK_LIST) }, journal);
  const deliveries = new Table<WebhookDeliveryRecord>({
    keys: ['id'],
    sorts: { ...listSorts(DELIVERY_LIST), next_retry_at: (d) => d.next_retry_at ?? '' },
    buckets: { endpoint_id: (d) => d.endpoint_id },
    queues: {
      pending: { when: (d) => d.status === 'pending' && d.next_retry_at !== null, sort: 'next_retry_at' },
      all: { when: () => true, sort: 'created_at' },
    },
  }, journal);
  const ofEndpoint = (part: string, id: string) =>
    deliveries.page(part, { sort: 'created_at', order: 'asc', limit: ALL, bucket: ['endpoint_id', id] }).items;

  return {
    async insertEndpoint(p, endpoint) {
      endpoints.write(partKey(p), endpoint);
    },
    getEndpoint: async (p, id) => endpoints.get(partKey(p), id) ?? null,
    async updateEndpoint(p, endpoint) {
      if (!endpoints.get(partKey(p), endpoint.id)) return false;
      endpoints.write(partKey(p), endpoint);
      return true;
    },
    async deleteEndpoint(p, id) {
      const part = partKey(p);
      if (!endpoints.remove(part, id)) return false;
      // As SQL's ON DELETE CASCADE does.
      for (const delivery of ofEndpoint(part, id)) deliveries.remove(part, delivery.id);
      return true;
    },
    listEndpoints: async (p, query) => tablePage(endpoints, partKey(p), WEBHOOK_LIST, query),
    subscribedEndpoints: async (p, eventType, position) =>
      endpoints.page(partKey(p), {
        sort: 'created_at', order: 'asc', limit: ALL,
        where: (e) => e.enabled && e.events.includes(eventType) && (e.event_positions[eventType] ?? 0) < position,
      }).items,
    // Transactions of the memory store run one at a time: fan-out and subscriptions never interleave.
    lockSubscriptions: async () => {},

    async insertDelivery(p, delivery) {
      deliveries.write(partKey(p), delivery);
    },
    async getDelivery(p, endpointId, id) {
      const delivery = deliveries.get(partKey(p), id);
      return delivery && delivery.endpoint_id === endpointId ? delivery : null;
    },
    async updateDelivery(p, delivery) {
      if (deliveries.get(partKey(p), delivery.id)) deliveries.write(partKey(p), delivery);
    },
    async listDeliveries(p, query) {
      const { endpoint_id, status, event_type } = query.filters;
      return tablePage(deliveries, partKey(p), DELIVERY_LIST, query, {
        bucket: ['endpoint_id', endpoint_id],
        ...(status || event_type ? { where: (d: WebhookDeliveryRecord) => (!status || d.status === status) && (!event_type || d.event_type === event_type) } : {}),
      });
    },
    async claimDue({ now, lockUntil, limit }) {
      const due: Located<WebhookDeliveryRecord>[] = [];
      deliveries.scan('pending', (found) => {
        if (found.row.next_retry_at! > now) return false;
        if (found.row.locked_until === null || found.row.locked_until <= now) due.push(found);
        return due.length < limit;
      });
      return due.map(({ part, row }) => ({ ...deliveries.write(part, { ...row, locked_until: lockUntil }), partition: partitionOf(part) }));
    },
    async pruneDeliveries(before, limit) {
      const expired: Located<WebhookDeliveryRecord>[] = [];
      deliveries.scan('all', (found) => found.row.created_at < before && expired.push(found) < limit);
      for (const { part, row } of expired) deliveries.remove(part, row.id);
      return expired.length;
    },
  };
}
