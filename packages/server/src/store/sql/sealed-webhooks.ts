import type { SecretKeyring } from '../../secrets/keyring.js';
import type { Partition } from '../partition.js';
import type { WebhookEndpointRecord, WebhooksPort } from '../webhooks.js';

/**
 * What a sealed webhook secret is bound to: its row and column. A sealed value moved to another
 * endpoint, account, mode or column does not open.
 */
export const secretContext = (p: Partition, endpointId: string, column: 'secret' | 'previous_secret') =>
  `webhook_endpoints\u0000${p.accountId}\u0000${p.mode}\u0000${endpointId}\u0000${column}`;

/**
 * The webhooks port with signing secrets sealed at rest: records go in plain and come out plain,
 * the table holds only `sealed:v1:…` values. Deliveries carry no secrets and pass through.
 *
 * @example
 * const webhooks = sealedWebhooks(sqlWebhooks(db), keyring);
 */
export function sealedWebhooks(port: WebhooksPort, ring: SecretKeyring): WebhooksPort {
  const convert = (how: 'seal' | 'open') => async (p: Partition, e: WebhookEndpointRecord): Promise<WebhookEndpointRecord> => ({
    ...e,
    secret: await ring[how](e.secret, secretContext(p, e.id, 'secret')),
    previous_secret: e.previous_secret === null ? null : await ring[how](e.previous_secret, secretContext(p, e.id, 'previous_secret')),
  });
  const seal = convert('seal');
  const open = convert('open');
  return {
    ...port,
    insertEndpoint: async (p, e) => port.insertEndpoint(p, await seal(p, e)),
    updateEndpoint: async (p, e) => port.updateEndpoint(p, await seal(p, e)),
    async getEndpoint(p, id, options) {
      const found = await port.getEndpoint(p, id, options);
      return found && open(p, found);
    },
    async listEndpoints(p, query) {
      const page = await port.listEndpoints(p, query);
      return { ...page, items: await Promise.all(page.items.map((e) => open(p, e))) };
    },
    subscribedEndpoints: async (p, eventType, position) =>
      Promise.all((await port.subscribedEndpoints(p, eventType, position)).map((e) => open(p, e))),
  };
}
