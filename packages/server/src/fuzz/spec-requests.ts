import { firstExample, jsonMedia, listOperations } from '@nexuscommerce/spec/walk';
import { bundledSpec } from '../spec/document.js';

/** One operation of the spec, with what a test needs to call it like a well-behaved client. */
export interface SpecRequest {
  operationId: string;
  method: string;
  /** As in the spec: `/v1/products/{sku}`. */
  specPath: string;
  /** The spec's path with every parameter filled from its `example`: `/v1/products/TSHIRT-CLASSIC-BLK-M`. */
  path: string;
  /** Path parameters in order of appearance, with their example values. */
  pathParams: Array<{ name: string; example: string }>;
  /** Query parameters the operation declares. */
  queryNames: string[];
  /** The request body's first example, when the operation takes a body. */
  body: unknown;
  takesBody: boolean;
  /** The statuses the spec documents for this operation. */
  statuses: Set<number>;
}

/**
 * Every operation of the bundled spec as a request the spec itself describes. Tests derive their
 * inputs from it, so a new operation is covered without a line changing here.
 *
 * @example
 * specRequests().find((r) => r.operationId === 'getProduct')?.path; // '/v1/products/TSHIRT-CLASSIC-BLK-M'
 */
export function specRequests(): SpecRequest[] {
  return listOperations(bundledSpec).map(({ operationId, method, path, operation, parameters }) => {
    const params = parameters as Array<{ name: string; in: string; example?: unknown; schema?: { examples?: unknown[] } }>;
    const exampleOf = (name: string) => {
      const p = params.find((q) => q.in === 'path' && q.name === name);
      return String(p?.example ?? p?.schema?.examples?.[0] ?? 'X');
    };
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name: name!, example: exampleOf(name!) }));
    const media = jsonMedia(bundledSpec, operation.requestBody);
    return {
      operationId,
      method: method.toUpperCase(),
      specPath: path,
      path: fillPath(path, Object.fromEntries(pathParams.map((p) => [p.name, p.example]))),
      pathParams,
      queryNames: params.filter((p) => p.in === 'query').map((p) => p.name),
      body: media ? firstExample(bundledSpec, media) : undefined,
      takesBody: Boolean(media),
      statuses: new Set(Object.keys(operation.responses ?? {}).map(Number)),
    };
  });
}

/** The spec path with `{name}` replaced by the percent-encoded values given. */
export function fillPath(specPath: string, values: Record<string, string>): string {
  return specPath.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'X'));
}
