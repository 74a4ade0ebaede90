import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', prism: 'src/prism.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', prism: 'src/prism.ts' } },
  clean: true,
  target: 'node20',
});
