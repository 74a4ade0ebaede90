import type { Duplex } from 'node:stream';
import { ApiError, errorBody } from '../errors.js';
import { newId } from '../ids.js';

/**
 * Node's own limit on a request's head: four times the core's `headerLimitBytes` (64 KB by
 * default), so the core answers oversized heads with its envelope and Node only stops heads no
 * server should buffer.
 */
export function nodeMaxHeaderSize(headerLimitBytes: number): number {
  return Math.max(64 * 1024, headerLimitBytes * 4);
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

/**
 * A `clientError` listener for Node's HTTP server: a request Node cannot parse (a head over
 * `maxHeaderSize`, broken HTTP) gets the error envelope with an `X-Request-Id` instead of
 * Node's bare status line (decision 039).
 *
 * @example
 * server.on('clientError', clientErrorListener(65_536));
 */
export function clientErrorListener(maxHeaderSize: number) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const apiError = error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError('HEADERS_TOO_LARGE', `The URL and headers are larger than ${maxHeaderSize} bytes.`, [
        { field: 'headers', issue: `the URL and headers together must be at most ${maxHeaderSize} bytes` },
      ])
      : ApiError.validation([{ field: 'request', issue: 'is not valid HTTP/1.1' }], 'The request could not be parsed.');
    const requestId = newId('req', 16);
    // Node has no response object for a request it could not parse: write the status line and framing.
    const body = JSON.stringify(errorBody(apiError, requestId));
    const head = [
      `HTTP/1.1 ${apiError.status} ${REASONS[apiError.status] ?? 'Error'}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  };
}
