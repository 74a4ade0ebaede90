import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'webhooks/index': 'src/webhooks/index.ts',
    // The two targets of the package.json "imports" entry #hmac: the consumer's runtime picks one.
    'webhooks/hmac-node': 'src/webhooks/hmac-node.ts',
    'webhooks/hmac-web': 'src/webhooks/hmac-web.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: { index: 'src/index.ts', 'webhooks/index': 'src/webhooks/index.ts' },
    // The types name AsyncIterable, AsyncGenerator and Symbol.asyncIterator: a project compiled
    // with TypeScript's defaults (ES5 library, no tsconfig) must still type-check against them.
    banner: '/// <reference lib="es2018" />',
  },
  // Shared modules (errors) become one chunk, so `instanceof` works across `.` and `./webhooks`.
  splitting: true,
  // Resolved at the consumer's install, not now: bundling #hmac would pick one variant for everyone.
  external: ['#hmac', 'node:crypto'],
  platform: 'neutral',
  // Keep `node:crypto` as written: Deno and edge runtimes only know Node built-ins by that name.
  removeNodeProtocol: false,
  target: 'es2022',
  treeshake: true,
  sourcemap: true,
  clean: true,
});
