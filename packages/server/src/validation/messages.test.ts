import { describe, expect, it } from 'vitest';
import { productBody, setup } from '../test/harness.js';
import { validationIssues } from '../test/issues.js';

// What a partner reads in `details[].issue`: enough to fix the request without the spec at hand.
describe('validation messages name what would be accepted', () => {
  it('enum values, expected types, length, size and range limits', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products', {
      body: productBody({ status: 'sold', title: '', price: 12, weight_kg: -1, images: Array.from({ length: 21 }, (_, i) => `https://cdn.example.com/${i}.jpg`), description: 7 }),
    });
    expect(validationIssues(res)).toEqual({
      status: 'must be one of: draft, active, inactive, archived',
      title: 'must be at least 1 character long',
      price: 'must be a string',
      weight_kg: 'must be at least 0',
      images: 'must have at most 20 items',
      description: 'must be a string or null',
    });
  });

  it('in query parameters too', async () => {
    const { call } = await setup();
    const res = await call('GET', '/v1/products?limit=500&order=sideways&sort=colour');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'limit', issue: 'must be at most 200' },
        { field: 'order', issue: 'must be one of: asc, desc' },
        { field: 'sort', issue: 'must be one of: sku, title, created_at, updated_at' },
      ]),
    );
  });

  it('names the allowed values of an item inside an array', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/webhooks', { body: { url: 'https://partner.example.com/hooks', events: ['product.created', 'product.exploded'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'events.1', issue: expect.stringMatching(/^must be one of: order\.created, .*ping/) }]);
  });
});
