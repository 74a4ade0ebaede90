import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { webhookService, type EndpointInput } from '../domain/webhooks/service.js';
import type { RouteFactory } from './types.js';

const partition = (c: Context<AppEnv>) => c.get('auth').partition;
const webhookId = (c: Context<AppEnv>) => c.get('params').path.webhook_id!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const query = (c: Context<AppEnv>) => c.get('params').query as any;

/**
 * The Webhooks tag: endpoints, secret rotation, pings, the delivery log and redelivery.
 *
 * @example
 * const routes = webhookRoutes(deps); // { listWebhooks, createWebhook, … }
 */
export const webhookRoutes: RouteFactory = (deps) => {
  const webhooks = webhookService(deps);
  return {
    listWebhooks: async (c) => c.json(await webhooks.list(partition(c), query(c))),

    createWebhook: async (c) => {
      const endpoint = await webhooks.create(partition(c), c.get('body') as EndpointInput & { url: string; events: string[] });
      c.header('Location', `/v1/webhooks/${endpoint.id}`);
      return c.json({ data: endpoint }, 201);
    },

    getWebhook: async (c) => c.json({ data: await webhooks.get(partition(c), webhookId(c)) }),

    updateWebhook: async (c) => c.json({ data: await webhooks.update(partition(c), webhookId(c), c.get('body') as EndpointInput) }),

    deleteWebhook: async (c) => {
      await webhooks.remove(partition(c), webhookId(c));
      return c.body(null, 204);
    },

    rotateWebhookSecret: async (c) => c.json({ data: await webhooks.rotate(partition(c), webhookId(c)) }),

    testWebhook: async (c) => c.json({ data: await webhooks.ping(partition(c), webhookId(c)) }, 202),

    listWebhookDeliveries: async (c) => c.json(await webhooks.deliveries(partition(c), webhookId(c), query(c))),

    redeliverWebhookDelivery: async (c) =>
      c.json({ data: await webhooks.redeliver(partition(c), webhookId(c), c.get('params').path.delivery_id!) }, 202),
  };
};
