import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { operationUrl } from './request.js';

const BASE = 'https://api.nexuscommerce.example';
/** The URL openapi-fetch's defaults build for the same call, as `raw` would send it. */
const viaOpenapiFetch = (path: string, params: { path?: Record<string, unknown>; query?: Record<string, unknown> }) =>
  createFinalURL(path, { baseUrl: BASE, params, querySerializer: createQuerySerializer(), pathSerializer: defaultPathSerializer });

describe('operationUrl', () => {
  it.each([
    ['/v1/products/{sku}', { sku: 'TEA 1/2?#&' }, undefined],
    ['/v1/customers/by-phone/{phone}', { phone: '+919812345678' }, { fields: 'id,name' }],
    ['/v1/products', undefined, { status: 'active', search: 'café & tea', limit: 50, include_total: true, cursor: undefined, kind: null }],
    ['/v1/products', undefined, { marketplace: ['amazon', 'flipkart'], updated_since: '2026-03-01T10:00:00.000Z' }],
    ['/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', { webhook_id: 'whk_1', delivery_id: 'dlv_2' }, {}],
  ])('writes %s as openapi-fetch does', (path, pathParams, query) => {
    expect(operationUrl(BASE, path, pathParams, query)).toBe(viaOpenapiFetch(path, { path: pathParams, query }));
  });

  it('leaves out empty values and explodes lists', () => {
    expect(operationUrl(BASE, '/v1/jobs', undefined, { type: undefined, status: null, limit: 5, tag: ['a', 'b'] })).toBe(
      `${BASE}/v1/jobs?limit=5&tag=a&tag=b`,
    );
  });
});
