import { describe, expect, it } from 'vitest';
import { spec } from '../src/index.js';
import { listOperations } from '../src/walk.js';

const operations = listOperations(spec).map(({ path, method, operation }) => ({ path, method, op: operation }));

describe('the spec states the conventions on every operation', () => {
  it('has every operation of the contract', () => {
    expect(operations.length).toBeGreaterThanOrEqual(54);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s', (_name, { method, path, op }) => {
    expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    expect(op.tags).toHaveLength(1);
    const params = [...(spec.paths[path]!.parameters ?? []), ...(op.parameters ?? [])].map((p: any) =>
      p.$ref ? p.$ref.split('/').pop() : p.name,
    );
    if (method === 'post' || method === 'patch') expect(params).toContain('IdempotencyKey');
    const codes = Object.keys(op.responses);
    expect(codes.some((c) => c.startsWith('4'))).toBe(true);
    if (op['x-pagination']) expect(op['x-pagination']).toBe('cursor');
    if (op['x-async-job']) expect(codes).toContain('202');
  });

  it('describes every webhook event of the contract', () => {
    expect(Object.keys(spec.webhooks).sort()).toEqual(
      [
        'customer.created', 'customer.updated', 'inventory.low', 'inventory.updated', 'job.completed',
        'order.cancelled', 'order.completed', 'order.created', 'order.updated', 'ping',
        'product.created', 'product.deleted', 'product.updated', 'wallet.recharged',
      ].sort(),
    );
  });
});
