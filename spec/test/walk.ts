/** One place in the document that carries an example, with the schema it must satisfy. */
export interface ExampleSite {
  /** JSON pointer of the example inside the bundled document, for failure messages. */
  where: string;
  /** JSON pointer of the schema the example must validate against. */
  schemaPointer: string;
  value: unknown;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Finds every example in an OpenAPI 3.1 document: media-type `example`/`examples`, parameter and
 * header `example`/`examples`, and schema `examples` arrays. `$ref`'d examples are resolved.
 */
export function collectExamples(doc: Record<string, any>): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const resolve = (node: any): any => {
    let current = node;
    while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
      current = current.$ref
        .slice(2)
        .split('/')
        .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((acc: any, key: string) => acc?.[key], doc);
    }
    return current;
  };
  const visit = (node: any, pointer: string, inSchema: boolean) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`, inSchema));
      return;
    }
    if (!inSchema && node.schema && typeof node.schema === 'object') {
      const schemaPointer = `${pointer}/schema`;
      if ('example' in node) sites.push({ where: `${pointer}/example`, schemaPointer, value: node.example });
      for (const [name, ex] of Object.entries<any>(node.examples ?? {})) {
        const example = resolve(ex);
        if (example && 'value' in example) {
          sites.push({ where: `${pointer}/examples/${escape(name)}`, schemaPointer, value: example.value });
        }
      }
    }
    if (inSchema && Array.isArray(node.examples)) {
      node.examples.forEach((value: unknown, i: number) =>
        sites.push({ where: `${pointer}/examples/${i}`, schemaPointer: pointer, value }),
      );
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'examples' || key === 'example') continue;
      const childIsSchema = key === 'schema' || inSchema || pointer.endsWith('/components/schemas');
      visit(child, `${pointer}/${escape(key)}`, childIsSchema);
    }
  };
  visit(doc, '', false);
  return sites;
}
