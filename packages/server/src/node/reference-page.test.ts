import { referenceHtml } from '@nexuscommerce/spec/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../node.js';
import { createMemoryStore } from '../store/memory/memory-store.js';

describe('the reference page at /docs', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ store: createMemoryStore(), port: 0, background: false });
  });
  afterAll(() => server?.close());

  it('serves the page the spec package built', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toBe(referenceHtml().toString('utf8'));
    expect(html).toContain('id="openapi-document"');
  });

  it('answers HEAD with the headers only', async () => {
    const res = await fetch(`${server.url}/docs`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(referenceHtml().length));
  });

  it('leaves every other path and method to the API, which answers in its envelope', async () => {
    const post = await fetch(`${server.url}/docs`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await post.json()).error.code).toBe('NOT_FOUND');
    const below = await fetch(`${server.url}/docs/openapi.json`);
    expect(below.status).toBe(404);
    expect((await below.json()).error.code).toBe('NOT_FOUND');
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
  });
});
