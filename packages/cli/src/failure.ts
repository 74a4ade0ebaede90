import { ApiError, ConnectionError, NexusError, TimeoutError } from '@nexuscommerce/sdk';

/**
 * One line saying why a request failed, with what support needs to find it (the request id).
 * @example
 * stderr.write(`nexus: ${describeFailure(error, origin)}\n`);
 */
export function describeFailure(error: unknown, origin = 'the API'): string {
  if (error instanceof ApiError) {
    const details = error.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
    const what = `${error.status} ${error.code ?? ''}`.trim();
    return `the API answered ${what}: ${error.message}${details ? ` (${details})` : ''}${error.requestId ? ` [request ${error.requestId}]` : ''}`;
  }
  if (error instanceof ConnectionError) return `could not reach ${origin}: ${causeOf(error)}`;
  if (error instanceof TimeoutError) return `${origin} did not answer in time: ${error.message}`;
  if (error instanceof NexusError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The most specific reason in the cause chain: a system error code (ECONNREFUSED), else the innermost message. */
function causeOf(error: Error): string {
  let reason = error.message;
  for (let e: unknown = error.cause; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    reason = e.message;
  }
  return reason;
}
