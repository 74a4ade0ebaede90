/** Each path of the resource table, split once: literal, parameter name, literal, … */
const templates = new Map<string, string[]>();

/**
 * The URL of one operation: `path` with its parameters filled in, each percent-encoded, and the
 * query appended, written the way openapi-fetch's defaults write them (lists exploded:
 * `a=1&a=2`; `undefined` and `null` left out), so a resource call and the same call through
 * `raw` reach the same URL. Every query parameter of the API is a scalar or a list of scalars.
 * @example
 * operationUrl('https://api.nexuscommerce.example', '/v1/products/{sku}', { sku: 'A B' }, { fields: 'sku' });
 * // 'https://api.nexuscommerce.example/v1/products/A%20B?fields=sku'
 */
export function operationUrl(
  base: string,
  path: string,
  pathParams: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  let url = base;
  // Split once per path: literal, name, literal, …
  let parts = templates.get(path);
  if (!parts) templates.set(path, (parts = path.split(/\{(\w+)\}/)));
  url += parts[0];
  for (let i = 1; i < parts.length; i += 2) url += encodeURIComponent(String(pathParams?.[parts[i]!])) + parts[i + 1];
  const search: string[] = [];
  for (const name in query) {
    const value = query[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.push(`${name}=${encodeURIComponent(String(item))}`);
    }
  }
  return search.length ? `${url}?${search.join('&')}` : url;
}
