import { defineConfig } from 'tsup';

export default defineConfig({
  // One build so the core and the Node adapter share chunks (one copy of the app per process);
  // src/cli.ts starts with a shebang, which esbuild keeps on its entry.
  entry: { index: 'src/index.ts', node: 'src/node.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node24',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  clean: true,
  sourcemap: true,
});
