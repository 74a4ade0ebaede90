import { createNexusClient } from '@nexuscommerce/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse, deref, operations, type SpecOperation } from './spec.js';
import { prismTarget, type Target } from './targets.js';

// Prism serves the spec's examples: stateless, so every operation runs once with its example
// request and must answer a documented status with a schema-valid body.
let prism: Target;
beforeAll(async () => {
  prism = await prismTarget();
}, 60_000);
afterAll(() => prism?.close());

function example(node: any): unknown {
  if (!node) return undefined;
  if (node.example !== undefined) return node.example;
  const first = node.examples && Object.values(node.examples)[0];
  if (first) return (deref(first) as { value?: unknown }).value;
  return node.schema ? (deref(node.schema) as { example?: unknown }).example : undefined;
}

function request(op: SpecOperation) {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of op.op.parameters.map((x: unknown) => deref(x))) {
    if (p.in === 'path') path[p.name] = example(p) ?? 'x';
    if (p.in === 'query' && p.required) query[p.name] = example(p) ?? 'x';
  }
  const media = op.op.requestBody ? deref(op.op.requestBody).content?.['application/json'] : undefined;
  return { params: { path, query }, ...(media ? { body: example(media) ?? {} } : {}) };
}

describe('prism (stateless subset)', () => {
  it.each(operations.map((o) => [o.operationId, o] as const))('%s answers its example with a documented, schema-valid response', async (_id, op) => {
    let seen: { status: number; body: unknown } | undefined;
    const client = createNexusClient({
      apiKey: prism.apiKey,
      baseUrl: prism.baseUrl,
      maxRetries: 0,
      fetch: async (req) => {
        const res = await fetch(req);
        const text = await res.clone().text();
        seen = { status: res.status, body: text ? JSON.parse(text) : null };
        return res;
      },
    });
    const method = op.method.toUpperCase() as 'GET';
    await (client.raw as any)[method](op.path, request(op));
    expect(seen, 'no response').toBeDefined();
    expect(seen!.status, JSON.stringify(seen!.body)).toBeLessThan(300);
    expect(checkResponse(op.method, op.path.replace(/\{[^}]+\}/g, 'x'), seen!.status, seen!.body)).toEqual([]);
  });
});
