import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import specJson from '@nexuscommerce/spec/openapi.json' with { type: 'json' };

// ajv and ajv-formats are CommonJS; under ESM the class sits on `.default` in some loaders.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Json = Record<string, any>;
export const spec = specJson as unknown as { paths: Record<string, Record<string, Json>>; components: Json };

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  op: Json;
  regex: RegExp;
  params: number;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const operations: SpecOperation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({
    operationId: item[method]!.operationId as string,
    method,
    path,
    op: { ...item[method], parameters: [...((item.parameters ?? []) as Json[]), ...((item[method]!.parameters ?? []) as Json[])] },
    regex: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    params: (path.match(/\{/g) ?? []).length,
  })),
);

export const operationIds = operations.map((o) => o.operationId);

/** The operation a request went to; static segments win over parameters, as in the router. */
export function matchOperation(method: string, pathname: string): SpecOperation | undefined {
  return operations
    .filter((o) => o.method === method.toLowerCase() && o.regex.test(pathname))
    .sort((a, b) => a.params - b.params)[0];
}

export function deref<T = Json>(value: unknown): T {
  let current = value as Json;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Json, key: string) => node?.[key], spec as Json);
  }
  return current as T;
}

// The document is added once; each (operation, status) schema is compiled once, on first use.
const DOC = 'urn:nexus:openapi';
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema({ $id: DOC, components: spec.components });
const compiled = new Map<string, ReturnType<typeof ajv.compile> | null>();

function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => (k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? [k, DOC + v] : [k, rebase(v)])),
  );
}

/**
 * Checks one response against the spec: its status must be documented for the operation and its
 * body must match that response's schema. Returns the problems (empty when it conforms).
 */
export function checkResponse(method: string, pathname: string, status: number, body: unknown): string[] {
  const op = matchOperation(method, pathname);
  if (!op) return [`${method} ${pathname} is not an operation of the spec`];
  const key = `${op.operationId} ${status}`;
  if (!compiled.has(key)) {
    const documented = op.op.responses?.[String(status)] ?? op.op.responses?.default;
    if (!documented) return [`${op.operationId} answered ${status}, which the spec does not document`];
    const schema = deref(documented).content?.['application/json']?.schema;
    compiled.set(key, schema ? ajv.compile(rebase(schema) as object) : null);
  }
  const validate = compiled.get(key);
  if (validate === undefined) return [`${op.operationId} answered ${status}, which the spec does not document`];
  if (validate === null) return body === null || body === undefined ? [] : [`${op.operationId} ${status} has a body the spec does not describe`];
  if (validate(body)) return [];
  return [`${op.operationId} ${status} body does not match the spec: ${ajv.errorsText(validate.errors, { separator: '; ' })}`];
}
