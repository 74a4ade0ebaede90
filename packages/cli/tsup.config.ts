import { defineConfig } from 'tsup';

export default defineConfig({
  // One executable; src/cli.ts starts with a shebang, which esbuild keeps on its entry.
  // Dependencies (the SDK, csv-parse, cli-progress) stay external and are installed with the package.
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
