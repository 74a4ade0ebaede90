import { deref, jsonMedia, listOperations, type HttpMethod, type OpenApiDocument } from '@nexuscommerce/spec/walk';

export type { HttpMethod };

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
 * Every operation of the document as the middleware sees it (path-level parameters merged in by
 * the spec walker).
 *
 * @example
 * readOperations(spec).find((op) => op.operationId === 'createProduct')?.scope; // 'products:write'
 */
export function readOperations(doc: OpenApiDocument): Operation[] {
  return listOperations(doc).map(({ operationId, method, path, operation, parameters }): Operation => {
    const params = parameters as ParameterSpec[];
    const idempotencyParam = params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    return {
      operationId,
      method,
      path,
      routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
      authenticated: !(Array.isArray(operation.security) && operation.security.length === 0),
      scope: (operation['x-required-scope'] as string | undefined) ?? null,
      parameters: params,
      bodySchema: jsonMedia(doc, operation.requestBody)?.schema ?? null,
      bodyRequired: Boolean(operation.requestBody && deref(doc, operation.requestBody).required),
      // The contract requires the key on every POST and PATCH whatever the spec says.
      idempotency:
        method === 'post' || method === 'patch'
          ? 'required'
          : idempotencyParam
            ? idempotencyParam.required ? 'required' : 'optional'
            : 'none',
    };
  });
}
