import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spec } from '@nexuscommerce/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from './prism.js';
import { deref, firstExample, listOperations } from './spec-operations.js';

const API_KEY = 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab';
const getProduct = listOperations(spec).find((op) => op.operationId === 'getProduct')!;
const product = firstExample(spec, deref(spec, getProduct.operation.responses['200']).content['application/json']) as { data: object };

// A stand-in upstream that answers as told: the spec's own example for GOOD, a body missing
// required fields for BAD. Prism in front of it must tell them apart.
const answers: Record<string, unknown> = { GOOD: product, BAD: { data: { sku: 'BAD' } } };
const upstream: Server = createServer((req, res) => {
  req.resume().on('end', () => {
    const body = answers[req.url!.split('/').pop()!];
    res.writeHead(body ? 200 : 404, {
      'content-type': 'application/json',
      'x-request-id': 'req_upstream',
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '299',
      'x-ratelimit-reset': '1795685460',
    });
    res.end(JSON.stringify(body ?? { request_id: 'req_upstream', error: { code: 'NOT_FOUND', message: 'No such product.', details: [] } }));
  });
});

let lenient: RunningPrism;
let strict: RunningPrism;
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  [lenient, strict] = await Promise.all([startPrism({ port: 0, upstream: url }), startPrism({ port: 0, upstream: url, errors: true })]);
});
afterAll(async () => {
  await Promise.all([lenient?.close(), strict?.close()]);
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const get = (prism: RunningPrism, sku: string) =>
  fetch(`${prism.url}/v1/products/${sku}`, { headers: { authorization: `Bearer ${API_KEY}` }, signal: AbortSignal.timeout(10_000) });

describe('nexus-mock prism --proxy: Prism checks a real server against the spec', () => {
  it('passes a conforming answer through untouched', async () => {
    const res = await get(lenient, 'GOOD');
    expect(res.status).toBe(200);
    expect(res.headers.get('sl-violations')).toBeNull();
    expect(await res.json()).toEqual(product);
  });

  it('flags an answer that breaks the spec in sl-violations, naming what is missing', async () => {
    const res = await get(lenient, 'BAD');
    expect(res.status).toBe(200);
    const violations = JSON.parse(res.headers.get('sl-violations') ?? '[]') as { location: string[]; message: string }[];
    expect(violations.map((v) => v.message)).toEqual(expect.arrayContaining([expect.stringContaining("required property 'title'")]));
    expect(violations.every((v) => v.location[0] === 'response')).toBe(true);
  });

  it('with --errors, replaces such an answer with Prism\'s 500 problem', async () => {
    const res = await get(strict, 'BAD');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await res.json()).type).toMatch(/VIOLATIONS/);
  });

  it('answers a body that is not JSON, instead of leaving the request hanging', async () => {
    const res = await fetch(`${lenient.url}/v1/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': 'proxy-1', 'content-type': 'application/json' },
      body: '{"sku":',
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body' }] } });
  });
});
