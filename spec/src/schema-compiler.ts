import Ajv2020Module, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './document.js';

// ajv and ajv-formats are CommonJS; depending on the loader the export is the value or its `.default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

/** Compiles schemas taken from one document, whose local `$ref`s point into that document. */
export interface SchemaCompiler {
  compile(schema: unknown): ValidateFunction;
  /** Ajv's errors as one line: `/data/sku must be string; …`. */
  errorsText(errors: ErrorObject[] | null | undefined): string;
}

let documents = 0;

/** `/data/0/status must be equal to one of the allowed values (draft, active)`: where, what, and the name or values involved. */
function describeError(error: ErrorObject): string {
  const where = error.instancePath ? `${error.instancePath} ` : '';
  const { params } = error;
  const named = params.additionalProperty ?? params.unevaluatedProperty;
  const detail = named !== undefined ? `: ${named}` : Array.isArray(params.allowedValues) ? ` (${params.allowedValues.join(', ')})` : '';
  return `${where}${error.message ?? 'is invalid'}${detail}`;
}

/**
 * An Ajv (JSON Schema 2020-12, formats on) that knows the document's components, so a schema
 * cut out of it (a request body, a response, a parameter) compiles with its references intact.
 * `options` go to Ajv, e.g. `{ coerceTypes: true, useDefaults: true }` for query strings.
 *
 * @example
 * const compiler = createSchemaCompiler(spec);
 * const validate = compiler.compile({ $ref: '#/components/schemas/Product' });
 */
export function createSchemaCompiler(doc: OpenApiDocument, options: Options = {}): SchemaCompiler {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true, ...options }));
  const id = `urn:nexuscommerce:openapi:${++documents}`;
  ajv.addSchema({ $id: id, components: doc.components ?? {} });
  const rebase = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rebase);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? [key, `${id}${value}`] : [key, rebase(value)],
      ),
    );
  };
  return {
    compile: (schema) => ajv.compile(rebase(schema) as object),
    errorsText: (errors) => (errors ?? []).map(describeError).join('; '),
  };
}
