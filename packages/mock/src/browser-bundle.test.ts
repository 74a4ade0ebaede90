import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

// esbuild comes with tsup; resolve it from there rather than adding a dependency.
const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve('tsup'))('esbuild') as { build(options: object): Promise<BuildResult> };

interface BuildResult {
  outputFiles: { text: string }[];
  metafile: { inputs: Record<string, unknown> };
}
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The browser entry as a web app's bundler would build it: server core and spec in, msw out. */
async function buildBrowserBundle() {
  const result = await esbuild.build({
    entryPoints: [here('./browser.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    external: ['msw', 'msw/*'],
    alias: { '@nexuscommerce/server': here('../../server/src/index.ts') },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, inputs: Object.keys(result.metafile.inputs), gzip: gzipSync(code, { level: 9 }).length };
}

it('the browser bundle carries the server core without Node built-ins or PGlite', async () => {
  const { code, inputs, gzip } = await buildBrowserBundle();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`browser bundle (msw external): ${kb(code.length)} min, ${kb(gzip)} min+gzip, ${inputs.length} modules`);

  expect(inputs.some((i) => i.includes('server/src/app.ts'))).toBe(true);
  expect(inputs.filter((i) => i.startsWith('node:') || /pglite|[/\\]pg[/\\]|pino|ioredis/i.test(i))).toEqual([]);
  expect(code).not.toMatch(/["'`]node:[a-z_/]+["'`]/);
  expect(code.toLowerCase()).not.toContain('pglite');
  // msw stays external: the app already has it (and its worker script must match its version).
  expect(inputs.some((i) => i.includes('node_modules/msw/'))).toBe(false);
  // A budget that fails on a regression (e.g. a Node-only dependency pulled in), not on small growth.
  expect(gzip).toBeLessThan(300 * 1024);
});
