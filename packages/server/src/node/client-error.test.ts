import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../node.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { OVERSIZED_HEADS } from '../test/oversized-heads.js';

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function rawExchange(port: number, request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

describe('oversized and broken requests over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ store: createMemoryStore(), port: 43101, background: false });
  });
  afterAll(() => server?.close());

  it.each(OVERSIZED_HEADS)('a 20 KB %s gets 431 in the envelope with X-Request-Id', async (_, headers, path) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    expect(res.status).toBe(431);
    const body = await res.json();
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(res.headers.get('x-request-id')).toBe(body.request_id);
  });

  it('a head larger than Node will buffer still gets the envelope', async () => {
    const res = await rawExchange(server.port, `GET /v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'k'.repeat(100_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    const body = JSON.parse(res.body);
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(res.headers['x-request-id']).toBe(body.request_id);
    expect(body.request_id).toMatch(/^req_/);
  });

  it('a request that is not HTTP gets a 400 envelope', async () => {
    const res = await rawExchange(server.port, 'GET /v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
  });
});
