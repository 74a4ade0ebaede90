import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './document.js';
import { deref } from './refs.js';
import type { SchemaCompiler } from './schema-compiler.js';

/** Response headers as `fetch` gives them, or as a plain object (names in any case). */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(entry) ? entry.join(', ') : entry;
}

/**
 * Checks the headers of responses: those the documented response marks `required` must be
 * there, and every documented header that is there must match its schema (read as a string, so
 * `"60"` is an integer). Validators are compiled once per header of the document.
 */
export function createHeaderChecker(doc: OpenApiDocument, coercing: SchemaCompiler) {
  const validators = new WeakMap<object, ValidateFunction>();
  const validatorFor = (name: string, header: Record<string, any>) => {
    let validate = validators.get(header);
    if (!validate) {
      // Coercion applies to properties, not to a bare value: wrap it.
      validate = coercing.compile({ type: 'object', properties: { [name]: header.schema } });
      validators.set(header, validate);
    }
    return validate;
  };
  return (documented: Record<string, any>, headers: HeadersLike): string[] => {
    const problems: string[] = [];
    for (const [name, ref] of Object.entries<unknown>(documented.headers ?? {})) {
      const header = deref<Record<string, any>>(doc, ref);
      const value = headerValue(headers, name);
      if (value === undefined) {
        if (header.required) problems.push(`header ${name} is required but missing`);
        continue;
      }
      if (!header.schema) continue;
      const validate = validatorFor(name, header);
      if (!validate({ [name]: value })) problems.push(`header ${name}: ${JSON.stringify(value)} ${coercing.errorsText(validate.errors)}`);
    }
    return problems;
  };
}
