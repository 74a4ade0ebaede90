import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

/**
 * Follows every file `$ref` from `entry` (relative to `root`) and returns the referenced files
 * that are not there, each with the file that refers to it.
 *
 * @example
 * await missingReferences('node_modules/@nexuscommerce/spec'); // [] when the package is whole
 */
export async function missingReferences(root: string, entry = 'openapi.yaml'): Promise<{ file: string; from: string }[]> {
  const seen = new Set([entry]);
  const queue = [{ file: entry, from: '(entry)' }];
  const missing: { file: string; from: string }[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const text = await readFile(join(root, next.file), 'utf8').catch(() => null);
    if (text === null) {
      missing.push(next);
      continue;
    }
    for (const ref of refsIn(parse(text))) {
      const target = ref.split('#')[0]!;
      if (target === '' || /^[a-z]+:/i.test(target)) continue; // same file, or a URL
      const file = relative(root, join(root, dirname(next.file), target));
      if (!seen.has(file)) {
        seen.add(file);
        queue.push({ file, from: next.file });
      }
    }
  }
  return missing;
}
