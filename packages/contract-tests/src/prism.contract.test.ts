import { ValidationError, type NexusClient } from '@nexuscommerce/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedClient, takeViolations, type Exchange } from './http.js';
import { deref, operations, type SpecOperation } from './spec.js';
import { prismTarget, type Target } from './targets.js';

// Prism serves the spec's examples: stateless, so every operation runs once with its example
// request and must answer a documented status with a schema-valid body and its required headers.
let prism: Target;
let client: NexusClient;
let last: Exchange | undefined;
beforeAll(async () => {
  prism = await prismTarget();
  client = checkedClient(prism, prism.apiKey, (e) => (last = e));
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
  for (const p of op.parameters) {
    if (p.in === 'path') path[p.name] = example(p) ?? 'x';
    if (p.in === 'query' && p.required) query[p.name] = example(p) ?? 'x';
  }
  const media = op.operation.requestBody ? deref(op.operation.requestBody).content?.['application/json'] : undefined;
  return { params: { path, query }, ...(media ? { body: example(media) ?? {} } : {}) };
}

describe('prism (stateless subset)', () => {
  it.each(operations.map((o) => [o.operationId, o] as const))('%s answers its example with a documented, schema-valid response', async (_id, op) => {
    last = undefined;
    const method = op.method.toUpperCase() as 'GET';
    await (client.raw as any)[method](op.path, request(op));
    expect(last, 'no response').toBeDefined();
    expect(last!.status, JSON.stringify(last!.body)).toBeLessThan(300);
    expect(takeViolations()).toEqual([]);
  });

  it('validates what it is sent: an invalid body gets 400 VALIDATION_FAILED naming the fields, as from the server', async () => {
    const error = await client.products.create({ sku: 5, title: 'Tee', price: '1.00' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.field).sort()).toEqual(['currency', 'sku']);
    expect(takeViolations()).toEqual([]);
  });
});
