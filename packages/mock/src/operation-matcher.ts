import type { OpenApiDocument } from '@nexuscommerce/spec';
import { listOperations, type SpecOperation } from './spec-operations.js';

/**
 * Finds the spec operation a request is for, by method and path template. Templates with more
 * literal segments win, so `/v1/inventory/licenses` is not taken for `/v1/inventory/{sku}`.
 *
 * @example
 * const match = createOperationMatcher(spec);
 * match('GET', '/v1/products/TSHIRT-1')?.operationId; // 'getProduct'
 */
export function createOperationMatcher(doc: OpenApiDocument): (method: string, pathname: string) => SpecOperation | undefined {
  const compiled = listOperations(doc)
    .map((op) => {
      const segments = op.path.split('/');
      const pattern = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escape(s))).join('/');
      const literals = segments.filter((s) => !s.startsWith('{')).length;
      return { op, regex: new RegExp(`^${pattern}/?$`), literals };
    })
    .sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    const verb = method.toLowerCase();
    return compiled.find((c) => c.op.method === verb && c.regex.test(pathname))?.op;
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
