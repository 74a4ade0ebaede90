import Ajv2020Module, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from '../spec/document.js';
import { deref, readOperations, type Operation } from '../spec/operations.js';

// ajv and ajv-formats are CommonJS; depending on the loader the class is the default or its `.default`.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;

const DOC_ID = 'urn:nexuscommerce:openapi';

/** An operation with its validators, compiled once per spec document. */
export interface CompiledOperation extends Operation {
  /** Validates `{ query, path, headers }`; coerces query strings to numbers and booleans and fills defaults. */
  validateParams: ValidateFunction;
  validateBody: ValidateFunction | null;
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
  const options = { strict: false, allErrors: true, validateFormats: true } as const;
  const bodyAjv = addFormats(new Ajv2020(options));
  // Parameters arrive as strings: this instance coerces them and applies the spec's defaults.
  const paramAjv = addFormats(new Ajv2020({ ...options, coerceTypes: true, useDefaults: true }));
  const container = { $id: DOC_ID, components: doc.components ?? {} };
  bodyAjv.addSchema(container);
  paramAjv.addSchema(container);

  const compiled = readOperations(doc).map((op): CompiledOperation => {
    const batchItems = batchItemsSchema(doc, op.bodySchema);
    const body = batchItems ?? op.bodySchema;
    return {
      ...op,
      validateParams: paramAjv.compile(rebase(paramsSchema(op))),
      validateBody: body ? bodyAjv.compile(rebase(body)) : null,
      batchBody: batchItems !== null,
    };
  });
  cache.set(doc, compiled);
  return compiled;
}

function paramsSchema(op: Operation): Record<string, unknown> {
  const group = (location: ParameterLocation, closed: boolean) => {
    const params = op.parameters.filter((p) => p.in === location);
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

/** Points local `#/components/...` references at the document added to Ajv. */
function rebase(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? [key, `${DOC_ID}${value}`]
        : [key, rebase(value)],
    ),
  );
}
