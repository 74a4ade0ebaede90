import { describe, expect, it } from 'vitest';
import { spec } from '../src/index.js';
import { atPointer, createOperationMatcher, deref, documentedResponse, listOperations, type OpenApiDocument } from '../src/walk.js';

// A toy document with the cases the walker must get right, beside checks on the real spec.
const toy: OpenApiDocument = {
  paths: {
    '/v1/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }, { name: 'x', in: 'header', required: false }],
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'x', in: 'header', required: true }],
        responses: { '200': { $ref: '#/components/responses/Ok' }, '4XX': { description: 'client' }, default: { description: 'other' } },
      },
    },
    '/v1/things/special': { get: { operationId: 'getSpecial', responses: {} } },
    '/v1/loop': { get: { operationId: 'loop', responses: { '200': { $ref: '#/components/responses/A' } } } },
  },
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    responses: { Ok: { description: 'ok' }, A: { $ref: '#/components/responses/B' }, B: { $ref: '#/components/responses/A' } },
  },
};

describe('the spec walker', () => {
  it('resolves references and JSON pointers, refusing remote and circular ones', () => {
    expect(atPointer(toy, '#/components/parameters/Id')).toMatchObject({ name: 'id' });
    expect(atPointer(toy, '/paths/~1v1~1things~1{id}/get/operationId')).toBe('getThing');
    expect(atPointer(toy, '/nowhere/at/all')).toBeUndefined();
    expect(deref(toy, { $ref: '#/components/responses/Ok' })).toEqual({ description: 'ok' });
    expect(() => deref(toy, { $ref: 'https://example.com/other.json#/x' })).toThrow(/local/);
    expect(() => deref(toy, { $ref: '#/components/responses/A' })).toThrow(/Circular/);
  });

  it("merges path-item parameters, letting an operation's own replace one of the same name and place", () => {
    const [getThing] = listOperations(toy);
    expect(getThing!.pointer).toBe('/paths/~1v1~1things~1{id}/get');
    expect(getThing!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'x', in: 'header', required: true },
    ]);
  });

  it('finds the documented response by exact status, then range, then default', () => {
    const [getThing] = listOperations(toy);
    expect(documentedResponse(toy, getThing!, 200)).toEqual({ description: 'ok' });
    expect(documentedResponse(toy, getThing!, 404)).toEqual({ description: 'client' });
    expect(documentedResponse(toy, getThing!, 503)).toEqual({ description: 'other' });
    expect(documentedResponse(toy, listOperations(toy)[1]!, 200)).toBeUndefined();
  });

  it('matches literal segments before templates, by method, and not with a trailing slash', () => {
    const match = createOperationMatcher(toy);
    expect(match('GET', '/v1/things/special')?.operationId).toBe('getSpecial');
    expect(match('get', '/v1/things/42')?.operationId).toBe('getThing');
    expect(match('POST', '/v1/things/42')).toBeUndefined();
    expect(match('GET', '/v1/things/42/')).toBeUndefined();
    expect(match('GET', '/v1/things')).toBeUndefined();
  });

  it('reads every operation of the real spec, the literal paths winning there too', () => {
    const match = createOperationMatcher(spec);
    expect(match('GET', '/v1/inventory/licenses')?.operationId).toBe('getLicenseCounts');
    expect(match('GET', '/v1/inventory/TEE-1')?.operationId).toBe('getInventoryForSku');
    expect(match('POST', '/v1/products/bulk')?.operationId).toBe('bulkUpdateProducts');
    expect(match('GET', '/v1/customers/by-phone/%2B919812345678')?.operationId).toBe('getCustomerByPhone');
    const ids = listOperations(spec).map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
