import type { OpenApiDocument } from './document.js';
import { deref, escapePointer } from './refs.js';

/** One place in the document that carries an example, with the schema it must satisfy. */
export interface ExampleSite {
  /** JSON pointer of the example, for failure messages. */
  where: string;
  /** JSON pointer of the schema the example must validate against. */
  schemaPointer: string;
  value: unknown;
}

/**
 * Finds every example of the document: `example`/`examples` of media types, parameters and
 * headers (beside their `schema`), and the `examples` arrays of schemas. `$ref`'d examples are
 * resolved, so each site carries the value itself.
 *
 * @example
 * collectExamples(spec).filter((s) => s.where.startsWith('/webhooks/')).length; // > 0
 */
export function collectExamples(doc: OpenApiDocument): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const visit = (node: unknown, pointer: string, inSchema: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`, inSchema));
      return;
    }
    const record = node as Record<string, any>;
    if (!inSchema && record.schema && typeof record.schema === 'object') {
      const schemaPointer = `${pointer}/schema`;
      if ('example' in record) sites.push({ where: `${pointer}/example`, schemaPointer, value: record.example });
      for (const [name, ex] of Object.entries<unknown>(record.examples ?? {})) {
        const example = deref<{ value?: unknown } | undefined>(doc, ex);
        if (example && 'value' in example) sites.push({ where: `${pointer}/examples/${escapePointer(name)}`, schemaPointer, value: example.value });
      }
    }
    if (inSchema && Array.isArray(record.examples)) {
      record.examples.forEach((value: unknown, i: number) => sites.push({ where: `${pointer}/examples/${i}`, schemaPointer: pointer, value }));
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'examples' || key === 'example') continue;
      const childIsSchema = inSchema || key === 'schema' || pointer === '/components/schemas';
      visit(child, `${pointer}/${escapePointer(key)}`, childIsSchema);
    }
  };
  visit(doc, '', false);
  return sites;
}
