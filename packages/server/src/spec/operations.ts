import type { OpenApiDocument } from './document.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof METHODS)[number];

export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

/** What the middleware needs to know about one operation, read from the spec once. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** As in the spec: `/v1/products/{sku}`. */
  path: string;
  /** As Hono routes it: `/v1/products/:sku`. */
  routePath: string;
  /** False for operations with `security: []` (health). */
  authenticated: boolean;
  /** `x-required-scope`; null when the operation needs a key but no scope (`/v1/me`). */
  scope: string | null;
  parameters: ParameterSpec[];
  /** The JSON request body schema, when the operation takes a body. */
  bodySchema: Record<string, unknown> | null;
  bodyRequired: boolean;
  idempotency: 'required' | 'optional' | 'none';
}

/**
 * Lists every operation of the document, with path-level parameters merged in.
 *
 * @example
 * readOperations(spec).find((op) => op.operationId === 'createProduct')?.scope; // 'products:write'
 */
export function readOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as unknown[]) ?? []).map((p) => deref<ParameterSpec>(doc, p));
    for (const method of METHODS) {
      const op = item[method] as Record<string, any> | undefined;
      if (!op) continue;
      const own = ((op.parameters as unknown[]) ?? []).map((p) => deref<ParameterSpec>(doc, p));
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      const body = op.requestBody ? deref<Record<string, any>>(doc, op.requestBody) : null;
      const idempotencyParam = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      operations.push({
        operationId: op.operationId,
        method,
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        authenticated: !(Array.isArray(op.security) && op.security.length === 0),
        scope: (op['x-required-scope'] as string | undefined) ?? null,
        parameters,
        bodySchema: body?.content?.['application/json']?.schema ?? null,
        bodyRequired: Boolean(body?.required),
        // The contract requires the key on every POST and PATCH whatever the spec says.
        idempotency:
          method === 'post' || method === 'patch'
            ? 'required'
            : idempotencyParam
              ? idempotencyParam.required ? 'required' : 'optional'
              : 'none',
      });
    }
  }
  return operations;
}

/** Follows a local `$ref` (`#/components/...`) to its target. */
export function deref<T>(doc: OpenApiDocument, value: unknown): T {
  let current = value as Record<string, unknown>;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current as T;
}
