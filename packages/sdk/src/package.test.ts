import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';

// Builds with the package's own tsup config (into a scratch folder inside the package, so Node
// finds openapi-fetch from there) and inspects the import graph of what would be published.
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'node_modules/.cache/sdk-package-test');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  imports: Record<string, Record<string, Record<string, string> | string>>;
};
const BROWSER = ['browser', 'import', 'default'];
const NODE = ['node', 'import', 'default'];

/** Picks a target from a conditional map the way a resolver with `conditions` would. */
function pick(target: Record<string, unknown> | string, conditions: string[]): string {
  if (typeof target === 'string') return target;
  const key = Object.keys(target).find((k) => conditions.includes(k));
  return pick(target[key!] as Record<string, unknown> | string, conditions);
}

/** Every bare or `node:` specifier reachable from `entry`, following relative, `#` and package imports. */
function reachable(entry: string, conditions: string[]): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const specifiers = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g);
    for (const [, spec] of specifiers) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!));
      else if (spec!.startsWith('#')) visit(join(out, pick(pkg.imports[spec!]!, conditions).replace('./dist/', '')));
      else {
        found.add(spec!);
        if (!spec!.startsWith('node:') && !builtinModules.includes(spec!)) {
          visit(createRequire(join(root, 'package.json')).resolve(spec!));
        }
      }
    }
  };
  visit(join(out, entry));
  return found;
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);

beforeAll(async () => {
  await build({ ...config, outDir: out, dts: false, sourcemap: false, silent: true, config: false });
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('published entry points', () => {
  it.each(['index.js', 'index.cjs'])('the default entry (%s) reaches no Node built-in, under any conditions', (entry) => {
    for (const conditions of [BROWSER, NODE]) {
      const specs = [...reachable(entry, conditions)];
      expect(specs).toContain('openapi-fetch'); // the walk does follow dependencies
      expect(specs.filter(isNodeBuiltin)).toEqual([]);
    }
  });

  it('the webhooks entry uses Web Crypto in browsers and node:crypto under Node', () => {
    expect([...reachable('webhooks/index.js', BROWSER)].filter(isNodeBuiltin)).toEqual([]);
    expect([...reachable('webhooks/index.js', NODE)]).toContain('node:crypto');
    expect([...reachable('webhooks/index.cjs', ['browser', 'require', 'default'])].filter(isNodeBuiltin)).toEqual([]);
  });

  it('loads as ESM and as CommonJS', async () => {
    const esm = (await import(pathToFileURL(join(out, 'index.js')).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(join(out, 'index.cjs')) as Record<string, unknown>;
    for (const mod of [esm, cjs]) {
      expect(typeof mod['createNexusClient']).toBe('function');
      expect(Object.keys(mod).sort()).toEqual(Object.keys(esm).sort());
    }
  });

  it.each(['index.js', 'index.cjs'])('%s loads the chunks it defers (ingest, openapi-fetch for raw) when first used', async (entry) => {
    const sdk = (entry.endsWith('.cjs')
      ? createRequire(import.meta.url)(join(out, entry))
      : await import(pathToFileURL(join(out, entry)).href)) as typeof import('./index.js');
    const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const finished = (id: string, total: number) => ({
      id, type: 'products.batch', status: 'succeeded', progress: { total, processed: total, succeeded: total, failed: 0 },
      errors: [], request_id: 'r', created_at: '2026-03-01T10:00:00Z', started_at: null, finished_at: null,
    });
    const totals = new Map<string, number>();
    const nexus = sdk.createNexusClient({
      apiKey: 'nxc_test_chunks',
      fetch: async (request) => {
        const { pathname } = new URL(request.url);
        if (pathname === '/v1/me') return answer({ data: { key_prefix: 'nxc_test_chu' } });
        if (request.method === 'POST') {
          const id = `job_${String(totals.size).padStart(16, '0')}`;
          totals.set(id, ((await request.json()) as { items: unknown[] }).items.length);
          return answer({ data: { job_id: id, type: 'products.batch', status: 'queued', total: totals.get(id), created_at: '2026-03-01T10:00:00Z' } }, 202);
        }
        const id = pathname.split('/').pop()!;
        return pathname === '/v1/jobs'
          ? answer({ data: [...totals].map(([j, n]) => finished(j, n)), meta: { limit: 50, has_more: false, next_cursor: null } })
          : answer({ data: finished(id, totals.get(id)!) });
      },
    });
    const { data, response } = await nexus.raw.GET('/v1/me');
    expect([response.status, data?.data.key_prefix]).toEqual([200, 'nxc_test_chu']);
    const items = Array.from({ length: 5 }, (_, i) => ({ sku: `C-${i}`, title: 'C', price: '1.00', currency: 'EUR' }));
    expect(await nexus.products.ingest(items, { batchSize: 2 })).toMatchObject({ batches: 3, records: 5, succeeded: 5 });
  });

  it('declares every built file it points to', () => {
    for (const conditions of [BROWSER, NODE, ['node', 'require'], ['require']]) {
      const target = pick(pkg.imports['#hmac']!, conditions);
      expect(() => readFileSync(join(out, target.replace('./dist/', '')))).not.toThrow();
    }
  });
});
