import { ApiError, toErrorResponse, type ErrorCode, type ErrorDetail } from '@nexuscommerce/server';

// The server's rule for echoing a client's X-Request-Id; anything else gets a fresh id.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's own `X-Request-Id` when well-formed, else a new `req_…`, as the server does. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get('x-request-id');
  if (incoming && VALID_REQUEST_ID.test(incoming)) return incoming;
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `req_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * An error answer made by the mock itself (a scenario), in the server's one error envelope and
 * with `X-Request-Id`, so clients cannot tell it from the server's.
 */
export function errorResponse(
  request: Request,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  details: ErrorDetail[] = [],
): Response {
  const requestId = requestIdOf(request);
  const response = toErrorResponse(new ApiError(code, message, details, headers), requestId);
  response.headers.set('X-Request-Id', requestId);
  return response;
}
