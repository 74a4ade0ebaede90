import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
// Packages that need Node (or pull in Node modules through their index).
const NODE_ONLY = [/^node:/, /^@nexuscommerce\/spec\/reference$/, /^pg$/, /^pino$/, /^ioredis$/, /^@hono\/node-server/, /^rate-limiter-flexible$/, /^@electric-sql\/pglite/];

/** Every module reachable from an entry through static imports, with the packages they import. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/^(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
    seen.set(file, specifiers.filter((s) => !s.startsWith('.')));
    for (const s of specifiers.filter((s) => s.startsWith('.'))) visit(join(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(join(SRC, entry));
  return seen;
}

describe('the core is runtime-neutral', () => {
  it('reaches no Node-only module from src/index.ts (the MSW mock runs it in a browser)', () => {
    const offenders = [...reachable('index.ts')].flatMap(([file, packages]) =>
      packages.filter((p) => NODE_ONLY.some((re) => re.test(p))).map((p) => `${relative(SRC, file)} imports ${p}`),
    );
    expect(offenders).toEqual([]);
  });

  it('does reach them from src/node.ts, so the check above can fail', () => {
    const packages = [...reachable('node.ts').values()].flat();
    expect(packages).toContain('pg');
  });
});
