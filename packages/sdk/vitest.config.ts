import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // package.json "imports" points #hmac at dist/; tests run the source (both variants are
    // also tested directly in hmac.test.ts).
    alias: { '#hmac': fileURLToPath(new URL('./src/webhooks/hmac-node.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // CI runs every package's tests at once on two cores; Chromium's start alone can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
