import { defineConfig } from 'tsup';

export default defineConfig({
  // One build, so the environment entries share the core's chunks. The server's runtime-neutral
  // core is compiled in (decision 028): a frontend app installing the mock gets the core's own
  // few dependencies (hono, ajv, the spec), never the server's Node drivers. msw stays external:
  // the app's msw must match the worker script it serves.
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    browser: 'src/browser.ts',
    prism: 'src/prism.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm'],
  dts: {
    entry: { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts', prism: 'src/prism.ts' },
    // The server's types come from its source, so they are compiled into these declarations too.
    compilerOptions: { baseUrl: '.', paths: { '@nexuscommerce/server': ['../server/src/index.ts'] } },
  },
  noExternal: [/^@nexuscommerce\/server$/],
  external: ['msw', '@nexuscommerce/spec', 'hono', 'ajv', 'ajv-formats', '@hono/node-server'],
  clean: true,
  target: 'es2022',
  // Keep `with { type: 'json' }` on the spec's JSON import: Node refuses a JSON module without it,
  // and browser bundlers accept it.
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'import-attributes': true };
  },
});
