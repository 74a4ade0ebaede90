import { describe, expect, it } from 'vitest';
import { productBody, setup } from '../test/harness.js';

describe('request bodies', () => {
  it('answers 400 VALIDATION_FAILED for malformed JSON', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products', { raw: '{"sku": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', issue: expect.stringMatching(/^is not valid JSON/) }] });
  });

  it('answers 400 for invalid UTF-8', async () => {
    const { call } = await setup();
    const raw = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await call('POST', '/v1/products', { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'body', issue: 'is not valid UTF-8' }]);
  });

  it('answers 415 for other media types and charsets', async () => {
    const { call } = await setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      const res = await call('POST', '/v1/products', { raw: JSON.stringify(productBody()), headers: { 'content-type': type } });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const ok = await call('POST', '/v1/products', { raw: JSON.stringify(productBody()), headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(ok.status).toBe(201);
  });

  it('answers 413 for bodies over 1 MB, declared or streamed', async () => {
    const { call, app, key } = await setup();
    const big = JSON.stringify(productBody({ description: 'x'.repeat(1024 * 1024) }));
    const res = await call('POST', '/v1/products', { raw: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // A stream without Content-Length is cut off while reading.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await app.fetch(new Request('http://localhost/v1/products', {
      method: 'POST', body: stream, duplex: 'half',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'big' },
    } as RequestInit));
    expect(streamed.status).toBe(413);
  });

  it('requires a body where the spec does', async () => {
    const { call } = await setup();
    const res = await call('POST', '/v1/products');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'body', issue: 'is required' }]);
  });
});
