import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The server is developed alongside: test against its source, not a dist that may be stale.
    // (The tsup build keeps @nexuscommerce/server external, so published code imports its dist.)
    alias: { '@nexuscommerce/server': fileURLToPath(new URL('../server/src/index.ts', import.meta.url)) },
  },
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
