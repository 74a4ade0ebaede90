import type { OpenApiDocument } from './document.js';

/** One segment of a JSON pointer, escaped (`/v1/products` → `~1v1~1products`). */
export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The node at a JSON pointer of the document (`/components/schemas/Product`; a leading `#` is
 * allowed), or `undefined` when the pointer leads nowhere.
 *
 * @example
 * atPointer(spec, '#/components/schemas/Sku'); // { type: 'string', … }
 */
export function atPointer(doc: OpenApiDocument, pointer: string): unknown {
  const path = pointer.replace(/^#/, '');
  if (path === '') return doc;
  return path
    .slice(1)
    .split('/')
    .map(unescapePointer)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * Follows local `$ref`s (`#/components/...`) until it reaches a node that is not a reference.
 * A bundled document has no other kind; a remote or circular reference is a broken document
 * and throws rather than being read as "nothing there".
 *
 * @example
 * deref(spec, { $ref: '#/components/parameters/Limit' }).name; // 'limit'
 */
export function deref<T = Record<string, any>>(doc: OpenApiDocument, node: unknown): T {
  let current = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#')) throw new Error(`Only local references can be resolved, not ${ref}`);
    if (seen.has(ref)) throw new Error(`Circular reference ${ref}`);
    seen.add(ref);
    current = atPointer(doc, ref);
  }
  return current as T;
}
