import { HTTP_METHODS, type HttpMethod, type OpenApiDocument } from './document.js';
import { deref, escapePointer } from './refs.js';

/** One operation of the document, with everything a caller needs resolved. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** Path template as in the spec, e.g. `/v1/products/{sku}`. */
  path: string;
  /** JSON pointer of the operation object, e.g. `/paths/~1v1~1products/get`. */
  pointer: string;
  /**
   * Parameters of the path item and of the operation, `$ref`s resolved. An operation's own
   * parameter replaces the path item's with the same name and location, as OpenAPI says.
   */
  parameters: Array<Record<string, any>>;
  /** The operation object as written (its `responses`, `x-…` markers, …). */
  operation: Record<string, any>;
}

/**
 * Every operation of the document, in document order.
 *
 * @example
 * listOperations(spec).find((op) => op.operationId === 'getProduct')?.path; // '/v1/products/{sku}'
 */
export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, rawItem]) => {
    const item = deref(doc, rawItem);
    const shared = ((item.parameters as unknown[]) ?? []).map((p) => deref(doc, p));
    return HTTP_METHODS.filter((method) => item[method]).map((method): SpecOperation => {
      const operation = item[method] as Record<string, any>;
      const own = ((operation.parameters as unknown[]) ?? []).map((p) => deref(doc, p));
      const inherited = shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in));
      return {
        operationId: operation.operationId,
        method,
        path,
        pointer: `/paths/${escapePointer(path)}/${method}`,
        parameters: [...inherited, ...own],
        operation,
      };
    });
  });
}

/**
 * The response an operation documents for a status: the exact code, else its range (`4XX`),
 * else `default`; `undefined` when the spec lists none of them.
 *
 * @example
 * documentedResponse(spec, getProduct, 404)?.description; // 'No such record …'
 */
export function documentedResponse(doc: OpenApiDocument, op: Pick<SpecOperation, 'operation'>, status: number): Record<string, any> | undefined {
  const responses = (op.operation.responses ?? {}) as Record<string, unknown>;
  const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return found === undefined ? undefined : deref(doc, found);
}

/** The `application/json` media type of a request body or response, `$ref`s resolved. */
export function jsonMedia(doc: OpenApiDocument, bodyOrResponse: unknown): Record<string, any> | undefined {
  if (!bodyOrResponse) return undefined;
  return deref<Record<string, any>>(doc, bodyOrResponse).content?.['application/json'];
}

/**
 * The first example of a media type: its `example`, or the first of its `examples`.
 *
 * @example
 * firstExample(spec, jsonMedia(spec, createProduct.operation.requestBody)); // { sku: 'TSHIRT-…', … }
 */
export function firstExample(doc: OpenApiDocument, media: Record<string, any> | undefined): unknown {
  if (!media) return undefined;
  if ('example' in media) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first === undefined ? undefined : deref<{ value?: unknown }>(doc, first).value;
}
