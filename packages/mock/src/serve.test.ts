import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';
import type { OpenApiDocument } from '@nexuscommerce/spec';
import { createResponseChecker } from '@nexuscommerce/spec/check';
import { referenceHtml } from '@nexuscommerce/spec/reference';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd, startServeProcess, type ServeProcess } from './test/serve-process.js';

// `nexus-mock serve` as a partner's CI runs it: the built CLI in its own process, driven over
// loopback HTTP. Every control answer is checked against the control API's own document.

const document = JSON.parse(readFileSync(new URL('../dist/control.json', import.meta.url), 'utf8')) as OpenApiDocument;
const check = createResponseChecker(document);
let served: ServeProcess;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function send(method: string, path: string, init: { json?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${served.url}${path}`, { method, headers, body: init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json)) });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (path.startsWith('/__mock')) {
    expect(check.response({ method, url: path, status: res.status, headers: res.headers, body }), `${method} ${path} by the control document`).toEqual([]);
  }
  return { status: res.status, headers: res.headers, body };
}

/** A Partner API call with the seeded key (or another); POSTs get an idempotency key. */
const api = (method: string, path: string, json?: unknown, key = served.apiKey) =>
  send(method, `/v1${path}`, {
    json,
    headers: { authorization: `Bearer ${key}`, ...(method === 'POST' || method === 'PATCH' ? { 'idempotency-key': crypto.randomUUID() } : {}) },
  });
const control = (method: string, path: string, json?: unknown) => send(method, `/__mock${path}`, { json });
const product = (sku: string) => ({ sku, title: 'Masala Chai 250 g', price: '249.00', currency: 'INR', tax_rate: '18.00' });
const batchOf = (n: number) => ({ items: Array.from({ length: n }, (_, i) => product(`SERVE-B${i}`)) });

beforeAll(async () => {
  served = await startServeProcess(['--seed', '3']);
});
afterEach(async () => {
  expect((await control('POST', '/reset')).status).toBe(200);
});
afterAll(() => served?.stop());

describe('nexus-mock serve', () => {
  it('prints where it listens and which key to use, and serves the seeded sandbox there', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.env.NEXUS_MOCK_CONTROL).toBe(`${served.url}/__mock`);
    const sandbox = await control('GET', '/sandbox');
    expect(sandbox.body.data).toMatchObject({ base_url: served.url, api_key: served.apiKey, seed: 3 });
    const page = await api('GET', '/products?limit=5');
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(5);
  });

  it('keeps what is created until a reset brings back the seed', async () => {
    expect((await api('POST', '/products', product('SERVE-1'))).status).toBe(201);
    const listed = await api('GET', '/products?search=SERVE-1');
    expect(listed.body.data.map((p: { sku: string }) => p.sku)).toEqual(['SERVE-1']);
    const reset = await control('POST', '/reset');
    expect(reset.body.data.created.products).toBeGreaterThan(0);
    expect((await api('GET', '/products/SERVE-1')).status).toBe(404);
    expect((await api('GET', '/products?search=SERVE-1')).body.data).toEqual([]);
  });

  it('puts scenarios in front of the server, lists and removes them', async () => {
    const applied = await control('POST', '/scenarios', { name: 'rate_limited', retry_after_sec: 7, times: 1 });
    expect(applied.status).toBe(201);
    const limited = await api('GET', '/products?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await api('GET', '/products?limit=1')).status).toBe(200);

    const failing = await control('POST', '/scenarios', { name: 'server_error', status: 503, match: 'listProducts' });
    expect((await control('GET', '/scenarios')).body.data.map((s: { id: string }) => s.id)).toEqual([failing.body.data.id, applied.body.data.id]);
    expect((await api('GET', '/products?limit=1')).status).toBe(503);
    expect((await api('GET', '/categories?limit=1')).status).toBe(200);
    expect((await control('DELETE', `/scenarios/${failing.body.data.id}`)).status).toBe(204);
    expect((await api('GET', '/products?limit=1')).status).toBe(200);
    expect((await control('DELETE', `/scenarios/${failing.body.data.id}`)).status).toBe(404);

    await control('POST', '/scenarios', { name: 'server_error' });
    expect((await control('DELETE', '/scenarios')).status).toBe(204);
    expect((await control('GET', '/scenarios')).body.data).toEqual([]);
    expect((await api('GET', '/products?limit=1')).status).toBe(200);
  });

  it('refuses a bad scenario with the envelope, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'meltdown' }, 'name'],
      [{ name: 'latency' }, 'ms'],
      [{ name: 'rate_limited', ms: 5 }, 'ms'],
      [{ name: 'server_error', match: ['listProducts', 'listUnicorns'] }, 'match.1'],
      [{ name: 'job_fails', code: 'NOT_A_CODE' }, 'code'],
      [{ name: 'server_error', status: 502 }, 'status'],
    ];
    for (const [json, field] of cases) {
      const answer = await control('POST', '/scenarios', json);
      expect(answer.status, JSON.stringify(json)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(json)).toContain(field);
    }
    const notJson = await send('POST', '/__mock/scenarios', { raw: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.details[0].field).toBe('body');
    const text = await send('POST', '/__mock/scenarios', { raw: 'name=latency', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await control('GET', '/scenarios')).body.data).toEqual([]);
  });

  it('answers unknown control routes and methods in the envelope', async () => {
    const missing = await control('GET', '/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const wrongMethod = await control('GET', '/reset');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await control('GET', '/openapi.json')).body.info.title).toBe(document.info?.title);
  });

  it('holds jobs and steps one to completion', async () => {
    expect((await control('POST', '/jobs/hold')).body.data.mode).toBe('manual');
    const accepted = await api('POST', '/products/batch', batchOf(3));
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.data.job_id as string;
    expect((await api('GET', `/jobs/${jobId}`)).body.data.status).toBe('queued');

    const first = await control('POST', `/jobs/${jobId}/step`);
    expect(first.body.data).toMatchObject({ applied: 1, job: { id: jobId, status: 'running', processed: 1, total: 3 } });
    const rest = await control('POST', `/jobs/${jobId}/step`, { records: 5 });
    expect(rest.body.data).toMatchObject({ applied: 2, job: { status: 'succeeded', processed: 3, succeeded: 3 } });
    expect((await control('POST', `/jobs/${jobId}/step`)).body.data.applied).toBe(0);
    expect((await api('GET', `/jobs/${jobId}`)).body.data.status).toBe('succeeded');
    expect((await api('GET', '/products/SERVE-B2')).status).toBe(200);

    const unknown = await control('POST', '/jobs/job_doesnotexist/step');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await control('POST', '/jobs/step', { records: 0 })).status).toBe(400);

    const second = await api('POST', '/products/batch', batchOf(2));
    expect((await control('POST', '/jobs/step', { records: 1 })).body.data.applied).toBe(1);
    expect((await control('POST', '/jobs/run-all')).status).toBe(204);
    expect((await api('GET', `/jobs/${second.body.data.job_id}`)).body.data.status).toBe('succeeded');
    expect((await control('POST', '/jobs/release')).body.data.mode).toBe('auto');
  });

  it('moves the clock, and a job slowed by job_takes follows it', async () => {
    const before = await control('GET', '/clock');
    expect(before.body.data.offset_ms).toBe(0);
    await control('POST', '/scenarios', { name: 'job_takes', ms: 600_000, times: 1 });
    const accepted = await api('POST', '/products/batch', batchOf(4));
    const jobId = accepted.body.data.job_id as string;
    expect((await api('GET', `/jobs/${jobId}`)).body.data.status).not.toBe('succeeded');
    const moved = await control('POST', '/clock/advance', { ms: 600_000 });
    expect(moved.body.data.offset_ms).toBe(600_000);
    expect(Date.parse(moved.body.data.now) - Date.parse(before.body.data.now)).toBeGreaterThanOrEqual(600_000);
    const job = await api('GET', `/jobs/${jobId}`);
    expect(job.body.data).toMatchObject({ status: 'succeeded', progress: { processed: 4 } });
    expect((await control('POST', '/clock/advance', { ms: -1 })).status).toBe(400);
    await control('POST', '/reset');
    expect((await control('GET', '/clock')).body.data.offset_ms).toBe(0);
  });

  it('lists recorded webhooks with signatures that verify, and clears them', async () => {
    await api('POST', '/products', product('SERVE-HOOK'));
    const listed = await control('GET', '/webhooks?type=product.created');
    expect(listed.body.meta.count).toBe(1);
    const [hook] = listed.body.data;
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'product.created', data: { sku: 'SERVE-HOOK' } });
    await expect(verifyWebhook({ payload: hook.body, headers: hook.headers, secret: listed.body.meta.secret })).resolves.toMatchObject({ id: hook.id });
    const forged = { ...hook.headers, 'webhook-signature': 'v1,AAAA' };
    await expect(verifyWebhook({ payload: hook.body, headers: forged, secret: listed.body.meta.secret })).rejects.toThrow();
    expect(listed.body.meta.secret).toBe((await control('GET', '/sandbox')).body.data.webhook_secret);
    expect((await control('DELETE', '/webhooks')).status).toBe(204);
    expect((await control('GET', '/webhooks')).body.data).toEqual([]);
  });

  it('issues keys with other scopes and in live mode', async () => {
    const reader = await control('POST', '/keys', { scopes: ['products:read'], plan: 'starter' });
    expect(reader.status).toBe(201);
    expect(reader.body.data).toMatchObject({ mode: 'test', scopes: ['products:read'], plan: 'starter' });
    expect((await api('GET', '/products?limit=1', undefined, reader.body.data.api_key)).status).toBe(200);
    const denied = await api('POST', '/products', product('SERVE-DENIED'), reader.body.data.api_key);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('SCOPE_DENIED');

    const live = await control('POST', '/keys', { mode: 'live' });
    expect(live.body.data.api_key).toMatch(/^nxc_live_/);
    expect((await api('GET', '/products', undefined, live.body.data.api_key)).body.data).toEqual([]);

    const bad = await control('POST', '/keys', { scopes: ['unicorns:read'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('scopes');
    await control('POST', '/reset');
    expect((await api('GET', '/products?limit=1', undefined, reader.body.data.api_key)).status).toBe(401);
  });

  it('honours Prefer per request, as Prism does', async () => {
    const forced = await send('GET', '/v1/products/TSH-00001', { headers: { authorization: `Bearer ${served.apiKey}`, prefer: 'code=404' } });
    expect(forced.status).toBe(404);
    expect(forced.body.error.code).toBe('NOT_FOUND');
    expect((await api('GET', '/products?limit=1')).status).toBe(200);
  });

  it('serves the API reference page at /docs', async () => {
    const res = await fetch(`${served.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(referenceHtml().toString('utf8'));
    const head = await fetch(`${served.url}/docs`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(referenceHtml().length));
    const post = await fetch(`${served.url}/docs`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await post.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('the control document', () => {
  it('passes the lint rules the Partner API spec is held to', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const redocly = fileURLToPath(new URL('../node_modules/.bin/redocly', import.meta.url));
    const result = await runToEnd(redocly, ['lint', 'openapi/control.yaml', '--format', 'stylish'], { cwd: root });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('is shipped with the package, YAML and bundled JSON', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.files).toContain('openapi');
    expect(manifest.exports['./openapi/control.yaml']).toBe('./openapi/control.yaml');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths ?? {}).every((path) => path.startsWith('/__mock/'))).toBe(true);
  });
});
