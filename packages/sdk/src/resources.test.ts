import { spec } from '@nexuscommerce/spec';
import { describe, expect, it } from 'vitest';
import { createNexusClient } from './client.js';
import { JobHandle } from './jobs.js';
import { Page } from './pagination.js';
import { resourceTable } from './resources.js';
import { json } from './testing/fake-fetch.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const lines = Object.entries(resourceTable).flatMap(([resource, ops]) =>
  Object.entries(ops).map(([name, line]) => {
    const [verb, path] = (line as string).split(' ') as [string, string];
    const method = verb === 'LIST' ? 'get' : verb === 'ACTION' ? 'post' : verb.toLowerCase();
    return { resource, name, verb, path, method };
  }),
);

describe('resource table against the bundled spec', () => {
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
  );

  it('has one line per operation, and no line the spec lacks', () => {
    const inSpec = operations.map((o) => `${o.method} ${o.path}`).sort();
    const inTable = lines.map((l) => `${l.method} ${l.path}`).sort();
    expect(inTable).toEqual(inSpec);
  });

  it('marks exactly the x-pagination operations LIST and the bodiless POSTs ACTION', () => {
    for (const { path, method, op } of operations) {
      const line = lines.find((l) => l.path === path && l.method === method)!;
      expect(line.verb === 'LIST', `${method} ${path}`).toBe(op['x-pagination'] === 'cursor');
      if (method === 'post') expect(line.verb === 'ACTION', `${method} ${path}`).toBe(!op['requestBody']);
    }
  });

  it('answers 202 for every x-async-job operation (the client turns those into JobHandles)', () => {
    const jobs = operations.filter((o) => o.op['x-async-job']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const { op } of jobs) expect(Object.keys(op['responses'] as object)).toContain('202');
  });
});

describe('every table line reaches its endpoint through the client', () => {
  it.each(lines)('$resource.$name → $verb $path', async ({ resource, name, verb, path, method }) => {
    const seen: Request[] = [];
    const fetch = async (request: Request) => {
      seen.push(request);
      if (verb === 'LIST') return json(200, { data: [], meta: { limit: 50, next_cursor: null, has_more: false } });
      if (name === 'batch' || name === 'sync') return json(202, { data: { job_id: 'job_1', status: 'queued' } });
      return json(200, { data: { ok: true } });
    };
    const nexus = createNexusClient({ apiKey: 'nxc_test_x', baseUrl: 'http://api.test', fetch });
    const params = Array.from(path.matchAll(/\{(\w+)\}/g), (m) => `p-${m[1]}`);
    const body = verb === 'POST' || verb === 'PATCH' || verb === 'PUT' ? [{ field: 1 }] : [];
    const call = (nexus as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[resource]![name]!;
    const result = await call(...params, ...body);

    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe(method.toUpperCase());
    expect(new URL(seen[0]!.url).pathname).toBe(path.replace(/\{(\w+)\}/g, 'p-$1'));
    if (body.length) expect(await seen[0]!.json()).toEqual({ field: 1 });
    if (verb === 'LIST') expect(result).toBeInstanceOf(Page);
    else if (name === 'batch' || name === 'sync') expect(result).toBeInstanceOf(JobHandle);
    else expect(result).toEqual({ ok: true });
  });
});
