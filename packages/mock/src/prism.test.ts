import { spec } from '@nexuscommerce/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from './prism.js';
import { deref, firstExample, listOperations, type SpecOperation } from './spec-operations.js';

// A syntactically valid sandbox key: Prism checks that credentials are present, not what they are.
const API_KEY = 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab';
const operations = listOperations(spec);

function exampleOf(param: Record<string, any>): string {
  const schema = deref(spec, param.schema ?? {});
  const value = param.example ?? schema.examples?.[0] ?? schema.default ?? schema.enum?.[0];
  if (value === undefined) throw new Error(`parameter ${param.name} has no example to build a request from`);
  return String(value);
}

/** A valid request for the operation, built only from the spec's own examples. */
function buildRequest(baseUrl: string, op: SpecOperation, prefer?: string): Request {
  let path = op.path;
  const query = new URLSearchParams();
  const headers = new Headers({ authorization: `Bearer ${API_KEY}` });
  for (const param of op.parameters) {
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(exampleOf(param)));
    else if (param.in === 'query' && param.required) query.set(param.name, exampleOf(param));
    else if (param.in === 'header' && param.required) headers.set(param.name, exampleOf(param));
  }
  const body = firstExample(spec, deref(spec, op.operation.requestBody ?? {}).content?.['application/json']);
  if (body !== undefined) headers.set('content-type', 'application/json');
  if (prefer) headers.set('prefer', prefer);
  const search = query.size ? `?${query}` : '';
  return new Request(`${baseUrl}${path}${search}`, {
    method: op.method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function documented(op: SpecOperation, status: string) {
  const response = deref(spec, op.operation.responses[status]);
  return firstExample(spec, response.content?.['application/json']);
}

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism({ port: 0 });
});
afterAll(async () => {
  await prism?.close();
});

describe('Prism serves every operation of the spec from its examples', () => {
  it('covers the whole spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(54);
  });

  describe.each(operations.map((op) => [`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, op] as const))(
    '%s',
    (_name, op) => {
      const statuses = Object.keys(op.operation.responses);
      const success = statuses.filter((s) => s.startsWith('2')).sort()[0]!;
      const clientErrors = statuses.filter((s) => s.startsWith('4'));

      it(`answers a valid request with the documented ${success}`, async () => {
        const res = await fetch(buildRequest(prism.url, op));
        const text = await res.text();
        expect(res.status, text).toBe(Number(success));
        const expected = documented(op, success);
        expect(text ? JSON.parse(text) : undefined).toEqual(expected);
      });

      it.each(clientErrors)('answers Prefer: code=%s with the documented error', async (status) => {
        const res = await fetch(buildRequest(prism.url, op, `code=${status}`));
        expect(res.status).toBe(Number(status));
        expect(await res.json()).toEqual(documented(op, status));
      });
    },
  );
});

describe('Prism validates what it is sent', () => {
  const createProduct = (body: string) =>
    fetch(`${prism.url}/v1/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': 'prism-1', 'content-type': 'application/json', 'x-request-id': 'req-prism-1' },
      body,
      // A hang fails here, with a clear reason, instead of at the test timeout.
      signal: AbortSignal.timeout(10_000),
    });

  it('answers a body that breaks the schema with 400 VALIDATION_FAILED naming each field, as the server would', async () => {
    const res = await createProduct(JSON.stringify({ sku: 5, title: 'T-shirt', price: '799.00' }));
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('req-prism-1');
    expect(body).toMatchObject({ request_id: 'req-prism-1', error: { code: 'VALIDATION_FAILED' } });
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['currency', 'sku']);
    // Prism's own report stays available to tools that read it.
    expect(JSON.parse(res.headers.get('sl-violations')!)).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: ['request', 'body', 'sku'], severity: 'Error' })]),
    );
  });

  it('answers a body that is not JSON at all, instead of leaving the request hanging', async () => {
    const res = await createProduct('{"sku": "TSHIRT-1", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'body' }] } });
  });

  it('leaves a valid request alone', async () => {
    const res = await createProduct(JSON.stringify(firstExample(spec, deref(spec, operations.find((o) => o.operationId === 'createProduct')!.operation.requestBody).content['application/json'])));
    expect(res.status).toBe(201);
    expect(res.headers.get('sl-violations')).toBeNull();
  });
});

