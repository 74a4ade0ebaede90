import type { OpenApiDocument } from '@nexuscommerce/spec';
import { describe, expect, it } from 'vitest';
import { createDocumentApp } from './operations-app.js';

// A document of its own, served with the Partner API's body reading, validation and envelope.
const doc = {
  openapi: '3.1.0',
  info: { title: 'tiny', version: '1' },
  paths: {
    '/tools/notes': {
      post: {
        operationId: 'addNote',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
        },
        responses: { '201': { description: 'added' } },
      },
    },
    '/tools/notes/{note_id}': {
      get: {
        operationId: 'getNote',
        parameters: [{ name: 'note_id', in: 'path', required: true, schema: { type: 'string', pattern: '^n_[0-9]+$' } }],
        responses: { '200': { description: 'the note' } },
      },
    },
  },
  components: {
    schemas: {
      Note: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', maxLength: 5 } } },
    },
  },
} as unknown as OpenApiDocument;

const app = createDocumentApp({
  spec: doc,
  handlers: {
    addNote: (c) => c.json({ data: c.get('body') }, 201),
    getNote: (c) => c.json({ data: { id: c.get('params').path.note_id } }),
  },
  bodyLimitBytes: 64,
});

const post = async (body: string, type = 'application/json') =>
  app.fetch(new Request('http://tools.test/tools/notes', { method: 'POST', headers: { 'content-type': type }, body }));

describe('createDocumentApp', () => {
  it('hands the validated body and path to the handler', async () => {
    const added = await post('{"text":"hi"}');
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ data: { text: 'hi' } });
    expect(added.headers.get('x-request-id')).toMatch(/^req_/);
    const read = await app.fetch(new Request('http://tools.test/tools/notes/n_7'));
    expect(await read.json()).toEqual({ data: { id: 'n_7' } });
  });

  it('answers bad input in the envelope, with the status the Partner API uses', async () => {
    const cases: Array<[Response | Promise<Response>, number, string]> = [
      [post('{"text":"too long"}'), 400, 'VALIDATION_FAILED'],
      [post('{"text":"a","extra":1}'), 400, 'VALIDATION_FAILED'],
      [post('{"text":'), 400, 'VALIDATION_FAILED'],
      [post('text=hi', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [post(JSON.stringify({ text: 'x'.repeat(100) })), 413, 'PAYLOAD_TOO_LARGE'],
      [app.fetch(new Request('http://tools.test/tools/notes/nope')), 404, 'NOT_FOUND'],
      [app.fetch(new Request('http://tools.test/tools/elsewhere')), 404, 'NOT_FOUND'],
      [app.fetch(new Request('http://tools.test/tools/notes')), 405, 'METHOD_NOT_ALLOWED'],
    ];
    for (const [answer, status, code] of cases) {
      const res = await answer;
      const body = await res.json();
      expect([res.status, body.error.code]).toEqual([status, code]);
      expect(body.request_id).toBe(res.headers.get('x-request-id'));
    }
    const details = (await (await post('{"text":"a","extra":1}')).json()).error.details;
    expect(details).toEqual([{ field: 'extra', issue: 'is not a known field' }]);
  });

  it('refuses a handler table that does not match the document', () => {
    expect(() => createDocumentApp({ spec: doc, handlers: { addNote: (c) => c.json({}) } })).toThrow(/no handler for \[getNote\]/);
    expect(() =>
      createDocumentApp({ spec: doc, handlers: { addNote: (c) => c.json({}), getNote: (c) => c.json({}), removeNote: (c) => c.json({}) } }),
    ).toThrow(/no operation for \[removeNote\]/);
  });
});
