import { describe, expect, it } from 'vitest';
import { createResponseChecker } from '../src/check.js';
import type { OpenApiDocument } from '../src/walk.js';

// A toy document: a list with `fields`, a created resource with a required header, a 204, an
// error envelope and one webhook. Each test breaks one thing the checker must notice.
const thing = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' } } };
const list = { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { $ref: '#/components/schemas/ThingProjection' } } } };
const toy: OpenApiDocument = {
  paths: {
    '/v1/things': {
      get: {
        operationId: 'listThings',
        parameters: [{ name: 'fields', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'page', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingList' } } } } },
      },
      post: {
        operationId: 'createThing',
        responses: {
          '201': {
            description: 'created',
            headers: {
              Location: { required: true, schema: { type: 'string' } },
              'X-Count': { schema: { type: 'integer', minimum: 0 } },
            },
            content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/ThingProjection' }], required: ['id', 'name', 'size'] } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/v1/things/{id}': { delete: { operationId: 'deleteThing', responses: { '204': { description: 'gone' } } } },
  },
  webhooks: {
    'thing.created': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['type', 'data'], properties: { type: { const: 'thing.created' }, data: { $ref: '#/components/schemas/ThingProjection' } } } } } } } },
  },
  components: {
    schemas: { ThingProjection: thing, ThingList: list, Error: { type: 'object', required: ['error'], properties: { error: { type: 'object' } } } },
    responses: { Problem: { description: 'bad', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
};

const check = createResponseChecker(toy);
const created = { id: 't1', name: 'T', size: 2 };

describe('the response checker', () => {
  it('accepts an answer the spec documents, with its required headers', () => {
    expect(check.response({ method: 'POST', url: 'http://x/v1/things', status: 201, headers: new Headers({ location: '/v1/things/t1', 'content-type': 'application/json' }), body: created })).toEqual([]);
    expect(check.response({ method: 'DELETE', url: '/v1/things/t1', status: 204, body: null })).toEqual([]);
  });

  it('reports an undocumented status, a wrong body, a body where none is documented', () => {
    expect(check.response({ method: 'POST', url: '/v1/things', status: 409, body: {} })).toEqual(['createThing answered 409, which the spec does not document']);
    expect(check.response({ method: 'POST', url: '/v1/things', status: 201, body: { id: 't1', name: 'T' } })).toEqual([
      "createThing 201 body does not match the spec: must have required property 'size'",
    ]);
    expect(check.response({ method: 'DELETE', url: '/v1/things/t1', status: 204, body: { id: 't1' } })).toEqual(['deleteThing 204 has a body, which the spec does not describe']);
  });

  it('reports a missing required header, a header value against its schema, a body that is not JSON', () => {
    const problems = check.response({ method: 'POST', url: '/v1/things', status: 201, headers: { 'X-Count': '-1', 'content-type': 'text/html' }, body: created });
    expect(problems).toEqual([
      'createThing 201: header Location is required but missing',
      expect.stringMatching(/^createThing 201: header X-Count: "-1" .*must be >= 0/),
      'createThing 201 is text/html, not application/json',
    ]);
  });

  it('holds a list to what fields= asked: exactly those fields and the key, or every field without it', () => {
    const url = '/v1/things?fields=name';
    expect(check.response({ method: 'GET', url, status: 200, body: { data: [{ id: 'a', name: 'A' }] } })).toEqual([]);
    expect(check.response({ method: 'GET', url, status: 200, body: { data: [{ name: 'A' }] } })).toEqual([
      "listThings 200 body does not match the spec: /data/0 must have required property 'id'",
      'listThings 200 body /data/0 lacks id (asked fields=name)',
    ]);
    expect(check.response({ method: 'GET', url, status: 200, body: { data: [created] } })).toEqual(['listThings 200 body /data/0 has size, which fields=name did not ask for']);
    expect(check.response({ method: 'GET', url: '/v1/things', status: 200, body: { data: [{ id: 'a', name: 'A' }] } })).toEqual([
      'listThings 200 body /data/0 lacks size (asked no fields=)',
    ]);
  });

  it('wants the error envelope from paths the spec lacks, and no success there', () => {
    expect(check.response({ method: 'GET', url: '/v1/nope', status: 404, body: { error: {} } })).toEqual([]);
    expect(check.response({ method: 'HEAD', url: '/v1/nope', status: 404, body: null })).toEqual([]);
    expect(check.response({ method: 'GET', url: '/v1/nope', status: 404, body: 'Not Found' })).toEqual([
      'GET /v1/nope 404 (no such operation) does not match the spec: must be object',
    ]);
    expect(check.response({ method: 'GET', url: '/v1/nope', status: 200, body: {} })).toEqual(['GET /v1/nope answered 200, but the spec has no such operation']);
  });

  it("checks a webhook payload, raw or parsed, against its type's schema", () => {
    expect(check.webhook({ type: 'thing.created', data: { id: 't1' } })).toEqual([]);
    expect(check.webhook(JSON.stringify({ type: 'thing.created', data: { name: 'no id' } }))).toEqual([
      "webhook thing.created does not match the spec: /data must have required property 'id'",
    ]);
    expect(check.webhook({ type: 'thing.exploded', data: {} })).toEqual(['webhook type "thing.exploded" is not in the spec\'s webhooks']);
    expect(check.webhook('{not json')).toEqual(['webhook body is not JSON']);
  });
});
