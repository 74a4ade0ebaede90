import { defineConfig } from 'tsup';

export default defineConfig({
  // One build, so the environment entries share the core's chunks. @nexuscommerce/server and msw
  // are dependencies and stay external: the app's bundler picks the server's browser-safe index
  // and the app's own msw (whose worker script must match its version).
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    browser: 'src/browser.ts',
    prism: 'src/prism.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts', prism: 'src/prism.ts' } },
  external: ['@nexuscommerce/server', 'msw'],
  clean: true,
  target: 'es2022',
});
