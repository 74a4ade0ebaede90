import { UsageError } from '../usage-error.js';
import type { Fields, Shape } from './shapes.js';

/** A CSV column: where its cells go in the record, and how they are read. */
export interface Column {
  name: string;
  path: (string | number)[];
  shape: Shape;
}

const MAX_INDEX = 999;

/**
 * Reads the header row: `attributes.color` is the `color` key of the `attributes` map,
 * `items.0.sku` the `sku` of the first order line, `address` (an object) takes a JSON cell.
 * Unknown or repeated columns are a UsageError, before anything is sent.
 * @example
 * compileColumns(['sku', 'attributes.color'], SHAPES.products); // [{ path: ['sku'] … }, { path: ['attributes', 'color'] … }]
 */
export function compileColumns(header: string[], fields: Fields): Column[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const name = raw.trim();
    if (!name) throw new UsageError(`CSV header: column ${i + 1} has no name`);
    if (seen.has(name)) throw new UsageError(`CSV header: column "${name}" appears twice`);
    seen.add(name);
    const path: (string | number)[] = [];
    let shape: Shape = fields;
    for (const segment of name.split('.')) {
      shape = step(shape, segment, name, path);
    }
    return { name, path, shape };
  });
}

function step(shape: Shape, segment: string, name: string, path: (string | number)[]): Shape {
  if (shape === 'map') {
    path.push(segment);
    return 'string';
  }
  if (Array.isArray(shape)) {
    const index = Number(segment);
    if (!/^\d+$/.test(segment) || index > MAX_INDEX) {
      throw new UsageError(`CSV header: in "${name}", "${segment}" should be a position in the list (0, 1, 2 …)`);
    }
    path.push(index);
    return (shape as readonly [Shape])[0];
  }
  if (typeof shape === 'object') {
    const fields = shape as Fields;
    if (!Object.hasOwn(fields, segment)) {
      const where = path.length ? `"${path.join('.')}"` : 'this resource';
      throw new UsageError(`CSV header: "${name}" is not a field of ${where}; the fields are ${Object.keys(fields).join(', ')}`);
    }
    path.push(segment);
    return fields[segment]!;
  }
  throw new UsageError(`CSV header: "${name}" goes inside "${path.join('.')}", which holds a ${shape}, not fields`);
}
