import { webhookService, type EndpointInput } from '../domain/webhooks/service.js';
import { body, created, partition, path, query } from './request.js';
import type { RouteFactory } from './types.js';

const webhookId = (c: Parameters<typeof path>[0]) => path(c).webhook_id!;

/**
 * The Webhooks tag: endpoints, secret rotation, pings, the delivery log and redelivery.
 *
 * @example
 * const routes = webhookRoutes(deps); // { listWebhooks, createWebhook, … }
 */
export const webhookRoutes: RouteFactory = (deps) => {
  const webhooks = webhookService(deps);
  return {
    listWebhooks: async (c) => c.json(await webhooks.list(partition(c), query<Parameters<typeof webhooks.list>[1]>(c))),

    createWebhook: async (c) => {
      const endpoint = await webhooks.create(partition(c), body<EndpointInput & { url: string; events: string[] }>(c));
      return created(c, `/v1/webhooks/${endpoint.id}`, endpoint);
    },

    getWebhook: async (c) => c.json({ data: await webhooks.get(partition(c), webhookId(c)) }),

    updateWebhook: async (c) => c.json({ data: await webhooks.update(partition(c), webhookId(c), body<EndpointInput>(c)) }),

    deleteWebhook: async (c) => {
      await webhooks.remove(partition(c), webhookId(c));
      return c.body(null, 204);
    },

    rotateWebhookSecret: async (c) => c.json({ data: await webhooks.rotate(partition(c), webhookId(c)) }),

    testWebhook: async (c) => c.json({ data: await webhooks.ping(partition(c), webhookId(c)) }, 202),

    listWebhookDeliveries: async (c) => c.json(await webhooks.deliveries(partition(c), webhookId(c), query<Parameters<typeof webhooks.deliveries>[2]>(c))),

    redeliverWebhookDelivery: async (c) =>
      c.json({ data: await webhooks.redeliver(partition(c), webhookId(c), path(c).delivery_id!) }, 202),
  };
};
