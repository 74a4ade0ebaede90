import type { OpenApiDocument } from '@nexuscommerce/spec';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface SpecOperation {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  /** Path template as in the spec, e.g. `/v1/products/{sku}`. */
  path: string;
  /** Parameters of the path item and the operation, `$ref`s resolved. */
  parameters: Array<Record<string, any>>;
  operation: Record<string, any>;
}

/** Follows local `$ref`s (`#/components/...`) until it reaches a concrete object. */
export function deref<T = Record<string, any>>(doc: OpenApiDocument, node: any): T {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc: any, key: string) => acc?.[key], doc);
  }
  return current as T;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method];
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      return { operationId: operation.operationId, method, path, parameters, operation };
    }),
  );
}

/** The first example of a media type (`example`, or the first of `examples`). */
export function firstExample(doc: OpenApiDocument, media: Record<string, any> | undefined): unknown {
  if (!media) return undefined;
  if ('example' in media) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first === undefined ? undefined : deref<{ value: unknown }>(doc, first).value;
}
