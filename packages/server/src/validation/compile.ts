import { createSchemaCompiler } from '@nexuscommerce/spec/check';
import { deref, type OpenApiDocument } from '@nexuscommerce/spec/walk';
import type { ValidateFunction } from 'ajv';
import { readOperations, type Operation } from '../spec/operations.js';

/** An operation with its validators, compiled once per spec document. */
export interface CompiledOperation extends Operation {
  /** Validates `{ query, path, headers }`; coerces query strings to numbers and booleans and fills defaults. */
  validateParams: ValidateFunction;
  /** Stops at the first error: linear in the body, and the first error of an oversized array is its size. */
  validateBody: ValidateFunction | null;
  /** Collects every error, for the answer to a body `validateBody` refused (compiled on first use). */
  explainBody: (() => ValidateFunction) | null;
  /** Query parameters the operation declares; others are ignored (decision 040). */
  queryNames: ReadonlySet<string>;
  /** The body takes `{items: [...]}` or one item, which is wrapped before validation. */
  batchBody: boolean;
}

const cache = new WeakMap<OpenApiDocument, CompiledOperation[]>();

/**
 * Compiles every operation's parameter and body schemas with Ajv (JSON Schema 2020-12).
 * Cached per document: many apps (tests, the mock) share one compilation.
 *
 * @example
 * const ops = compileOperations(spec);
 */
export function compileOperations(doc: OpenApiDocument): CompiledOperation[] {
  const cached = cache.get(doc);
  if (cached) return cached;
  // Ajv checks `maxItems` before `items` and `maxLength` before `pattern`; stopping at the first
  // error is what keeps a 100,000-item batch from being validated item by item (decision 038).
  const bodies = createSchemaCompiler(doc, { allErrors: false });
  const explained = createSchemaCompiler(doc);
  // Parameters arrive as strings: this compiler coerces them and applies the spec's defaults.
  const params = createSchemaCompiler(doc, { coerceTypes: true, useDefaults: true });

  const compiled = readOperations(doc).map((op): CompiledOperation => {
    const batchItems = batchItemsSchema(doc, op.bodySchema);
    const body = batchItems ?? op.bodySchema;
    let explain: ValidateFunction | undefined;
    return {
      ...op,
      validateParams: params.compile(paramsSchema(op)),
      validateBody: body ? bodies.compile(body) : null,
      explainBody: body ? () => (explain ??= explained.compile(body)) : null,
      queryNames: new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name)),
      batchBody: batchItems !== null,
    };
  });
  cache.set(doc, compiled);
  return compiled;
}

function paramsSchema(op: Operation): Record<string, unknown> {
  const group = (location: ParameterLocation, closed: boolean) => {
    // A malformed X-Request-Id is replaced by the request-id middleware, never a reason to refuse.
    const params = op.parameters.filter((p) => p.in === location && !(location === 'header' && p.name.toLowerCase() === 'x-request-id'));
    const name = (n: string) => (location === 'header' ? n.toLowerCase() : n);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [name(p.name), p.schema ?? {}])),
      // Idempotency-Key presence has its own error code; the middleware checks it.
      required: params.filter((p) => p.required && name(p.name) !== 'idempotency-key').map((p) => name(p.name)),
      additionalProperties: !closed,
    };
  };
  return {
    type: 'object',
    // Unknown query parameters never reach the validator (the middleware keeps only declared ones).
    properties: { query: group('query', true), path: group('path', true), headers: group('header', false) },
  };
}

type ParameterLocation = 'query' | 'path' | 'header';

/**
 * A batch body is `oneOf: [{items: [X]}, X]`. Validating against the `{items}` branch alone
 * (after wrapping a single X) gives one clear set of errors instead of both branches' errors.
 */
function batchItemsSchema(doc: OpenApiDocument, schema: Record<string, unknown> | null) {
  if (!schema) return null;
  const resolved = deref<Record<string, any>>(doc, schema);
  const [listForm, single] = (resolved.oneOf as Record<string, any>[] | undefined) ?? [];
  const itemSchema = listForm?.properties?.items?.items;
  if (!single || !itemSchema || JSON.stringify(itemSchema) !== JSON.stringify(single)) return null;
  return listForm as Record<string, unknown>;
}
