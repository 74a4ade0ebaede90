import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specRequests } from './fuzz/spec-requests.js';
import { bundledSpec } from './spec/document.js';
import { memoryHarness, onPostgres, pgliteHarness, type StoreHarness } from './store/testing/harness.js';
import { productBody, setup } from './test/harness.js';
import { OVERSIZED_HEADS } from './test/oversized-heads.js';
import { compileOperations } from './validation/compile.js';

const requests = specRequests();
const writes = requests.filter((r) => r.takesBody && r.body !== undefined);
const compiled = new Map(compileOperations(bundledSpec).map((op) => [op.operationId, op]));

describe('bounded work per request', () => {
  it('refuses 100,000 empty batch items on their count, with one detail', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products/batch', { body: { items: Array.from({ length: 100_000 }, () => ({})) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'items', issue: 'must have at most 1000 items' }]);
  });

  it('answers 400, not a stack overflow, to 100,000 bulk updates', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products/bulk', { body: { items: Array.from({ length: 100_000 }, () => ({})) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'items', issue: 'must have at most 100 items' }]);
  });

  it('caps the details at 100 and says how many there were', async () => {
    const { call } = await setup();
    // 1,000 items is within the schema's limit: every one is checked, and each misses 4 fields.
    const res = await call('POST', '/v1/products/batch', { body: { items: Array.from({ length: 1000 }, () => ({})) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toHaveLength(100);
    expect(res.body.error.details_total).toBe(4000);
    expect(res.body.error.details[0]).toEqual({ index: 0, field: 'items.0.sku', issue: 'is required' });
  });

  it('answers 503 UNAVAILABLE with Retry-After when an operation outlives the time budget', async () => {
    const { call } = await setup({ requestTimeoutMs: 200 });
    const job = await call('POST', '/v1/products/batch', { body: { items: [productBody()] } });
    expect(job.status).toBe(202);
    // No worker runs in this app: the job stays queued and the long poll outlives the budget.
    const res = await call('GET', `/v1/jobs/${job.body.data.job_id}?wait=10`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  });
});

describe('oversized heads in the core (every runtime, the mock included)', () => {
  it.each(OVERSIZED_HEADS)('a 20 KB %s is 431 HEADERS_TOO_LARGE in the envelope', async (_, headers, path) => {
    const { call } = await setup();
    const res = await call('GET', path, { headers, ...('authorization' in headers ? { key: null } : {}) });
    expect(res.status).toBe(431);
    expect(res.body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  });
});

describe('friendly to ordinary clients', () => {
  it.each(requests.filter((r) => r.method === 'GET').map((r) => [r.operationId, r] as const))(
    '%s ignores an unknown query parameter',
    async (_, request) => {
      const { call } = await setup();
      const plain = await call('GET', request.path);
      const busted = await call('GET', `${request.path}${request.path.includes('?') ? '&' : '?'}_=123&_=456&utm_source=%00`);
      expect(busted.status).toBe(plain.status);
      expect(busted.body?.error?.code).toBe(plain.body?.error?.code);
    },
  );

  it('replaces a malformed X-Request-Id instead of refusing the request', async () => {
    const { call } = await setup();
    const res = await call('GET', '/v1/products', { headers: { 'x-request-id': 'not valid!' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_[A-Za-z0-9]{16}$/);
  });
});

/** The example body with `\ud800` appended to one string the schema accepts anything in, if any. */
function withLoneSurrogate(operationId: string, body: unknown): { body: unknown; field?: string } {
  const op = compiled.get(operationId)!;
  const leaves: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') leaves.push(path);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(body, []);
  const mutate = (path: string[]) => {
    const copy = structuredClone(body) as Record<string, any>;
    const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
    parent[path.at(-1)!] += '\ud800x';
    return copy;
  };
  for (const path of leaves) {
    const candidate = mutate(path);
    const checked = op.batchBody && !(candidate && 'items' in candidate) ? { items: [candidate] } : candidate;
    if (op.validateBody!(checked)) return { body: candidate, field: path.join('.') };
  }
  return { body: leaves.length ? mutate(leaves[0]!) : { title: '\ud800' } };
}

function loneSurrogateSuite(label: string, open: () => Promise<StoreHarness>) {
  describe(`lone surrogates on the ${label} store`, () => {
    let harness: StoreHarness;
    beforeAll(async () => {
      harness = await open();
    });
    afterAll(() => harness?.close());

    it.each(writes.map((r) => [`${r.method} ${r.operationId}`, r] as const))('%s answers 400', async (_, request) => {
      await harness.reset();
      const { call } = await setup({}, harness.store());
      const { body, field } = withLoneSurrogate(request.operationId, request.body);
      const res = await call(request.method, request.path, { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(res.body.error.details).toContainEqual(expect.objectContaining({ field, issue: expect.stringContaining('Unicode') }));
    });
  });
}

loneSurrogateSuite('memory', memoryHarness);
loneSurrogateSuite('PGlite', pgliteHarness);
onPostgres('lone surrogates on the PostgreSQL store', (open) => loneSurrogateSuite('PostgreSQL', open));
