import { ApiError, ConnectionError, NexusError, TimeoutError } from '@nexuscommerce/sdk';

/**
 * One line saying why a request failed, with what support needs to find it (the request id).
 * @example
 * stderr.write(`nexus: ${describeFailure(error, origin)}\n`);
 */
export function describeFailure(error: unknown, origin: string): string {
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

function causeOf(error: Error): string {
  const cause = error.cause as { code?: string; message?: string; cause?: { code?: string } } | undefined;
  return cause?.cause?.code ?? cause?.code ?? cause?.message ?? error.message;
}
