import type { OpenApiDocument } from './document.js';
import { deref } from './refs.js';

/** Names a schema gives under `key` (`properties` or `required`), through `$ref` and `allOf`. */
function collect(doc: OpenApiDocument, node: unknown, key: 'properties' | 'required', into = new Set<string>()): Set<string> {
  const schema = deref<Record<string, any> | undefined>(doc, node);
  if (!schema || typeof schema !== 'object') return into;
  const found = key === 'properties' ? Object.keys(schema.properties ?? {}) : ((schema.required as string[] | undefined) ?? []);
  for (const name of found) into.add(name);
  for (const part of (schema.allOf as unknown[] | undefined) ?? []) collect(doc, part, key, into);
  return into;
}

/**
 * What the spec's `fields` parameter promises of a list answer, which a schema alone cannot say
 * because it does not see the request: with `fields=a,b`, each item has exactly `a`, `b` and the
 * item's key (the fields its schema requires); without it, every field the item schema names.
 */
export function projectionProblems(doc: OpenApiDocument, listSchema: unknown, fields: string | null, body: unknown): string[] {
  const data = (body as { data?: unknown } | null)?.data;
  const itemSchema = deref<Record<string, any> | undefined>(doc, listSchema)?.properties?.data?.items;
  if (!Array.isArray(data) || !itemSchema) return [];
  const keys = collect(doc, itemSchema, 'required');
  const expected = fields === null ? collect(doc, itemSchema, 'properties') : new Set([...keys, ...fields.split(',')]);
  const problems: string[] = [];
  data.forEach((item, i) => {
    if (!item || typeof item !== 'object') return;
    const present = new Set(Object.keys(item));
    const missing = [...expected].filter((name) => !present.has(name));
    const extra = fields === null ? [] : [...present].filter((name) => !expected.has(name));
    const asked = fields === null ? 'no fields=' : `fields=${fields}`;
    if (missing.length) problems.push(`/data/${i} lacks ${missing.join(', ')} (asked ${asked})`);
    if (extra.length) problems.push(`/data/${i} has ${extra.join(', ')}, which ${asked} did not ask for`);
  });
  return problems;
}
