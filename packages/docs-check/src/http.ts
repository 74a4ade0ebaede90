import { spec } from '@nexuscommerce/spec';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);

/** `/v1/products/{sku}` → a pattern for `/v1/products/TSH-00001`. */
const pattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
const operations = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.keys(item).filter((method) => METHODS.has(method.toUpperCase())).map((method) => ({ method: method.toUpperCase(), template, match: pattern(template) })),
);

/**
 * What is wrong with an `http` block: its request line must name an operation of the spec
 * (method and path, the query ignored), and each line after it must read as `Name: value`.
 *
 * @example
 * httpProblems('GET /v1/products/TSH-00001\nPrefer: code=404'); // []
 */
export function httpProblems(code: string): string[] {
  const [request = '', ...headers] = code.split('\n').filter((line) => line.trim() !== '');
  const [method = '', target = ''] = request.trim().split(/\s+/);
  const path = target.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!;
  const problems: string[] = [];
  if (!operations.some((operation) => operation.method === method && operation.match.test(path))) {
    problems.push(`"${request.trim()}" is no operation of the spec`);
  }
  for (const header of headers) if (!/^[A-Za-z][\w-]*:\s*\S/.test(header)) problems.push(`"${header}" is not a "Name: value" header line`);
  return problems;
}
