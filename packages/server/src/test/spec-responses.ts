import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { bundledSpec } from '../spec/document.js';
import { deref, readOperations } from '../spec/operations.js';

const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;

const DOC_ID = 'urn:test:openapi';
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema({ $id: DOC_ID, components: bundledSpec.components ?? {} });
const operations = readOperations(bundledSpec).map((op) => ({
  op,
  regex: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  // Static segments win over parameters, as in the router (`/products/bulk` before `/products/{sku}`).
  params: (op.path.match(/\{/g) ?? []).length,
}));

/**
 * Checks a response against the spec: the status must be documented for the operation and the
 * body must match its schema. Every route test calls it through the harness, so each test is
 * also a contract test.
 */
export function assertMatchesSpec(method: string, path: string, status: number, body: unknown): void {
  const pathname = path.split('?')[0]!;
  const match = operations
    .filter(({ op, regex }) => op.method === method.toLowerCase() && regex.test(pathname))
    .sort((a, b) => a.params - b.params)[0];
  // Unknown routes and methods have no operation; the error envelope is checked by the tests.
  if (!match) return;
  const responses = (bundledSpec.paths[match.op.path]![match.op.method] as Record<string, any>).responses;
  const documented = responses[String(status)] ?? responses.default;
  if (!documented) throw new Error(`${method} ${match.op.path} answered ${status}, which the spec does not list`);
  const schema = deref<Record<string, any>>(bundledSpec, documented).content?.['application/json']?.schema;
  if (!schema) {
    if (body !== null) throw new Error(`${method} ${match.op.path} ${status} has a body the spec does not describe`);
    return;
  }
  const validate = ajv.compile(rebase(schema));
  if (!validate(body)) {
    throw new Error(`${method} ${match.op.path} ${status} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}

function rebase(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => (k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? [k, DOC_ID + v] : [k, rebase(v)])),
  );
}
