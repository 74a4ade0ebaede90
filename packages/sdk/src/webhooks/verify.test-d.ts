import { describe, expectTypeOf, it } from 'vitest';
import type { Schemas, WebhookEvent } from '../schema.js';
import { verifyWebhook } from './verify.js';

describe('verifyWebhook types', () => {
  it('returns the union of the spec’s webhook events, narrowed by `type`', async () => {
    const event = await verifyWebhook({ payload: '', headers: {}, secret: 'whsec_x' });
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    if (event.type === 'order.created') expectTypeOf(event.data).toEqualTypeOf<Schemas['Order']>();
    if (event.type === 'inventory.low') expectTypeOf(event).toExtend<Schemas['InventoryLowEvent']>();
  });

  it('takes Node-style header records and Fetch Headers, and refuses parsed bodies', () => {
    const node: Record<string, string | string[] | undefined> = {};
    void verifyWebhook({ payload: new Uint8Array(), headers: node, secret: 'whsec_x' });
    void verifyWebhook({ payload: 'raw', headers: new Headers(), secrets: ['a', 'b'] });
    // @ts-expect-error: a parsed object is not the raw body
    void verifyWebhook({ payload: { id: 'evt_1' }, headers: node, secret: 'whsec_x' });
  });
});
