import type { OpenApiDocument } from './document.js';
import { listOperations, type SpecOperation } from './operations.js';

/** Finds the operation a request is for; `undefined` when the spec has none. */
export type OperationMatcher = (method: string, pathname: string) => SpecOperation | undefined;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Matches requests to operations by method and path template. Templates with more literal
 * segments win, as in the server's router, so `/v1/inventory/licenses` is not taken for
 * `/v1/inventory/{sku}`. A trailing slash is a different path, as it is for the server.
 *
 * @example
 * const match = createOperationMatcher(spec);
 * match('GET', '/v1/products/TSHIRT-1')?.operationId; // 'getProduct'
 */
export function createOperationMatcher(doc: OpenApiDocument): OperationMatcher {
  const compiled = listOperations(doc)
    .map((op) => {
      const segments = op.path.split('/');
      const pattern = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/');
      return { op, regex: new RegExp(`^${pattern}$`), literals: segments.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    const verb = method.toLowerCase();
    return compiled.find((c) => c.op.method === verb && c.regex.test(pathname))?.op;
  };
}
